package dev.justbehave;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DisplayNameGenerator;

/**
 * Names behaviour contexts and their {@code @Then} methods as sentences, so that a test report reads as a
 * specification. A context is named after each scenario step of its class hierarchy, joined by an arrow:
 * {@code AndMyPaymentIsRejected extends WhenIMakeAPayment} reads "When I make a payment → and my payment is rejected".
 *
 * <p>A class is a scenario step when it is concrete, declares {@code @Then} methods, or carries {@code @DisplayName}
 * (whose value then names the step); abstract classes that only share set-up are left out of the name.
 */
final class SentenceDisplayNames implements DisplayNameGenerator {

    private static final String STEP_SEPARATOR = " \u2192 ";
    private static final Set<Class<?>> BASE_CLASSES =
            Set.of(Object.class, BehaviourContext.class, BehaviourTest.class, AsyncBehaviourTest.class);

    @Override
    public String generateDisplayNameForClass(Class<?> testClass) {
        Deque<Class<?>> steps = new ArrayDeque<>();
        for (Class<?> type = testClass; type != null && !BASE_CLASSES.contains(type); type = type.getSuperclass()) {
            if (type == testClass || isScenarioStep(type)) {
                steps.addFirst(type);
            }
        }
        String opening = stepName(steps.removeFirst(), Sentences::capitalized);
        return steps.stream()
                .map(step -> STEP_SEPARATOR + stepName(step, Sentences::continued))
                .collect(Collectors.joining("", opening, ""));
    }

    @Override
    public String generateDisplayNameForNestedClass(List<Class<?>> enclosingInstanceTypes, Class<?> nestedClass) {
        return generateDisplayNameForClass(nestedClass);
    }

    @Override
    public String generateDisplayNameForMethod(List<Class<?>> enclosingInstanceTypes, Class<?> testClass, Method testMethod) {
        return Sentences.of(testMethod.getName());
    }

    private static boolean isScenarioStep(Class<?> type) {
        return !Modifier.isAbstract(type.getModifiers())
                || type.isAnnotationPresent(DisplayName.class)
                || Arrays.stream(type.getDeclaredMethods()).anyMatch(method -> method.isAnnotationPresent(Then.class));
    }

    /** A {@code @DisplayName} is used as written; a class name is turned into a sentence placed by {@code placed}. */
    private static String stepName(Class<?> type, UnaryOperator<String> placed) {
        DisplayName displayName = type.getAnnotation(DisplayName.class);
        return displayName != null ? displayName.value() : placed.apply(Sentences.of(type.getSimpleName()));
    }
}
