package dev.justsaying;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole configuration of a bus as data, from {@link MessagingBus#interrogate()}: logged at start, and handy in
 * a health or info endpoint.
 *
 * @param regions      the configured regions, primary first
 * @param activeRegion the region publishing goes to now
 * @param regionHealth whether publishing considers each region healthy
 * @param running      whether the bus has started and not stopped
 * @param publications one line per published type and its destination
 * @param groups       the subscription groups
 * @param middleware   the handler middleware, outermost first
 * @param wire         the wire options
 */
public record BusDescription(List<String> regions, String activeRegion, Map<String, Boolean> regionHealth,
                             boolean running, List<String> publications,
                             List<Group> groups, List<String> middleware, String wire) {

    public BusDescription {
        regions = List.copyOf(regions);
        regionHealth = Collections.unmodifiableMap(new LinkedHashMap<>(regionHealth));
        publications = List.copyOf(publications);
        groups = List.copyOf(groups);
        middleware = List.copyOf(middleware);
    }

    /**
     * A subscription group.
     *
     * @param name             its name
     * @param settings         its limits
     * @param concurrencyLimit the limit in force now
     * @param inFlight         messages being handled now
     * @param paused           whether receiving is paused
     * @param queues           its queues, one line per queue and region with the types it handles
     */
    public record Group(String name, String settings, int concurrencyLimit, int inFlight, boolean paused,
                        List<String> queues) {

        public Group {
            queues = List.copyOf(queues);
        }
    }
}
