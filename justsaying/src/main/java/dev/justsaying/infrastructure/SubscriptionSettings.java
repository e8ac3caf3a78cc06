package dev.justsaying.infrastructure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a queue's subscription to a topic delivers: raw (the SQS body is the message itself) or inside the SNS
 * envelope (JustSaying's default), and which messages an optional filter policy lets through.
 *
 * <p>An existing subscription is never flipped from one to the other, because other readers of the queue depend on
 * its format: a mismatch fails start-up with a message instead.
 */
public final class SubscriptionSettings {

    private static final SubscriptionSettings DEFAULTS = new SubscriptionSettings(false, null);

    private final boolean rawMessageDelivery;
    private final String filterPolicy;

    private SubscriptionSettings(boolean rawMessageDelivery, String filterPolicy) {
        this.rawMessageDelivery = rawMessageDelivery;
        this.filterPolicy = filterPolicy;
    }

    /** Delivery inside the SNS envelope, no filter policy. */
    public static SubscriptionSettings defaults() {
        return DEFAULTS;
    }

    /** These settings with raw delivery on or off. */
    public SubscriptionSettings withRawMessageDelivery(boolean raw) {
        return new SubscriptionSettings(raw, filterPolicy);
    }

    /**
     * These settings with an SNS filter policy on message attributes, e.g. {@code {"Tenant":["uk"]}}.
     *
     * @throws IllegalArgumentException if the policy is no JSON object
     */
    public SubscriptionSettings withFilterPolicy(String filterPolicyJson) {
        Objects.requireNonNull(filterPolicyJson, "filter policy JSON");
        String compact = Json.write(Json.object(filterPolicyJson, "the filter policy"));
        return new SubscriptionSettings(rawMessageDelivery, compact);
    }

    /** Whether SNS delivers the message itself rather than its envelope. */
    public boolean rawMessageDelivery() {
        return rawMessageDelivery;
    }

    /** The filter policy JSON, if any (compact form). */
    public Optional<String> filterPolicy() {
        return Optional.ofNullable(filterPolicy);
    }

    /** These settings as data, for the bus's interrogation. */
    public Map<String, Object> describe() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("rawMessageDelivery", rawMessageDelivery);
        filterPolicy().ifPresent(policy -> description.put("filterPolicy", policy));
        return Collections.unmodifiableMap(description);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SubscriptionSettings settings && describe().equals(settings.describe());
    }

    @Override
    public int hashCode() {
        return describe().hashCode();
    }

    @Override
    public String toString() {
        return "SubscriptionSettings" + describe();
    }
}
