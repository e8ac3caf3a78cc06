package dev.justsaying;

import dev.justsaying.infrastructure.NamingConvention;
import dev.justsaying.region.FailoverPolicy;
import dev.justsaying.region.FailoverStrategy;
import dev.justsaying.wire.WireOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The {@code messaging} section: the regions (the first is the primary), which one publishing uses, how messages
 * look on the wire, how queues and topics are named, and who raises the messages.
 */
public final class MessagingSection {

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

    private final List<String> regions = new ArrayList<>();
    private Supplier<String> activeRegion;
    private WireOptions wire = WireOptions.defaults();
    private NamingConvention naming = NamingConvention.defaults();
    private String raisingComponent;
    private FailoverPolicy failover;
    private FailoverStrategy strategy = FailoverStrategy.ACTIVE_PASSIVE_PUBLISHER;

    MessagingSection() {
    }

    /** The primary region: queues and topics live here, and publishing goes here unless told otherwise. */
    public MessagingSection inRegion(String region) {
        if (!regions.isEmpty()) {
            throw new IllegalArgumentException("the primary region is already " + regions.get(0)
                    + "; add more regions with withFailoverRegion(\"" + region + "\")");
        }
        regions.add(checkRegion(region));
        return this;
    }

    /** Another region: subscribers read its queues too, and publishing can move to it. */
    public MessagingSection withFailoverRegion(String region) {
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("name the primary region first: inRegion(...)");
        }
        if (regions.contains(region)) {
            throw new IllegalArgumentException("region " + region + " is configured twice");
        }
        regions.add(checkRegion(region));
        return this;
    }

    /** Names the region to publish to, asked on every publish (default: the primary region). */
    public MessagingSection withActiveRegion(Supplier<String> provider) {
        this.activeRegion = Objects.requireNonNull(provider, "provider");
        return this;
    }

    /**
     * Moves publishing off a region that keeps failing and back when it recovers (needs a failover region); a publish
     * that fails is retried in the next healthy region at once. Composes with {@link #withActiveRegion}.
     */
    public MessagingSection withAutomaticFailover() {
        return withAutomaticFailover(FailoverPolicy.defaults());
    }

    public MessagingSection withAutomaticFailover(FailoverPolicy policy) {
        this.failover = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /**
     * How publishing and subscribing spread over the regions (default
     * {@link FailoverStrategy#ACTIVE_PASSIVE_PUBLISHER}). {@code ACTIVE_ACTIVE} and {@code ACTIVE_PASSIVE_SUBSCRIBER}
     * publish every message to every region, so a bus that subscribes needs the exactly-once middleware.
     */
    public MessagingSection withFailoverStrategy(FailoverStrategy value) {
        this.strategy = Objects.requireNonNull(value, "strategy");
        return this;
    }

    /** How messages are written and read (default {@link WireOptions#defaults()}: JustSaying's own format). */
    public MessagingSection withWireOptions(WireOptions options) {
        this.wire = Objects.requireNonNull(options, "options");
        return this;
    }

    /** How default queue and topic names are made from message types. */
    public MessagingSection withNamingConvention(NamingConvention convention) {
        this.naming = Objects.requireNonNull(convention, "convention");
        return this;
    }

    /** The {@code RaisingComponent} written into every message published (e.g. the service's name). */
    public MessagingSection withRaisingComponent(String component) {
        this.raisingComponent = Objects.requireNonNull(component, "component");
        return this;
    }

    private static String checkRegion(String region) {
        if (region == null || !REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("'" + region + "' is not an AWS region name like eu-west-1");
        }
        return region;
    }

    List<String> regions() {
        if (regions.isEmpty()) {
            throw new IllegalStateException("no region: configure .messaging(m -> m.inRegion(\"eu-west-1\"))");
        }
        return List.copyOf(regions);
    }

    Supplier<String> activeRegion() {
        String primary = regions().get(0);
        return activeRegion != null ? activeRegion : () -> primary;
    }

    FailoverPolicy failover() {
        if (failover != null && regions().size() < 2) {
            throw new IllegalStateException("automatic failover needs a failover region: add withFailoverRegion(...)");
        }
        return failover;
    }

    /** The strategy, checked against the regions and the active-region settings. */
    FailoverStrategy strategy() {
        if (strategy == FailoverStrategy.ACTIVE_PASSIVE_PUBLISHER) {
            return strategy;
        }
        if (regions().size() < 2) {
            throw new IllegalStateException(strategy + " needs a failover region: add withFailoverRegion(...)");
        }
        boolean hasActiveRegion = failover != null || activeRegion != null;
        if (strategy == FailoverStrategy.ACTIVE_ACTIVE && hasActiveRegion) {
            throw new IllegalStateException("ACTIVE_ACTIVE publishes to and reads every region, so it has no active "
                    + "region: remove withAutomaticFailover() and withActiveRegion(...)");
        }
        if (strategy == FailoverStrategy.ACTIVE_PASSIVE_SUBSCRIBER && !hasActiveRegion) {
            throw new IllegalStateException("ACTIVE_PASSIVE_SUBSCRIBER moves subscribers to another region when the "
                    + "active one fails: add withAutomaticFailover() or withActiveRegion(...)");
        }
        return strategy;
    }

    WireOptions wire() {
        return wire;
    }

    NamingConvention naming() {
        return naming;
    }

    String raisingComponent() {
        return raisingComponent;
    }
}
