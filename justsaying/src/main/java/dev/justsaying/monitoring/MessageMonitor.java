package dev.justsaying.monitoring;

import dev.justsaying.handle.HandleResult;
import java.time.Duration;

/**
 * Hears what the bus does, to count and time it: receives, handling, throttling, publishing and messages sent to an
 * error queue. Every method has a no-op default, so a monitor implements only what it needs. Calls come from the
 * bus's own threads and must return quickly.
 *
 * <p>{@code MicrometerMessageMonitor} records all of it as Micrometer meters.
 */
public interface MessageMonitor {

    /** A monitor that hears nothing. */
    MessageMonitor NONE = new MessageMonitor() {
    };

    /** A receive from {@code queue} returned {@code messages} messages (perhaps none) after {@code time}. */
    default void received(String queue, String region, int messages, Duration time) {
    }

    /** A receive from {@code queue} failed; the poller backs off and tries again. */
    default void receiveFailed(String queue, String region, Throwable cause) {
    }

    /**
     * A message of {@code type} from {@code queue} reaches its handler {@code age} after SQS accepted it: the time it
     * waited in the queue (and in the bus's buffers). SQS offers no "age of the oldest message" outside CloudWatch;
     * the largest recent age is the closest a consumer can see.
     */
    default void handling(String type, String queue, String region, Duration age) {
    }

    /** A message of {@code type} from {@code queue} was handled (or not, see {@code result}) in {@code time}. */
    default void handled(String type, String queue, String region, Duration time, HandleResult result) {
    }

    /** Receiving from {@code queue} waited {@code time} for the group's concurrency limit to free a slot. */
    default void throttled(String queue, String region, Duration time) {
    }

    /** A message of {@code type} was published to {@code destination} (or not, see {@code success}) in {@code time}. */
    default void published(String type, String destination, String region, Duration time, boolean success) {
    }

    /** A message from {@code queue} went to its error queue because of {@code reason}. */
    default void sentToErrorQueue(String type, String queue, String region, String reason) {
    }

    /**
     * Publishing moved from one region to another; {@code cause} is {@code ActiveRegion.FAILOVER},
     * {@code FAILBACK} or {@code PREFERRED_REGION_CHANGED} (the log has the detail).
     */
    default void activeRegionChanged(String from, String to, String cause) {
    }

    /** Publishing now considers {@code region} healthy or not. */
    default void regionHealthChanged(String region, boolean healthy, String cause) {
    }
}
