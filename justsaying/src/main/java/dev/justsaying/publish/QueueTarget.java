package dev.justsaying.publish;

import dev.justsaying.wire.Destination;
import dev.justsaying.wire.OutboundMessage;
import dev.justsaying.wire.SdkMessageAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

/** An SQS queue in one region, for point-to-point commands: {@code SendMessage} and {@code SendMessageBatch}. */
public final class QueueTarget implements PublishTarget {

    private final String region;
    private final String queueUrl;
    private final boolean raw;
    private final SqsAsyncClient sqs;

    /** @param raw whether the queue takes the bare message JSON rather than JustSaying's {@code {"Subject","Message"}} */
    public QueueTarget(String region, String queueUrl, boolean raw, SqsAsyncClient sqs) {
        this.region = Objects.requireNonNull(region, "region");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
        this.raw = raw;
        this.sqs = Objects.requireNonNull(sqs, "sqs");
    }

    @Override
    public String region() {
        return region;
    }

    @Override
    public String address() {
        return queueUrl;
    }

    @Override
    public Destination wireDestination() {
        return raw ? Destination.RAW_QUEUE : Destination.QUEUE;
    }

    @Override
    public CompletableFuture<String> send(OutboundMessage message, PublishOptions options) {
        return sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(message.body())
                        .messageAttributes(SdkMessageAttributes.toSqs(message.attributes()))
                        .delaySeconds(options.delay().map(delay -> (int) delay.toSeconds()).orElse(null))
                        .messageGroupId(options.messageGroupId().orElse(null))
                        .messageDeduplicationId(options.deduplicationId().orElse(null)))
                .thenApply(response -> response.messageId());
    }

    @Override
    public CompletableFuture<List<EntryOutcome>> sendBatch(List<OutboundMessage> messages, PublishOptions options) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            OutboundMessage message = messages.get(i);
            int index = i;
            entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(message.body())
                    .messageAttributes(SdkMessageAttributes.toSqs(message.attributes()))
                    .delaySeconds(options.delay().map(delay -> (int) delay.toSeconds()).orElse(null))
                    .messageGroupId(options.messageGroupId().orElse(null))
                    .messageDeduplicationId(options.deduplicationId().map(id -> id + "-" + index).orElse(null))
                    .build());
        }
        return sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries)).thenApply(response -> {
            Map<String, EntryOutcome> byId = new HashMap<>();
            for (SendMessageBatchResultEntry ok : response.successful()) {
                byId.put(ok.id(), EntryOutcome.accepted(ok.messageId()));
            }
            for (BatchResultErrorEntry failed : response.failed()) {
                byId.put(failed.id(), EntryOutcome.failed(failed.code(), failed.message(), failed.senderFault()));
            }
            return TopicTarget.inOrder(byId, messages.size());
        });
    }

    @Override
    public String toString() {
        return "queue " + queueUrl;
    }
}
