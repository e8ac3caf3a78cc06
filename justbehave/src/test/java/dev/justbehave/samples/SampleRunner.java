package dev.justbehave.samples;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Arrays;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs sample contexts on the Jupiter engine, with a fresh {@link Journal}. */
public final class SampleRunner {

    private SampleRunner() {
    }

    public static EngineExecutionResults run(Class<?>... contexts) {
        Journal.clear();
        return engine().configurationParameter(RunOnlyThroughEngineTestKit.ENABLING_PARAMETER, "true")
                .selectors(Arrays.stream(contexts).map(context -> selectClass(context)).toArray(DiscoverySelector[]::new))
                .execute();
    }

    /** Runs them as a plain build would, without enabling the samples. */
    public static EngineExecutionResults runUnguarded(Class<?> context) {
        Journal.clear();
        return engine().selectors(selectClass(context)).execute();
    }

    private static EngineTestKit.Builder engine() {
        return EngineTestKit.engine("junit-jupiter");
    }
}
