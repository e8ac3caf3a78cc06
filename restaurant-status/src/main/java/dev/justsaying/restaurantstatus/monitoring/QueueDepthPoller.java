package dev.justsaying.restaurantstatus.monitoring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Polls the approximate depth of the service's queues in every region on a schedule (not per request), one
 * {@code GetQueueAttributes} call per queue and region, and shows the last answer as gauges tagged {@code queue} and
 * {@code region}: {@value #DEPTH_GAUGE} (messages waiting to be received) and {@value #IN_FLIGHT_GAUGE} (received,
 * not yet deleted). A gauge reads NaN until its first answer and after a failed poll, so a stale value never looks
 * current. SQS has no attribute for the age of the oldest message (only CloudWatch has that metric): the bus's
 * {@code justsaying.message.age} shows how old messages are when the Worker starts them. Closing it closes its clients.
 */
public final class QueueDepthPoller implements AutoCloseable {

    /** Messages waiting in a queue ({@code ApproximateNumberOfMessages}). */
    public static final String DEPTH_GAUGE = "restaurant.status.queue.depth";
    /** Messages received from a queue and not yet deleted ({@code ApproximateNumberOfMessagesNotVisible}). */
    public static final String IN_FLIGHT_GAUGE = "restaurant.status.queue.in.flight";

    private static final Logger log = LoggerFactory.getLogger(QueueDepthPoller.class);
    private static final List<QueueAttributeName> ATTRIBUTES = List.of(
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE);

    private final Map<String, SqsClient> sqsByRegion;
    private final Map<QueueInRegion, Depth> depths = new ConcurrentHashMap<>();

    /**
     * @param sqsByRegion an SQS client per region to poll (this poller closes them)
     * @param queues      the queue names to poll in each region
     */
    public QueueDepthPoller(Map<String, SqsClient> sqsByRegion, List<String> queues, MeterRegistry meters) {
        this.sqsByRegion = Map.copyOf(sqsByRegion);
        sqsByRegion.keySet().forEach(region -> queues.forEach(queue -> {
            Depth depth = depths.computeIfAbsent(new QueueInRegion(queue, region), key -> new Depth());
            gauge(meters, DEPTH_GAUGE, "Messages waiting in the queue (approximate, polled)", queue, region, depth,
                    Depth::visible);
            gauge(meters, IN_FLIGHT_GAUGE, "Messages received from the queue, not yet deleted (approximate, polled)",
                    queue, region, depth, Depth::inFlight);
        }));
    }

    /** Asks SQS for every queue in every region; a failure of one leaves its gauges at NaN until the next poll. */
    @Scheduled(fixedDelayString = "${restaurant-status.queue-poll-interval}")
    public void poll() {
        depths.forEach((where, depth) -> {
            SqsClient sqs = sqsByRegion.get(where.region());
            try {
                String url = depth.url != null ? depth.url : sqs.getQueueUrl(r -> r.queueName(where.queue())).queueUrl();
                depth.url = url;
                Map<QueueAttributeName, String> answer = sqs.getQueueAttributes(r -> r.queueUrl(url)
                        .attributeNames(ATTRIBUTES)).attributes();
                depth.visible = Double.parseDouble(answer.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
                depth.inFlight = Double.parseDouble(
                        answer.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
            } catch (SdkException e) {
                depth.url = null;
                depth.visible = Double.NaN;
                depth.inFlight = Double.NaN;
                log.warn("Could not read the depth of queue {} in {}: {}", where.queue(), where.region(), e.getMessage());
            }
        });
    }

    @Override
    public void close() {
        sqsByRegion.values().forEach(SqsClient::close);
    }

    private static void gauge(MeterRegistry meters, String name, String description, String queue, String region,
                              Depth depth, ToDoubleFunction<Depth> value) {
        Gauge.builder(name, depth, value).description(description)
                .tag("queue", queue).tag("region", region).strongReference(true).register(meters);
    }

    private record QueueInRegion(String queue, String region) { }

    /** The last answer for one queue in one region (written by the poll, read by scrapes). */
    private static final class Depth {
        private volatile String url;
        private volatile double visible = Double.NaN;
        private volatile double inFlight = Double.NaN;

        double visible() {
            return visible;
        }

        double inFlight() {
            return inFlight;
        }
    }
}
