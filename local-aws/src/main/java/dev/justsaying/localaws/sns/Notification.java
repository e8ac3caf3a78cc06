package dev.justsaying.localaws.sns;

import java.util.Map;

/**
 * One accepted publish, as every subscription of the topic sees it. {@code message} is the text for SQS (for a JSON
 * message structure, its {@code sqs} or {@code default} entry); FIFO fields are null on standard topics.
 */
record Notification(
        String messageId,
        String topicArn,
        String subject,
        String message,
        String timestamp,
        Map<String, MessageAttribute> attributes,
        String messageGroupId,
        String deduplicationId,
        String sequenceNumber) {
}
