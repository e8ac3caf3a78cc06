package dev.justsaying;

import dev.justsaying.infrastructure.InfrastructureMode;
import dev.justsaying.infrastructure.QueueSettings;
import dev.justsaying.infrastructure.TopicSettings;
import dev.justsaying.subscribe.SubscriptionGroupSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The {@code subscriptions} section: which message types the bus reads, from which queues, in which subscription
 * groups. A topic subscription owns its queue (and error queue) and subscribes it to the type's topic; a queue
 * subscription reads a queue that commands are sent to. Several types may share a queue.
 */
public final class SubscriptionsSection {

    private final List<Spec> specs = new ArrayList<>();
    private final Map<String, Consumer<SubscriptionGroupSettings.Builder>> groups = new LinkedHashMap<>();
    private Consumer<SubscriptionGroupSettings.Builder> defaults = settings -> { };

    SubscriptionsSection() {
    }

    /** Reads {@code type} from the topic of its name, through a queue of its name. */
    public SubscriptionsSection forTopic(Class<?> type) {
        return forTopic(type, subscription -> { });
    }

    public SubscriptionsSection forTopic(Class<?> type, Consumer<TopicSubscription> configure) {
        TopicSubscription subscription = new TopicSubscription();
        configure.accept(subscription);
        specs.add(new Spec(Objects.requireNonNull(type, "type"), true, subscription.queue, subscription.topic,
                subscription.group, subscription.mode, subscription.queueSettings, subscription.topicSettings,
                subscription.raw, subscription.filterPolicy));
        return this;
    }

    /** Reads {@code type} from the queue of its name. */
    public SubscriptionsSection forQueue(Class<?> type) {
        return forQueue(type, subscription -> { });
    }

    public SubscriptionsSection forQueue(Class<?> type, Consumer<QueueSubscription> configure) {
        QueueSubscription subscription = new QueueSubscription();
        configure.accept(subscription);
        specs.add(new Spec(Objects.requireNonNull(type, "type"), false, subscription.queue, null, subscription.group,
                subscription.mode, subscription.settings, null, subscription.raw, null));
        return this;
    }

    /** Settings of one subscription group (concurrency limit, prefetch, buffer, receive wait, rate). */
    public SubscriptionsSection withSubscriptionGroup(String name, Consumer<SubscriptionGroupSettings.Builder> configure) {
        if (groups.putIfAbsent(Objects.requireNonNull(name, "name"), configure) != null) {
            throw new IllegalArgumentException("subscription group " + name + " is configured twice");
        }
        return this;
    }

    /** Settings every group starts from before its own. */
    public SubscriptionsSection withDefaults(Consumer<SubscriptionGroupSettings.Builder> configure) {
        this.defaults = Objects.requireNonNull(configure, "configure");
        return this;
    }

    List<Spec> specs() {
        return List.copyOf(specs);
    }

    SubscriptionGroupSettings groupSettings(String group) {
        SubscriptionGroupSettings.Builder builder = SubscriptionGroupSettings.builder();
        defaults.accept(builder);
        groups.getOrDefault(group, settings -> { }).accept(builder);
        return builder.build();
    }

    List<String> configuredGroups() {
        return List.copyOf(groups.keySet());
    }

    /** A topic subscription's options. */
    public static final class TopicSubscription {
        private String queue;
        private String topic;
        private String group;
        private InfrastructureMode mode = InfrastructureMode.CREATE_IF_MISSING;
        private QueueSettings queueSettings = QueueSettings.defaults();
        private TopicSettings topicSettings = TopicSettings.defaults();
        private boolean raw;
        private String filterPolicy;

        private TopicSubscription() {
        }

        /** The subscriber's own queue, by name (default: from the naming convention). */
        public TopicSubscription queue(String name) {
            this.queue = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The topic, by name or ARN (default: from the naming convention). */
        public TopicSubscription topic(String nameOrArn) {
            this.topic = Objects.requireNonNull(nameOrArn, "nameOrArn");
            return this;
        }

        /** The subscription group (default: a group of the queue's own, named after it). */
        public TopicSubscription group(String name) {
            this.group = Objects.requireNonNull(name, "name");
            return this;
        }

        public TopicSubscription mode(InfrastructureMode value) {
            this.mode = Objects.requireNonNull(value, "mode");
            return this;
        }

        public TopicSubscription queueSettings(QueueSettings value) {
            this.queueSettings = Objects.requireNonNull(value, "queueSettings");
            return this;
        }

        public TopicSubscription topicSettings(TopicSettings value) {
            this.topicSettings = Objects.requireNonNull(value, "topicSettings");
            return this;
        }

        /** Raw message delivery: SNS delivers the bare message with native attributes. */
        public TopicSubscription raw() {
            this.raw = true;
            return this;
        }

        /** An SNS filter policy (JSON) on message attributes. */
        public TopicSubscription filterPolicy(String json) {
            this.filterPolicy = Objects.requireNonNull(json, "json");
            return this;
        }
    }

    /** A queue subscription's options. */
    public static final class QueueSubscription {
        private String queue;
        private String group;
        private InfrastructureMode mode = InfrastructureMode.CREATE_IF_MISSING;
        private QueueSettings settings = QueueSettings.defaults();
        private boolean raw;

        private QueueSubscription() {
        }

        /** The queue, by name, URL or ARN (default: from the naming convention). */
        public QueueSubscription queue(String nameUrlOrArn) {
            this.queue = Objects.requireNonNull(nameUrlOrArn, "nameUrlOrArn");
            return this;
        }

        /** The subscription group (default: a group of the queue's own, named after it). */
        public QueueSubscription group(String name) {
            this.group = Objects.requireNonNull(name, "name");
            return this;
        }

        public QueueSubscription mode(InfrastructureMode value) {
            this.mode = Objects.requireNonNull(value, "mode");
            return this;
        }

        public QueueSubscription settings(QueueSettings value) {
            this.settings = Objects.requireNonNull(value, "settings");
            return this;
        }

        /** The queue carries bare message JSON (the type from the type attribute, or the queue's only type). */
        public QueueSubscription raw() {
            this.raw = true;
            return this;
        }
    }

    /** One subscription as configured; names are null where the naming convention decides. */
    record Spec(Class<?> type, boolean topic, String queue, String topicName, String group, InfrastructureMode mode,
                QueueSettings queueSettings, TopicSettings topicSettings, boolean raw, String filterPolicy) {
    }
}
