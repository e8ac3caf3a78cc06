package dev.justsaying.handle;

import java.util.Map;
import java.util.Objects;

/**
 * The outcome of a batch: every message succeeded except those listed as failures, by SQS message id.
 */
public final class BatchResult {

    private static final BatchResult ALL_SUCCEEDED = new BatchResult(Map.of());

    private final Map<String, HandleResult> failures;

    private BatchResult(Map<String, HandleResult> failures) {
        this.failures = failures;
    }

    /** Every message of the batch was handled. */
    public static BatchResult allSucceeded() {
        return ALL_SUCCEEDED;
    }

    /** These messages (by {@link MessageContext#messageId()}) failed; the rest were handled. */
    public static BatchResult withFailures(Map<String, HandleResult> failuresByMessageId) {
        failuresByMessageId.forEach((id, result) -> {
            Objects.requireNonNull(id, "message id");
            if (result.isSuccess()) {
                throw new IllegalArgumentException("message " + id + " is listed as a failure but its result is a success");
            }
        });
        return failuresByMessageId.isEmpty() ? ALL_SUCCEEDED : new BatchResult(Map.copyOf(failuresByMessageId));
    }

    /** The result for the message with this id. */
    public HandleResult resultFor(String messageId) {
        return failures.getOrDefault(messageId, HandleResult.success());
    }

    /** The failed messages by id. */
    public Map<String, HandleResult> failures() {
        return failures;
    }

    @Override
    public String toString() {
        return failures.isEmpty() ? "all succeeded" : "failures " + failures;
    }
}
