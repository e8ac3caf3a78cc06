package dev.justbehave;

import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Drives a behaviour context through JUnit: establishes it before its first {@code @Then} method, fails each
 * {@code @Then} method of a context that could not be established, and cleans up after the last one.
 */
final class BehaviourExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        behaviourContext(context).ifPresent(behaviour -> behaviour.establish(context.getDisplayName()));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        behaviourContext(context).ifPresent(BehaviourContext::requireEstablished);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        Optional<BehaviourContext<?>> behaviour = behaviourContext(context);
        if (behaviour.isPresent()) {
            behaviour.get().tearDown();
        }
    }

    /** The context under test, unless JUnit runs some other class (a {@code @Nested} one) under this extension. */
    private static Optional<BehaviourContext<?>> behaviourContext(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        if (!BehaviourContext.class.isAssignableFrom(testClass)) {
            return Optional.empty();
        }
        Object instance = context.getTestInstance().orElseThrow(() -> new ExtensionConfigurationException(
                testClass.getName() + " must keep @TestInstance(PER_CLASS): when() runs once for all its @Then methods"));
        return Optional.of((BehaviourContext<?>) instance);
    }
}
