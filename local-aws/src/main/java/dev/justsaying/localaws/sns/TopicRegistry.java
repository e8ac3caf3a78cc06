package dev.justsaying.localaws.sns;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;

/**
 * The topics and subscriptions of one region and account. Changes are serialised on the registry (they are rare);
 * reads, including every publish, go without locks. Listings come in pages of 100 in ARN order, so a page token
 * (the last ARN returned) stays valid while topics come and go.
 */
final class TopicRegistry {

    static final int PAGE_SIZE = 100;
    private static final Pattern TOPIC_NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final Pattern FIFO_TOPIC_NAME = Pattern.compile("[A-Za-z0-9_-]{1,251}\\.fifo");
    private static final Pattern SUBSCRIPTION_ARN = Pattern.compile("arn:aws:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_.-]+:[0-9a-f-]+");

    private final String region;
    private final String accountId;
    private final ConcurrentSkipListMap<String, Topic> topics = new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListMap<String, Subscription> subscriptions = new ConcurrentSkipListMap<>();

    /** One page of a listing; {@code nextToken} is null on the last page. */
    record Page<T>(List<T> items, String nextToken) {
    }

    TopicRegistry(String region, String accountId) {
        this.region = region;
        this.accountId = accountId;
    }

    String accountId() {
        return accountId;
    }

    /** Creates a topic, or returns the existing one of that name when the request asks for what it already is. */
    synchronized Topic createTopic(String name, Map<String, String> attributes, Map<String, String> tags) {
        boolean fifo = "true".equalsIgnoreCase(attributes.get("FifoTopic"));
        if (fifo ? !FIFO_TOPIC_NAME.matcher(name).matches() : !TOPIC_NAME.matcher(name).matches()) {
            throw SnsException.invalidParameter(fifo
                    ? "Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII "
                            + "letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long."
                    : "Topic Name");
        }
        Map<String, String> validated = new LinkedHashMap<>();
        attributes.forEach((attribute, value) -> validated.put(attribute, Topic.validateAttribute(attribute, value, fifo, true)));
        String arn = "arn:aws:sns:" + region + ':' + accountId + ':' + name;
        Topic existing = topics.get(arn);
        if (existing != null) {
            if (!existing.hasAttributes(validated)) {
                throw SnsException.invalidParameter("Attributes Reason: Topic already exists with different attributes");
            }
            if (!tags.isEmpty() && !tags.equals(existing.tags())) {
                throw SnsException.invalidParameter("Tags Reason: Topic already exists with different tags");
            }
            return existing;
        }
        if (tags.size() > Topic.MAX_TAGS) {
            throw SnsException.tagLimitExceeded();
        }
        validated.remove("FifoTopic");
        Topic topic = new Topic(arn, name, fifo, validated, tags);
        topics.put(arn, topic);
        return topic;
    }

    /** Deletes a topic and its subscriptions; deleting a topic that does not exist is not an error (as on AWS). */
    synchronized void deleteTopic(String arn) {
        Topic removed = topics.remove(arn);
        if (removed != null) {
            removed.subscriptions().forEach(subscription -> subscriptions.remove(subscription.arn()));
            removed.subscriptions(List.of());
        }
    }

    Topic topic(String arn) {
        Topic topic = topics.get(arn);
        if (topic == null) {
            throw SnsException.topicNotFound();
        }
        return topic;
    }

    /** A topic as the target of the tagging actions, which report a missing one differently. */
    Topic taggedResource(String arn) {
        Topic topic = topics.get(arn);
        if (topic == null) {
            throw SnsException.resourceNotFound();
        }
        return topic;
    }

    Page<Topic> topics(String nextToken) {
        return page(topics, nextToken);
    }

    /**
     * Subscribes an SQS queue; subscribing the same queue again returns the existing subscription, unless the request
     * asks for different attributes.
     */
    synchronized Subscription subscribe(Topic topic, String protocol, String endpoint, Map<String, String> attributes) {
        if (!"sqs".equals(protocol)) {
            throw SnsException.invalidParameter("Protocol Reason: only the sqs protocol is supported by this local endpoint");
        }
        SqsQueueArn queue = SqsQueueArn.parse(endpoint);
        if (queue.fifo() && !topic.fifo()) {
            throw SnsException.invalidParameter("Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics");
        }
        Subscription.Settings requested = Subscription.Settings.of(attributes);
        if (topics.get(topic.arn()) != topic) {
            throw SnsException.topicNotFound();
        }
        for (Subscription existing : topic.subscriptions()) {
            if (existing.queue().equals(queue)) {
                Map<String, String> current = existing.settings().attributes();
                boolean same = requested.attributes().entrySet().stream()
                        .allMatch(attribute -> attribute.getValue().equals(current.getOrDefault(attribute.getKey(),
                                attribute.getKey().equals("RawMessageDelivery") ? "false" : null)));
                if (!same) {
                    throw SnsException.invalidParameter("Attributes Reason: Subscription already exists with different attributes");
                }
                return existing;
            }
        }
        Subscription subscription = new Subscription(topic.arn() + ':' + Ids.uuid(), topic, queue, requested);
        List<Subscription> updated = new ArrayList<>(topic.subscriptions());
        updated.add(subscription);
        topic.subscriptions(updated);
        subscriptions.put(subscription.arn(), subscription);
        return subscription;
    }

    /** Removes a subscription; an unknown but well-formed ARN is not an error (as on AWS). */
    synchronized void unsubscribe(String arn) {
        if (!SUBSCRIPTION_ARN.matcher(arn).matches()) {
            throw SnsException.invalidParameter("SubscriptionArn");
        }
        Subscription removed = subscriptions.remove(arn);
        if (removed != null) {
            removed.topic().subscriptions(removed.topic().subscriptionsWithout(removed));
        }
    }

    Subscription subscription(String arn) {
        Subscription subscription = subscriptions.get(arn);
        if (subscription == null) {
            throw SnsException.subscriptionNotFound();
        }
        return subscription;
    }

    Page<Subscription> subscriptions(String nextToken) {
        return page(subscriptions, nextToken);
    }

    Page<Subscription> subscriptions(Topic topic, String nextToken) {
        TreeMap<String, Subscription> byArn = new TreeMap<>();
        topic.subscriptions().forEach(subscription -> byArn.put(subscription.arn(), subscription));
        return page(byArn, nextToken);
    }

    private static <T> Page<T> page(NavigableMap<String, T> items, String nextToken) {
        NavigableMap<String, T> remaining = nextToken == null ? items : items.tailMap(decodeToken(nextToken), false);
        List<T> page = new ArrayList<>();
        String last = null;
        for (Map.Entry<String, T> item : remaining.entrySet()) {
            if (page.size() == PAGE_SIZE) {
                return new Page<>(page, Base64.getUrlEncoder().withoutPadding().encodeToString(last.getBytes(StandardCharsets.UTF_8)));
            }
            page.add(item.getValue());
            last = item.getKey();
        }
        return new Page<>(page, null);
    }

    private static String decodeToken(String nextToken) {
        try {
            String arn = new String(Base64.getUrlDecoder().decode(nextToken), StandardCharsets.UTF_8);
            if (arn.startsWith("arn:aws:sns:")) {
                return arn;
            }
        } catch (IllegalArgumentException notBase64) {
            // reported below
        }
        throw SnsException.invalidParameter("NextToken");
    }
}
