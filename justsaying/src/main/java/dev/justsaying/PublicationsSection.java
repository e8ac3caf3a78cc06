package dev.justsaying;

import dev.justsaying.infrastructure.InfrastructureMode;
import dev.justsaying.infrastructure.QueueSettings;
import dev.justsaying.infrastructure.TopicSettings;
import dev.justsaying.publish.AutoBatching;
import dev.justsaying.publish.PublishMiddleware;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@code publications} section: where each message type is published — events to an SNS topic, commands to
 * an SQS queue — and whether the bus creates, validates or assumes that destination at start.
 */
public final class PublicationsSection {

    private final Map<Class<?>, Spec> specs = new LinkedHashMap<>();
    private final List<PublishMiddleware> middleware = new ArrayList<>();
    private AutoBatching autoBatching;

    PublicationsSection() {
    }

    /** Publishes {@code type} to a topic named by the naming convention, created if missing. */
    public PublicationsSection withTopic(Class<?> type) {
        return withTopic(type, topic -> { });
    }

    /** Publishes {@code type} to a topic, configured by {@code configure}. */
    public PublicationsSection withTopic(Class<?> type, Consumer<TopicPublication> configure) {
        TopicPublication publication = new TopicPublication();
        configure.accept(publication);
        return add(new Spec(type, true, publication.topic, publication.mode, null, publication.settings, false));
    }

    /** Sends {@code type} point-to-point to a queue named by the naming convention, created if missing. */
    public PublicationsSection withQueue(Class<?> type) {
        return withQueue(type, queue -> { });
    }

    /** Sends {@code type} point-to-point to a queue, configured by {@code configure}. */
    public PublicationsSection withQueue(Class<?> type, Consumer<QueuePublication> configure) {
        QueuePublication publication = new QueuePublication();
        configure.accept(publication);
        return add(new Spec(type, false, publication.queue, publication.mode, publication.settings, null, publication.raw));
    }

    /** Adds a layer around every publish, inside the ones added before it. */
    public PublicationsSection withMiddleware(PublishMiddleware layer) {
        middleware.add(Objects.requireNonNull(layer, "layer"));
        return this;
    }

    /**
     * Coalesces concurrent single publishes to one destination into batch calls ({@link AutoBatching#defaults()}:
     * 5 ms linger, 10,000 pending). Off by default: a lone publish would wait the linger for company.
     */
    public PublicationsSection withAutoBatching() {
        return withAutoBatching(AutoBatching.defaults());
    }

    /** Coalesces concurrent single publishes to one destination into batch calls, as {@code settings} say. */
    public PublicationsSection withAutoBatching(AutoBatching settings) {
        autoBatching = Objects.requireNonNull(settings, "settings");
        return this;
    }

    Optional<AutoBatching> autoBatching() {
        return Optional.ofNullable(autoBatching);
    }

    List<PublishMiddleware> middleware() {
        return List.copyOf(middleware);
    }

    private PublicationsSection add(Spec spec) {
        Objects.requireNonNull(spec.type(), "type");
        if (specs.putIfAbsent(spec.type(), spec) != null) {
            throw new IllegalArgumentException(spec.type().getName() + " is published twice: a type has one publication");
        }
        return this;
    }

    List<Spec> specs() {
        return new ArrayList<>(specs.values());
    }

    /** A topic publication's options. */
    public static final class TopicPublication {
        private String topic;
        private InfrastructureMode mode = InfrastructureMode.CREATE_IF_MISSING;
        private TopicSettings settings = TopicSettings.defaults();

        private TopicPublication() {
        }

        /** The topic, by name or ARN (default: from the naming convention). */
        public TopicPublication topic(String nameOrArn) {
            this.topic = Objects.requireNonNull(nameOrArn, "nameOrArn");
            return this;
        }

        public TopicPublication mode(InfrastructureMode value) {
            this.mode = Objects.requireNonNull(value, "mode");
            return this;
        }

        public TopicPublication settings(TopicSettings value) {
            this.settings = Objects.requireNonNull(value, "settings");
            return this;
        }
    }

    /** A queue publication's options. */
    public static final class QueuePublication {
        private String queue;
        private InfrastructureMode mode = InfrastructureMode.CREATE_IF_MISSING;
        private QueueSettings settings = QueueSettings.defaults();
        private boolean raw;

        private QueuePublication() {
        }

        /** The queue, by name, URL or ARN (default: from the naming convention). */
        public QueuePublication queue(String nameUrlOrArn) {
            this.queue = Objects.requireNonNull(nameUrlOrArn, "nameUrlOrArn");
            return this;
        }

        public QueuePublication mode(InfrastructureMode value) {
            this.mode = Objects.requireNonNull(value, "mode");
            return this;
        }

        public QueuePublication settings(QueueSettings value) {
            this.settings = Objects.requireNonNull(value, "settings");
            return this;
        }

        /** Sends the bare message JSON, for consumers that are not JustSaying. */
        public QueuePublication raw() {
            this.raw = true;
            return this;
        }
    }

    /** One publication as configured; the destination name is null when the naming convention decides. */
    record Spec(Class<?> type, boolean topic, String destination, InfrastructureMode mode, QueueSettings queueSettings,
                TopicSettings topicSettings, boolean raw) {
    }
}
