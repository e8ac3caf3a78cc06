package dev.justsaying.localaws.sns;

/**
 * An SNS error as the AWS Query protocol reports it: the code the SDK maps to its exception type, the HTTP status and
 * a message. Thrown by request handling and turned into an {@code ErrorResponse} document.
 */
final class SnsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final int status;

    SnsException(String code, int status, String message) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
    }

    String code() {
        return code;
    }

    int status() {
        return status;
    }

    /** Whether the caller is at fault (AWS's {@code Type} Sender) rather than the service (Receiver). */
    boolean senderFault() {
        return status < 500;
    }

    static SnsException invalidParameter(String reason) {
        return new SnsException("InvalidParameter", 400, "Invalid parameter: " + reason);
    }

    static SnsException invalidParameterValue(String message) {
        return new SnsException("ParameterValueInvalid", 400, message);
    }

    static SnsException topicNotFound() {
        return new SnsException("NotFound", 404, "Topic does not exist");
    }

    static SnsException subscriptionNotFound() {
        return new SnsException("NotFound", 404, "Subscription does not exist");
    }

    static SnsException resourceNotFound() {
        return new SnsException("ResourceNotFound", 404, "Resource does not exist");
    }

    static SnsException messageTooLong() {
        return invalidParameter("Message too long");
    }

    static SnsException emptyBatch() {
        return new SnsException("EmptyBatchRequest", 400, "The batch request doesn't contain any entries");
    }

    static SnsException tooManyBatchEntries(int entries) {
        return new SnsException("TooManyEntriesInBatchRequest", 400,
                "The batch request contains " + entries + " entries; the maximum is 10");
    }

    static SnsException batchIdsNotDistinct() {
        return new SnsException("BatchEntryIdsNotDistinct", 400, "Two or more batch entries in the request have the same Id");
    }

    static SnsException invalidBatchEntryId() {
        return new SnsException("InvalidBatchEntryId", 400,
                "A batch entry id can only contain alphanumeric characters, hyphens and underscores, up to 80 long");
    }

    static SnsException batchTooLong() {
        return new SnsException("BatchRequestTooLong", 400,
                "The length of all the batch messages put together is more than the limit");
    }

    static SnsException tagLimitExceeded() {
        return new SnsException("TagLimitExceeded", 400, "Could not complete request: tag quota of per resource exceeded");
    }

    static SnsException throttled() {
        return new SnsException("Throttled", 429, "Rate exceeded: deliveries to SQS are behind, retry later");
    }

    static SnsException invalidAction(String action) {
        return new SnsException("InvalidAction", 400, "The action " + action + " is not valid for this endpoint.");
    }

    static SnsException missingAction() {
        return new SnsException("MissingAction", 400, "The request must contain the parameter Action.");
    }

    static SnsException malformedQueryString(String reason) {
        return new SnsException("MalformedQueryString", 400, "The query string is malformed: " + reason);
    }

    static SnsException internalError() {
        return new SnsException("InternalError", 500, "The request processing has failed because of an unknown error.");
    }
}
