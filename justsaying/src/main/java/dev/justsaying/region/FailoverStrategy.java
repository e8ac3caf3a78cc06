package dev.justsaying.region;

/**
 * How a bus with more than one region spreads publishing and subscribing over them — the three options of the
 * original JustSaying region-failover design. Chosen per bus with {@code messaging(m -> m.withFailoverStrategy(...))}.
 */
public enum FailoverStrategy {

    /**
     * Publish to the active region only, switching on outage; subscribers read every region. The default: one copy of
     * each message, and only publishers need to detect an outage.
     */
    ACTIVE_PASSIVE_PUBLISHER,

    /**
     * Publish to every region and read every region: no active region and nothing to detect, but each message
     * arrives once per region, so handlers need the exactly-once middleware (a lock shared by all consumers).
     */
    ACTIVE_ACTIVE,

    /**
     * Publish to every region; subscribers read only the active region's queues and switch on outage. A copy of
     * each message waits in every passive queue, so handlers need the exactly-once middleware to skip the copies
     * they meet after a switch.
     */
    ACTIVE_PASSIVE_SUBSCRIBER;

    /** Whether every publish goes to every region. */
    public boolean publishesEverywhere() {
        return this != ACTIVE_PASSIVE_PUBLISHER;
    }

    /** Whether subscribers read the active region only. */
    public boolean readsActiveRegionOnly() {
        return this == ACTIVE_PASSIVE_SUBSCRIBER;
    }
}
