package dev.justsaying.bus;

import dev.justsaying.testing.TestBus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.justsaying.MessagingBus;
import dev.justsaying.bus.Messages.PlaceOrder;
import dev.justsaying.handle.HandleResult;
import dev.justsaying.infrastructure.QueueSettings;
import dev.justsaying.localaws.LocalAwsExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;

/** Retries with backoff, then the error queue with the reason, after the configured number of receives. */
class WhenAHandlerKeepsFailing {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1").withoutDynamoDb();

    static final List<Integer> receiveCounts = new CopyOnWriteArrayList<>();
    static final List<Instant> attempts = new CopyOnWriteArrayList<>();
    static MessagingBus bus;

    @BeforeAll
    static void startBus() {
        QueueSettings threeReceives = QueueSettings.builder().maxReceiveCount(3).build();
        bus = TestBus.on(aws.get())
                .publications(p -> p.withQueue(PlaceOrder.class, q -> q.queue("fragile").settings(threeReceives)))
                .subscriptions(s -> s.forQueue(PlaceOrder.class, q -> q.queue("fragile").settings(threeReceives)))
                .handlers(h -> h
                        .withBackoff((receiveCount, failure) -> Duration.ofSeconds(receiveCount))
                        .handle(PlaceOrder.class, (command, context) -> {
                            receiveCounts.add(context.receiveCount());
                            attempts.add(Instant.now());
                            throw new IllegalStateException("the warehouse is closed");
                        }))
                .build();
        bus.start().join();
        bus.publisher().publish(new PlaceOrder("doomed")).join();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> TestBus.depth(aws.get().primaryRegion().sqsClient(), "fragile_error") == 1);
    }

    @AfterAll
    static void stopBus() {
        bus.close();
    }

    @Test
    void itIsTriedOncePerReceiveUpToTheLimit() {
        assertThat(receiveCounts).containsExactly(1, 2, 3);
    }

    @Test
    void eachRetryWaitsAtLeastItsBackoff() {
        assertThat(Duration.between(attempts.get(0), attempts.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(Duration.between(attempts.get(1), attempts.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    @Test
    void itEndsInTheErrorQueueWithTheReason() {
        List<Message> parked = TestBus.receiveAll(aws.get().primaryRegion().sqsClient(), "fragile_error");
        assertThat(parked).singleElement().satisfies(message -> {
            assertThat(message.body()).contains("doomed");
            assertThat(message.messageAttributes().get("JustSaying.ErrorReason").stringValue())
                    .contains("failed on all 3 receives")
                    .contains("IllegalStateException: the warehouse is closed");
        });
        assertThat(TestBus.depth(aws.get().primaryRegion().sqsClient(), "fragile")).isZero();
    }
}
