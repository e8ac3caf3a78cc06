package dev.justsaying.localaws.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.BatchEntryIdsNotDistinctException;
import software.amazon.awssdk.services.sns.model.BatchRequestTooLongException;
import software.amazon.awssdk.services.sns.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sns.model.EmptyBatchRequestException;
import software.amazon.awssdk.services.sns.model.InvalidBatchEntryIdException;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.services.sns.model.PublishBatchResultEntry;
import software.amazon.awssdk.services.sns.model.TooManyEntriesInBatchRequestException;
import software.amazon.awssdk.services.sqs.model.Message;

@ExtendWith(TwoRegionStack.Extension.class)
class WhenPublishingInBatchesTest {

    private final TwoRegionStack.StackRegion region;
    private final SnsClient sns;
    private final String topicArn;
    private final TwoRegionStack.Queue queue;

    WhenPublishingInBatchesTest(TwoRegionStack stack) {
        this.region = stack.primary();
        this.sns = region.snsClient;
        this.topicArn = sns.createTopic(request -> request.name(unique("batched"))).topicArn();
        this.queue = region.createQueue(unique("batched"));
        sns.subscribe(request -> request.topicArn(topicArn).protocol("sqs").endpoint(queue.arn())
                .attributes(Map.of("RawMessageDelivery", "true")));
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static PublishBatchRequestEntry entry(String id, String message) {
        return PublishBatchRequestEntry.builder().id(id).message(message).build();
    }

    private PublishBatchResponse publishBatch(List<PublishBatchRequestEntry> entries) {
        return sns.publishBatch(request -> request.topicArn(topicArn).publishBatchRequestEntries(entries));
    }

    @Test
    void tenEntriesAreAllPublishedAndDelivered() {
        List<PublishBatchRequestEntry> entries = IntStream.range(0, 10).mapToObj(i -> entry("e" + i, "message " + i)).toList();

        PublishBatchResponse response = publishBatch(entries);

        assertThat(response.failed()).isEmpty();
        assertThat(response.successful()).extracting(PublishBatchResultEntry::id)
                .containsExactlyElementsOf(entries.stream().map(PublishBatchRequestEntry::id).toList());
        assertThat(response.successful()).allSatisfy(success -> assertThat(success.messageId()).isNotBlank());
        assertThat(region.awaitMessages(queue, 10)).extracting(Message::body)
                .containsExactlyInAnyOrderElementsOf(entries.stream().map(PublishBatchRequestEntry::message).toList());
    }

    @Test
    void invalidEntriesFailOnTheirOwnWhileTheOthersArePublished() {
        PublishBatchResponse response = publishBatch(List.of(
                entry("good", "fine"),
                entry("too-large", "x".repeat(TopicPublisher.MAX_MESSAGE_BYTES + 1)),
                PublishBatchRequestEntry.builder().id("fifo-only").message("m").messageDeduplicationId("d").build(),
                entry("empty", "")));

        assertThat(response.successful()).extracting(PublishBatchResultEntry::id).containsExactly("good");
        assertThat(response.failed()).extracting(BatchResultErrorEntry::id).containsExactly("too-large", "fifo-only", "empty");
        assertThat(response.failed()).allSatisfy(failure -> {
            assertThat(failure.code()).isEqualTo("InvalidParameter");
            assertThat(failure.senderFault()).isTrue();
            assertThat(failure.message()).startsWith("Invalid parameter: ");
        });
        assertThat(response.failed().get(0).message()).isEqualTo("Invalid parameter: Message too long");
        assertThat(region.awaitMessages(queue, 1)).extracting(Message::body).containsExactly("fine");
        assertThat(region.receive(queue, 0)).isEmpty();
    }

    @Test
    void whenEveryEntryIsInvalidNothingIsPublished() {
        PublishBatchResponse response = publishBatch(List.of(entry("a", ""), entry("b", "x".repeat(300_000))));

        assertThat(response.successful()).isEmpty();
        assertThat(response.failed()).extracting(BatchResultErrorEntry::id).containsExactly("a", "b");
        assertThat(region.receive(queue, 1)).isEmpty();
    }

    @Test
    void aFifoBatchGetsSequenceNumbersInOrder() {
        String fifoTopic = sns.createTopic(request -> request.name(unique("batched") + ".fifo")
                .attributes(Map.of("FifoTopic", "true", "ContentBasedDeduplication", "true"))).topicArn();
        List<PublishBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            entries.add(PublishBatchRequestEntry.builder().id("e" + i).message("m" + i).messageGroupId("g").build());
        }

        PublishBatchResponse response = sns.publishBatch(request -> request.topicArn(fifoTopic).publishBatchRequestEntries(entries));

        assertThat(response.successful()).extracting(PublishBatchResultEntry::sequenceNumber).doesNotContainNull().isSorted();
    }

    @Test
    void moreThanTenEntriesAreRefused() {
        List<PublishBatchRequestEntry> entries = IntStream.range(0, 11).mapToObj(i -> entry("e" + i, "m")).toList();

        assertThatThrownBy(() -> publishBatch(entries))
                .isInstanceOfSatisfying(TooManyEntriesInBatchRequestException.class, error -> {
                    assertThat(error.statusCode()).isEqualTo(400);
                    assertThat(error.awsErrorDetails().errorCode()).isEqualTo("TooManyEntriesInBatchRequest");
                });
    }

    @Test
    void repeatedIdsAreRefused() {
        assertThatThrownBy(() -> publishBatch(List.of(entry("same", "a"), entry("same", "b"))))
                .isInstanceOfSatisfying(BatchEntryIdsNotDistinctException.class,
                        error -> assertThat(error.awsErrorDetails().errorCode()).isEqualTo("BatchEntryIdsNotDistinct"));
    }

    @Test
    void anEmptyBatchIsRefused() {
        assertThatThrownBy(() -> publishBatch(List.of()))
                .isInstanceOfSatisfying(EmptyBatchRequestException.class,
                        error -> assertThat(error.awsErrorDetails().errorCode()).isEqualTo("EmptyBatchRequest"));
    }

    @Test
    void invalidIdsAreRefused() {
        assertThatThrownBy(() -> publishBatch(List.of(entry("has space", "a"))))
                .isInstanceOf(InvalidBatchEntryIdException.class);
    }

    @Test
    void entriesTooLargeTogetherAreRefused() {
        String large = "x".repeat(200_000);

        assertThatThrownBy(() -> publishBatch(List.of(entry("a", large), entry("b", large))))
                .isInstanceOfSatisfying(BatchRequestTooLongException.class,
                        error -> assertThat(error.awsErrorDetails().errorCode()).isEqualTo("BatchRequestTooLong"));
        assertThat(region.receive(queue, 0)).isEmpty();
    }

    @Test
    void aBatchToAnUnknownTopicIsNotFound() {
        assertThatThrownBy(() -> sns.publishBatch(request -> request.topicArn("arn:aws:sns:eu-west-1:000000000000:nope")
                .publishBatchRequestEntries(entry("a", "m"))))
                .isInstanceOf(NotFoundException.class);
    }
}
