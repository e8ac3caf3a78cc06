package dev.justsaying.monitoring;

import dev.justsaying.testing.TestBus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.justsaying.MessagingBus;
import dev.justsaying.handle.HandleResult;
import dev.justsaying.localaws.LocalAwsExtension;
import dev.justsaying.monitoring.Messages.OrderPlaced;
import dev.justsaying.monitoring.Messages.PlaceOrder;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A command sent to a queue, whose handler publishes an event to a topic, whose handler ends the chain: one trace
 * across both hops, each span the child of the one before.
 */
class WhenATracedMessageCrossesTheBus {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1").withoutDynamoDb();

    static final InMemoryTracing tracing = new InMemoryTracing();
    static MessagingBus bus;

    @BeforeAll
    static void sendACommandThrough() {
        OpenTelemetryTracing tracer = new OpenTelemetryTracing(tracing.openTelemetry());
        bus = TestBus.on(aws.get())
                .publications(p -> p.withQueue(PlaceOrder.class, q -> q.queue("traced-orders"))
                        .withTopic(OrderPlaced.class)
                        .withMiddleware(tracer.publishMiddleware()))
                .subscriptions(s -> s.forQueue(PlaceOrder.class, q -> q.queue("traced-orders"))
                        .forTopic(OrderPlaced.class, t -> t.queue("traced-order-events")))
                .handlers(h -> h.withMiddleware(tracer.handlerMiddleware())
                        .handle(PlaceOrder.class, (command, context) -> {
                            bus.publisher().publish(new OrderPlaced(command.orderId())).join();
                            return HandleResult.success();
                        })
                        .handle(OrderPlaced.class, (event, context) -> HandleResult.success()))
                .build();
        bus.start().join();
        bus.publisher().publish(new PlaceOrder("t-1")).join();
        await().atMost(Duration.ofSeconds(30)).until(() -> Stream.of("PlaceOrder publish", "traced-orders process",
                "OrderPlaced publish", "traced-order-events process").allMatch(name -> tracing.span(name).isPresent()));
    }

    @AfterAll
    static void stopBus() {
        bus.close();
        tracing.close();
    }

    @Test
    void aPublishOutsideAnyTraceStartsOne() {
        SpanData publish = tracing.onlySpan("PlaceOrder publish");
        assertThat(publish.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(publish.getParentSpanId()).isEqualTo(SpanId.getInvalid());
    }

    @Test
    void theHandlerContinuesTheTraceOfThePublish() {
        assertThat(childOf("PlaceOrder publish", "traced-orders process").getKind()).isEqualTo(SpanKind.CONSUMER);
    }

    @Test
    void anEventPublishedInsideTheHandlerStaysInTheTrace() {
        childOf("traced-orders process", "OrderPlaced publish");
    }

    @Test
    void theEventsHandlerContinuesItThroughTheTopic() {
        childOf("OrderPlaced publish", "traced-order-events process");
    }

    /** The span named {@code child}, asserted to be in the same trace as {@code parent} and its child. */
    private static SpanData childOf(String parent, String child) {
        SpanData parentSpan = tracing.onlySpan(parent);
        SpanData childSpan = tracing.onlySpan(child);
        assertThat(childSpan.getTraceId()).isEqualTo(parentSpan.getTraceId());
        assertThat(childSpan.getParentSpanId()).isEqualTo(parentSpan.getSpanId());
        return childSpan;
    }
}
