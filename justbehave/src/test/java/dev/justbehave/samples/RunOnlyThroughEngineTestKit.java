package dev.justbehave.samples;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Enables {@link Sample} contexts only when {@link SampleRunner} runs them. */
public final class RunOnlyThroughEngineTestKit implements ExecutionCondition {

    static final String ENABLING_PARAMETER = "justbehave.samples.enabled";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return context.getConfigurationParameter(ENABLING_PARAMETER, Boolean::parseBoolean).orElse(false)
                ? ConditionEvaluationResult.enabled("run by SampleRunner")
                : ConditionEvaluationResult.disabled("sample context: runs only through EngineTestKit in justbehave's own tests");
    }
}
