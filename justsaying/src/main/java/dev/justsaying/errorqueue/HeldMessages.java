package dev.justsaying.errorqueue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Walks through a queue without consuming it: each received message stays hidden while the walk goes on (so the next
 * receive reaches further into the queue), and closing gives every message not {@linkplain #delete deleted} back at
 * once (visibility 0). If giving back fails, the messages return by themselves when the hold expires.
 */
final class HeldMessages implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HeldMessages.class);
    private static final int SQS_BATCH = 10;
    private static final int RECEIVE_WAIT_SECONDS = 1;

    private final SqsClient sqs;
    private final String queueUrl;
    private final Duration hold;
    private final Map<String, String> receiptByMessageId = new LinkedHashMap<>();
    private final Set<String> seen = new HashSet<>();

    HeldMessages(SqsClient sqs, String queueUrl, Duration hold) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.hold = hold;
    }

    /** Up to {@code max} (1–10) messages not received before in this walk; empty once the queue has no more. */
    List<Message> receive(int max) {
        List<Message> received = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                .maxNumberOfMessages(max)
                .visibilityTimeout((int) hold.toSeconds())
                .waitTimeSeconds(RECEIVE_WAIT_SECONDS)
                .messageAttributeNames("All")
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        List<Message> fresh = new ArrayList<>();
        for (Message message : received) {
            receiptByMessageId.put(message.messageId(), message.receiptHandle());
            if (seen.add(message.messageId())) {
                fresh.add(message);
            }
        }
        return fresh;
    }

    /** Deletes a received message for good: it is not given back. */
    void delete(Message message) {
        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(receiptByMessageId.get(message.messageId())));
        receiptByMessageId.remove(message.messageId());
    }

    @Override
    public void close() {
        List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
        receiptByMessageId.forEach((id, receipt) -> entries.add(ChangeMessageVisibilityBatchRequestEntry.builder()
                .id(Integer.toString(entries.size())).receiptHandle(receipt).visibilityTimeout(0).build()));
        try {
            for (int from = 0; from < entries.size(); from += SQS_BATCH) {
                List<ChangeMessageVisibilityBatchRequestEntry> batch =
                        entries.subList(from, Math.min(from + SQS_BATCH, entries.size()));
                sqs.changeMessageVisibilityBatch(b -> b.queueUrl(queueUrl).entries(batch));
            }
        } catch (SdkException e) {
            log.warn("Could not give {} messages back at once; they return by themselves within {} s: {}",
                    entries.size(), hold.toSeconds(), e.getMessage());
        }
    }
}
