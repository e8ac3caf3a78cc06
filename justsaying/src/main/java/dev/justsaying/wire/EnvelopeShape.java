package dev.justsaying.wire;

/** The three shapes an SQS message body takes on the wire. */
public enum EnvelopeShape {
    /**
     * Delivered by SNS to a non-raw subscription: the SNS notification JSON ({@code "Type":"Notification"}) whose
     * {@code Message} string is the message JSON and whose {@code MessageAttributes} hold the attributes.
     */
    SNS_NOTIFICATION,
    /**
     * Sent straight to SQS by JustSaying: exactly {@code {"Subject": <type name>, "Message": <message JSON as a string>}},
     * attributes native to SQS.
     */
    SQS_ENVELOPE,
    /** The body is the message JSON itself (raw SNS delivery or raw SQS send); attributes native to SQS. */
    RAW
}
