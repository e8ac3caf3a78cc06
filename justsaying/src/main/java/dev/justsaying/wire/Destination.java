package dev.justsaying.wire;

/** Where a written message goes, which decides its body's shape. */
public enum Destination {
    /**
     * An SNS topic: the body is the message JSON, published as the SNS {@code Message} with the type name as the
     * SNS {@code Subject}; SNS wraps both into the notification envelope for non-raw subscribers.
     */
    TOPIC,
    /** An SQS queue read by JustSaying: the body is {@code {"Subject": <type name>, "Message": <message JSON>}}. */
    QUEUE,
    /** An SQS queue configured for raw messages: the body is the message JSON itself. */
    RAW_QUEUE
}
