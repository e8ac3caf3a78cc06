package dev.justsaying.localaws.sns;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A topic: its settable attributes and tags (swapped whole, read without locks), its subscriptions (copy on write,
 * changed by the {@link TopicRegistry}), and for FIFO topics the sequence numbers and the five-minute deduplication.
 */
final class Topic {

    static final int MAX_TAGS = 50;
    private static final long DEDUPLICATION_INTERVAL_MILLIS = 5 * 60 * 1000;
    private static final Set<String> SETTABLE = Set.of("DeliveryPolicy", "DisplayName", "Policy", "TracingConfig",
            "KmsMasterKeyId", "SignatureVersion", "ContentBasedDeduplication", "ArchivePolicy", "FifoThroughputScope",
            "DataProtectionPolicy");
    private static final Pattern FEEDBACK = Pattern.compile(
            "(HTTP|HTTPS|Firehose|Lambda|SQS|Application)(Success|Failure)Feedback(RoleArn|SampleRate)");

    private final String arn;
    private final String name;
    private final boolean fifo;
    private volatile Map<String, String> attributes;
    private volatile Map<String, String> tags;
    private volatile List<Subscription> subscriptions = Collections.emptyList();

    private long lastSequenceNumber;
    private final LinkedHashMap<String, Deduplicated> recentDeduplicationIds = new LinkedHashMap<>();

    private record Deduplicated(TopicPublisher.Published result, long publishedAtMillis) {
    }

    Topic(String arn, String name, boolean fifo, Map<String, String> attributes, Map<String, String> tags) {
        this.arn = arn;
        this.name = name;
        this.fifo = fifo;
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        this.tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    String arn() {
        return arn;
    }

    String name() {
        return name;
    }

    boolean fifo() {
        return fifo;
    }

    boolean contentBasedDeduplication() {
        return "true".equals(attributes.get("ContentBasedDeduplication"));
    }

    String signatureVersion() {
        return attributes.getOrDefault("SignatureVersion", "1");
    }

    List<Subscription> subscriptions() {
        return subscriptions;
    }

    void subscriptions(List<Subscription> subscriptions) {
        this.subscriptions = List.copyOf(subscriptions);
    }

    Map<String, String> tags() {
        return tags;
    }

    /** Checks one attribute of CreateTopic or SetTopicAttributes and returns its value as stored. */
    static String validateAttribute(String name, String value, boolean fifo, boolean creating) {
        if (name.equals("FifoTopic")) {
            if (!creating) {
                throw SnsException.invalidParameter("AttributeName Reason: FifoTopic can only be set when the topic is created");
            }
            return requireBoolean(name, value);
        }
        if (!SETTABLE.contains(name) && !FEEDBACK.matcher(name).matches()) {
            throw SnsException.invalidParameter(creating ? "Attributes Reason: Unknown attribute " + name : "AttributeName");
        }
        String stored = value == null ? "" : value;
        switch (name) {
            case "ContentBasedDeduplication" -> {
                if (!fifo) {
                    throw SnsException.invalidParameter(
                            "ContentBasedDeduplication Reason: Content based deduplication can only be set for FIFO topics");
                }
                stored = requireBoolean(name, value);
            }
            case "SignatureVersion" -> {
                if (!stored.equals("1") && !stored.equals("2")) {
                    throw SnsException.invalidParameter("SignatureVersion Reason: must be 1 or 2");
                }
            }
            case "TracingConfig" -> {
                if (!stored.equals("PassThrough") && !stored.equals("Active")) {
                    throw SnsException.invalidParameter("TracingConfig Reason: must be PassThrough or Active");
                }
            }
            default -> {
                // free-form (policies, display name, ARNs): kept as given
            }
        }
        return stored;
    }

    private static String requireBoolean(String name, String value) {
        if (!"true".equalsIgnoreCase(value) && !"false".equalsIgnoreCase(value)) {
            throw SnsException.invalidParameter(name + " Reason: must be true or false");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    synchronized void setAttribute(String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(attributes);
        changed.put(name, validateAttribute(name, value, fifo, false));
        attributes = Collections.unmodifiableMap(changed);
    }

    /** Whether CreateTopic with these (validated) attributes asks for what this topic already is. */
    boolean hasAttributes(Map<String, String> requested) {
        Map<String, String> current = attributes;
        for (Map.Entry<String, String> attribute : requested.entrySet()) {
            String existing = attribute.getKey().equals("FifoTopic") ? String.valueOf(fifo) : current.get(attribute.getKey());
            if (!attribute.getValue().equals(existing == null ? defaultValue(attribute.getKey()) : existing)) {
                return false;
            }
        }
        return true;
    }

    private String defaultValue(String attribute) {
        return switch (attribute) {
            case "ContentBasedDeduplication" -> "false";
            case "SignatureVersion" -> "1";
            case "DisplayName" -> "";
            default -> null;
        };
    }

    /** All attributes as GetTopicAttributes reports them, AWS's defaults included. */
    Map<String, String> attributes(String ownerAccountId) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("TopicArn", arn);
        all.put("Owner", ownerAccountId);
        all.put("Policy", defaultPolicy(ownerAccountId));
        all.put("DisplayName", "");
        all.put("SubscriptionsPending", "0");
        all.put("SubscriptionsConfirmed", Integer.toString(subscriptions.size()));
        all.put("SubscriptionsDeleted", "0");
        all.put("EffectiveDeliveryPolicy", "{\"http\":{\"defaultHealthyRetryPolicy\":{\"minDelayTarget\":20,"
                + "\"maxDelayTarget\":20,\"numRetries\":3,\"numMaxDelayRetries\":0,\"numNoDelayRetries\":0,"
                + "\"numMinDelayRetries\":0,\"backoffFunction\":\"linear\"},\"disableSubscriptionOverrides\":false,"
                + "\"defaultRequestPolicy\":{\"headerContentType\":\"text/plain; charset=UTF-8\"}}}");
        if (fifo) {
            all.put("FifoTopic", "true");
            all.put("ContentBasedDeduplication", "false");
        }
        all.putAll(attributes);
        return all;
    }

    private String defaultPolicy(String ownerAccountId) {
        return "{\"Version\":\"2008-10-17\",\"Id\":\"__default_policy_ID\",\"Statement\":[{\"Sid\":\"__default_statement_ID\","
                + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":[\"SNS:GetTopicAttributes\","
                + "\"SNS:SetTopicAttributes\",\"SNS:AddPermission\",\"SNS:RemovePermission\",\"SNS:DeleteTopic\","
                + "\"SNS:Subscribe\",\"SNS:ListSubscriptionsByTopic\",\"SNS:Publish\"],\"Resource\":\"" + arn + "\","
                + "\"Condition\":{\"StringEquals\":{\"AWS:SourceOwner\":\"" + ownerAccountId + "\"}}}]}";
    }

    /** Adds or replaces tags; more than {@link #MAX_TAGS} in all is refused. */
    synchronized void tag(Map<String, String> added) {
        Map<String, String> changed = new LinkedHashMap<>(tags);
        changed.putAll(added);
        if (changed.size() > MAX_TAGS) {
            throw SnsException.tagLimitExceeded();
        }
        tags = Collections.unmodifiableMap(changed);
    }

    synchronized void untag(Collection<String> keys) {
        Map<String, String> changed = new LinkedHashMap<>(tags);
        keys.forEach(changed::remove);
        tags = Collections.unmodifiableMap(changed);
    }

    /**
     * Publishes on a FIFO topic: under the topic's lock, so that sequence numbers and the order of deliveries follow
     * the order of publishes; a deduplication id seen in the last five minutes returns the earlier result unpublished.
     */
    synchronized TopicPublisher.Published publishOnce(String deduplicationId,
            Function<String, TopicPublisher.Published> publishWithSequenceNumber) {
        long now = System.currentTimeMillis();
        for (Iterator<Deduplicated> oldest = recentDeduplicationIds.values().iterator(); oldest.hasNext(); ) {
            if (now - oldest.next().publishedAtMillis() < DEDUPLICATION_INTERVAL_MILLIS) {
                break;
            }
            oldest.remove();
        }
        Deduplicated earlier = recentDeduplicationIds.get(deduplicationId);
        if (earlier != null) {
            return earlier.result();
        }
        lastSequenceNumber++;
        String sequenceNumber = "1" + String.format("%019d", lastSequenceNumber);
        TopicPublisher.Published published = publishWithSequenceNumber.apply(sequenceNumber);
        recentDeduplicationIds.put(deduplicationId, new Deduplicated(published, now));
        return published;
    }

    /** Subscriptions of this topic, for a new list without the given one. */
    List<Subscription> subscriptionsWithout(Subscription removed) {
        List<Subscription> remaining = new ArrayList<>(subscriptions);
        remaining.remove(removed);
        return remaining;
    }
}
