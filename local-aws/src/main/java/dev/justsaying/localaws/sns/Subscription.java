package dev.justsaying.localaws.sns;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A subscription of an SQS queue to a topic. Its attributes may change while messages flow, so they are kept as one
 * immutable {@link Settings} value that is swapped whole.
 */
final class Subscription {

    private final String arn;
    private final Topic topic;
    private final SqsQueueArn queue;
    private volatile Settings settings;

    Subscription(String arn, Topic topic, SqsQueueArn queue, Settings settings) {
        this.arn = arn;
        this.topic = topic;
        this.queue = queue;
        this.settings = settings;
    }

    String arn() {
        return arn;
    }

    Topic topic() {
        return topic;
    }

    SqsQueueArn queue() {
        return queue;
    }

    Settings settings() {
        return settings;
    }

    void set(String attributeName, String attributeValue) {
        synchronized (this) {
            settings = settings.with(attributeName, attributeValue);
        }
    }

    /** All attributes as GetSubscriptionAttributes reports them. */
    Map<String, String> attributes(String ownerAccountId) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("SubscriptionArn", arn);
        attributes.put("TopicArn", topic.arn());
        attributes.put("Owner", ownerAccountId);
        attributes.put("Protocol", "sqs");
        attributes.put("Endpoint", queue.toString());
        attributes.put("ConfirmationWasAuthenticated", "true");
        attributes.put("PendingConfirmation", "false");
        attributes.put("RawMessageDelivery", "false");
        Settings current = settings;
        attributes.putAll(current.attributes());
        if (current.filterPolicy() != null) {
            attributes.putIfAbsent("FilterPolicyScope", FilterPolicy.Scope.MESSAGE_ATTRIBUTES.attributeValue());
        }
        return attributes;
    }

    /**
     * The attributes a subscriber set, validated: raw delivery and the compiled filter policy are read on every
     * publish, the others are kept for reading back.
     */
    record Settings(Map<String, String> attributes, boolean rawDelivery, FilterPolicy filterPolicy) {

        private static final Set<String> NAMES = Set.of("DeliveryPolicy", "FilterPolicy", "FilterPolicyScope",
                "RawMessageDelivery", "RedrivePolicy", "SubscriptionRoleArn", "ReplayPolicy");

        /** Validates the attributes of a Subscribe request, together (a filter policy depends on its scope). */
        static Settings of(Map<String, String> attributes) {
            Map<String, String> validated = new LinkedHashMap<>();
            attributes.forEach((name, value) -> put(validated, name, value));
            return from(validated);
        }

        /** These settings with one attribute set (an empty filter policy removes the policy). */
        Settings with(String name, String value) {
            Map<String, String> changed = new LinkedHashMap<>(attributes);
            put(changed, name, value);
            return from(changed);
        }

        private static void put(Map<String, String> attributes, String name, String value) {
            if (!NAMES.contains(name)) {
                throw SnsException.invalidParameter("AttributeName");
            }
            String normalised = value == null ? "" : value;
            if (name.equals("RawMessageDelivery")) {
                if (!normalised.equalsIgnoreCase("true") && !normalised.equalsIgnoreCase("false")) {
                    throw SnsException.invalidParameter(
                            "Attributes Reason: RawMessageDelivery: Invalid value [" + value + "]. Must be true or false.");
                }
                normalised = normalised.toLowerCase(Locale.ROOT);
            }
            if (normalised.isEmpty() && name.equals("FilterPolicy")) {
                attributes.remove(name);
            } else {
                attributes.put(name, normalised);
            }
        }

        private static Settings from(Map<String, String> attributes) {
            return new Settings(Collections.unmodifiableMap(attributes), "true".equals(attributes.get("RawMessageDelivery")),
                    compileFilterPolicy(attributes));
        }

        private static FilterPolicy compileFilterPolicy(Map<String, String> attributes) {
            String policy = attributes.get("FilterPolicy");
            String scope = attributes.get("FilterPolicyScope");
            try {
                FilterPolicy.Scope parsedScope = scope == null
                        ? FilterPolicy.Scope.MESSAGE_ATTRIBUTES
                        : FilterPolicy.Scope.fromAttribute(scope);
                return policy == null ? null : FilterPolicy.parse(policy, parsedScope);
            } catch (IllegalArgumentException invalid) {
                throw SnsException.invalidParameter("FilterPolicy: " + invalid.getMessage());
            }
        }

        /** Whether a published message passes this subscription's filter policy (no policy passes all). */
        boolean accepts(Notification notification) {
            return filterPolicy == null || filterPolicy.accepts(notification.attributes(), notification.message());
        }
    }
}
