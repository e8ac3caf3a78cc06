package dev.justsaying;

import dev.justsaying.handle.HandlerMiddleware;
import dev.justsaying.infrastructure.InfrastructureMode;
import dev.justsaying.infrastructure.NamingConvention;
import dev.justsaying.infrastructure.QueueSettings;
import dev.justsaying.infrastructure.TopicSettings;
import dev.justsaying.monitoring.MessageMonitor;
import dev.justsaying.publish.AutoBatching;
import dev.justsaying.publish.PublishMiddleware;
import dev.justsaying.handle.lock.ExactlyOnceMiddleware;
import dev.justsaying.region.FailoverPolicy;
import dev.justsaying.region.FailoverStrategy;
import dev.justsaying.publish.PublishRetry;
import dev.justsaying.subscribe.SubscriptionGroupSettings;
import dev.justsaying.wire.WireOptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A bus configuration checked as a whole, with every default name decided: what {@link MessagingBus.Builder#build()}
 * produces and {@link BusStartup} acts on. Mistakes fail here, before any AWS call, saying what to change.
 */
record BusConfiguration(
        List<String> regions,
        Supplier<String> activeRegion,
        FailoverPolicy failover,
        FailoverStrategy strategy,
        WireOptions wire,
        NamingConvention naming,
        String raisingComponent,
        ClientFactory clients,
        List<Publication> publications,
        List<QueuePlan> queues,
        Map<String, SubscriptionGroupSettings> groups,
        Map<Class<?>, HandlersSection.Registration> handlers,
        List<HandlerMiddleware> middleware,
        List<PublishMiddleware> publishMiddleware,
        Optional<AutoBatching> autoBatching,
        MessageMonitor monitor,
        PublishRetry publishRetry) {

    /** A publication with its destination named. */
    record Publication(Class<?> type, boolean topic, String destination, InfrastructureMode mode,
                       QueueSettings queueSettings, TopicSettings topicSettings, boolean raw) {
        @Override
        public String toString() {
            return type.getSimpleName() + " → " + (topic ? "topic " : raw ? "raw queue " : "queue ") + destination
                    + " (" + mode + ")";
        }
    }

    /** A topic the queue subscribes to, with the subscription's options. */
    record TopicPlan(String topic, TopicSettings settings, String filterPolicy) {
    }

    /** A queue read by the bus: its group, the types it carries and the topics it subscribes to. */
    record QueuePlan(String queue, String group, boolean raw, InfrastructureMode mode, QueueSettings settings,
                     List<Class<?>> types, List<TopicPlan> topics) {
    }

    static BusConfiguration check(MessagingSection messaging, ClientFactory clients, PublicationsSection publications,
                                  SubscriptionsSection subscriptions, HandlersSection handlers,
                                  List<HandlerMiddleware> middleware, MessageMonitor monitor, PublishRetry retry) {
        NamingConvention naming = messaging.naming();
        List<Publication> resolvedPublications = new ArrayList<>();
        for (PublicationsSection.Spec spec : publications.specs()) {
            String destination = spec.destination() != null ? spec.destination()
                    : spec.topic() ? naming.topicName(spec.type()) : naming.queueName(spec.type());
            resolvedPublications.add(new Publication(spec.type(), spec.topic(), destination, spec.mode(),
                    spec.queueSettings(), spec.topicSettings(), spec.raw()));
        }

        Map<String, QueuePlan> queues = new LinkedHashMap<>();
        Set<Class<?>> subscribed = new HashSet<>();
        for (SubscriptionsSection.Spec spec : subscriptions.specs()) {
            String queue = spec.queue() != null ? spec.queue() : naming.queueName(spec.type());
            String group = spec.group() != null ? spec.group() : queue;
            QueuePlan plan = queues.get(queue);
            if (plan == null) {
                plan = new QueuePlan(queue, group, spec.raw(), spec.mode(), spec.queueSettings(), new ArrayList<>(),
                        new ArrayList<>());
                queues.put(queue, plan);
            } else {
                requireSame(queue, "subscription group", plan.group(), group);
                requireSame(queue, "raw setting", plan.raw(), spec.raw());
                requireSame(queue, "infrastructure mode", plan.mode(), spec.mode());
            }
            if (plan.types().contains(spec.type())) {
                throw new IllegalArgumentException(spec.type().getName() + " is subscribed twice on queue " + queue
                        + ": subscribe each type once per queue");
            }
            plan.types().add(spec.type());
            subscribed.add(spec.type());
            if (spec.topic()) {
                String topic = spec.topicName() != null ? spec.topicName() : naming.topicName(spec.type());
                plan.topics().add(new TopicPlan(topic, spec.topicSettings(), spec.filterPolicy()));
            }
        }

        Map<Class<?>, HandlersSection.Registration> registered = handlers.handlers();
        for (Class<?> type : subscribed) {
            if (!registered.containsKey(type)) {
                throw new IllegalArgumentException("no handler for subscribed type " + type.getName()
                        + ": add .handlers(h -> h.handle(" + type.getSimpleName() + ".class, ...))");
            }
        }
        for (Class<?> type : registered.keySet()) {
            if (!subscribed.contains(type)) {
                throw new IllegalArgumentException("a handler for " + type.getName() + " but no subscription: add "
                        + ".subscriptions(s -> s.forTopic(" + type.getSimpleName() + ".class)) or forQueue(...)");
            }
        }

        Map<String, SubscriptionGroupSettings> groups = new LinkedHashMap<>();
        queues.values().forEach(plan -> groups.computeIfAbsent(plan.group(), subscriptions::groupSettings));
        for (String configured : subscriptions.configuredGroups()) {
            if (!groups.containsKey(configured)) {
                throw new IllegalArgumentException("subscription group " + configured + " is configured but no "
                        + "subscription uses it (groups in use: " + groups.keySet() + ")");
            }
        }
        FailoverStrategy strategy = messaging.strategy();
        if (strategy.publishesEverywhere() && !queues.isEmpty()
                && middleware.stream().noneMatch(ExactlyOnceMiddleware.class::isInstance)) {
            throw new IllegalStateException(strategy + " delivers every message through every region, so handlers "
                    + "would see it more than once: add .handlers(h -> h.withMiddleware(ExactlyOnceMiddleware.using("
                    + "lock))) with a lock every consumer shares");
        }
        List<QueuePlan> frozen = queues.values().stream().map(plan -> new QueuePlan(plan.queue(), plan.group(),
                plan.raw(), plan.mode(), plan.settings(), List.copyOf(plan.types()), List.copyOf(plan.topics()))).toList();
        return new BusConfiguration(messaging.regions(), messaging.activeRegion(), messaging.failover(), strategy,
                messaging.wire(), naming,
                messaging.raisingComponent(), clients, List.copyOf(resolvedPublications), frozen, java.util.Collections.unmodifiableMap(groups),
                registered, middleware, publications.middleware(), publications.autoBatching(), monitor, retry);
    }

    private static void requireSame(String queue, String what, Object first, Object second) {
        if (!first.equals(second)) {
            throw new IllegalArgumentException("queue " + queue + " is configured with two different " + what
                    + "s (" + first + " and " + second + "): one queue has one " + what);
        }
    }

    List<String> describePublications() {
        return publications.stream().map(Publication::toString).toList();
    }
}
