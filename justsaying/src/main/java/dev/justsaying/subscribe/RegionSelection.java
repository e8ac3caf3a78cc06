package dev.justsaying.subscribe;

/**
 * Which regions' queues the pollers read now, and what they tell about a region's health: every region by default;
 * only the active one under {@code FailoverStrategy.ACTIVE_PASSIVE_SUBSCRIBER}, where failed receives count toward
 * failing over like failed publishes do. Asked before every receive, so a switch takes effect at the next one.
 */
public interface RegionSelection {

    /** Reads every region and learns nothing from receives. */
    RegionSelection EVERY_REGION = region -> true;

    /** Whether the queues of {@code region} are read now. */
    boolean reads(String region);

    /** A receive from a queue in {@code region} succeeded. */
    default void receiveSucceeded(String region) {
    }

    /** A receive from a queue in {@code region} failed. */
    default void receiveFailed(String region, Throwable cause) {
    }
}
