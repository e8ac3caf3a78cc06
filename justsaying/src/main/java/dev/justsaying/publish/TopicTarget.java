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
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sns.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResultEntry;

/** An SNS topic in one region: {@code Publish} and {@code PublishBatch} with the type name as the subject. */
public final class TopicTarget implements PublishTarget {

    private final String region;
    private final String topicArn;
    private final SnsAsyncClient sns;

    public TopicTarget(String region, String topicArn, SnsAsyncClient sns) {
        this.region = Objects.requireNonNull(region, "region");
        this.topicArn = Objects.requireNonNull(topicArn, "topicArn");
        this.sns = Objects.requireNonNull(sns, "sns");
    }

    @Override
    public String region() {
        return region;
    }

    @Override
    public String address() {
        return topicArn;
    }

    @Override
    public Destination wireDestination() {
        return Destination.TOPIC;
    }

    @Override
    public CompletableFuture<String> send(OutboundMessage message, PublishOptions options) {
        return sns.publish(b -> b.topicArn(topicArn).message(message.body()).subject(message.subject())
                        .messageAttributes(SdkMessageAttributes.toSns(message.attributes()))
                        .messageGroupId(options.messageGroupId().orElse(null))
                        .messageDeduplicationId(options.deduplicationId().orElse(null)))
                .thenApply(response -> response.messageId());
    }

    @Override
    public CompletableFuture<List<EntryOutcome>> sendBatch(List<OutboundMessage> messages, PublishOptions options) {
        List<PublishBatchRequestEntry> entries = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            OutboundMessage message = messages.get(i);
            int index = i;
            entries.add(PublishBatchRequestEntry.builder().id(Integer.toString(i)).message(message.body())
                    .subject(message.subject()).messageAttributes(SdkMessageAttributes.toSns(message.attributes()))
                    .messageGroupId(options.messageGroupId().orElse(null))
                    .messageDeduplicationId(options.deduplicationId().map(id -> id + "-" + index).orElse(null))
                    .build());
        }
        return sns.publishBatch(b -> b.topicArn(topicArn).publishBatchRequestEntries(entries)).thenApply(response -> {
            Map<String, EntryOutcome> byId = new HashMap<>();
            for (PublishBatchResultEntry ok : response.successful()) {
                byId.put(ok.id(), EntryOutcome.accepted(ok.messageId()));
            }
            for (BatchResultErrorEntry failed : response.failed()) {
                byId.put(failed.id(), EntryOutcome.failed(failed.code(), failed.message(), failed.senderFault()));
            }
            return inOrder(byId, messages.size());
        });
    }

    static List<EntryOutcome> inOrder(Map<String, EntryOutcome> byId, int size) {
        List<EntryOutcome> outcomes = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            outcomes.add(byId.getOrDefault(Integer.toString(i),
                    EntryOutcome.failed("Missing", "AWS did not report on this entry", false)));
        }
        return outcomes;
    }

    @Override
    public String toString() {
        return "topic " + topicArn;
    }
}
