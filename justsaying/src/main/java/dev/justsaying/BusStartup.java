package dev.justsaying;

import dev.justsaying.handle.AsyncMessageHandler;
import dev.justsaying.handle.BatchMessageHandler;
import dev.justsaying.handle.MessageHandler;
import dev.justsaying.infrastructure.InfrastructureMode;
import dev.justsaying.infrastructure.QueueAddress;
import dev.justsaying.infrastructure.QueueSettings;
import dev.justsaying.infrastructure.RegionInfrastructure;
import dev.justsaying.infrastructure.ResolvedQueue;
import dev.justsaying.infrastructure.ResolvedTopic;
import dev.justsaying.infrastructure.SubscriptionSettings;
import dev.justsaying.infrastructure.TopicAddress;
import dev.justsaying.infrastructure.TopicSettings;
import dev.justsaying.publish.BusPublisher;
import dev.justsaying.publish.Publication;
import dev.justsaying.publish.PublishTarget;
import dev.justsaying.publish.QueueTarget;
import dev.justsaying.publish.TopicTarget;
import dev.justsaying.region.ActiveRegion;
import dev.justsaying.subscribe.HandlerBinding;
import dev.justsaying.subscribe.QueueEndpoint;
import dev.justsaying.subscribe.QueueSubscription;
import dev.justsaying.subscribe.RegionSelection;
import dev.justsaying.subscribe.Subscriber;
import dev.justsaying.subscribe.SubscriptionGroup;
import dev.justsaying.wire.EnvelopeReader;
import dev.justsaying.wire.MessageSerializer;
import dev.justsaying.wire.MessageWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What {@link MessagingBus#start()} does before polling: in every region, the startup tasks that create, validate
 * or assume each publication's destination and each subscription's queue, topics, subscriptions and policy; then
 * the publisher and the subscription groups over what they resolved.
 */
final class BusStartup {

    private static final Logger log = LoggerFactory.getLogger(BusStartup.class);

    private final BusConfiguration configuration;
    private final ClientFactory clients;
    private final MessageSerializer serializer;
    /** Each queue and topic is resolved once per region, however many publications and subscriptions share it. */
    private final Map<String, CompletableFuture<ResolvedQueue>> queues = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<ResolvedTopic>> topics = new ConcurrentHashMap<>();

    private final ActiveRegion activeRegion;

    BusStartup(BusConfiguration configuration, ClientFactory clients, ActiveRegion activeRegion) {
        this.configuration = configuration;
        this.clients = clients;
        this.activeRegion = activeRegion;
        this.serializer = new MessageSerializer(configuration.wire());
    }

    /** The started bus's parts, and the recovery of regions that were down at start. */
    record Runtime(BusPublisher publisher, Subscriber subscriber, RegionRecovery recovery) {
    }

    /** What one region contributes: a destination per publication and a queue subscription per queue plan. */
    private record RegionParts(Map<BusConfiguration.Publication, PublishTarget> targets,
                               Map<BusConfiguration.QueuePlan, QueueSubscription> subscriptions) {
    }

    /**
     * Sets up every region. A region that cannot be reached (an outage, AWS 5xx) does not stop the bus while another
     * region is up: the bus starts with the regions it has and sets the missing one up when it answers again.
     * Anything else — a missing resource in VALIDATE mode, access denied — fails the start.
     */
    CompletableFuture<Runtime> run() {
        Map<String, CompletableFuture<RegionParts>> setups = new LinkedHashMap<>();
        configuration.regions().forEach(region -> setups.put(region, setUp(region)));
        CompletableFuture<?>[] settled = setups.values().stream()
                .map(setup -> setup.handle((parts, error) -> null)).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(settled).thenApply(ignored -> assemble(setups));
    }

    private Runtime assemble(Map<String, CompletableFuture<RegionParts>> setups) {
        Map<String, RegionParts> up = new LinkedHashMap<>();
        Map<String, Throwable> down = new LinkedHashMap<>();
        setups.forEach((region, setup) -> {
            try {
                up.put(region, setup.join());
            } catch (CompletionException | CancellationException e) {
                down.put(region, e.getCause() != null ? e.getCause() : e);
            }
        });
        for (Throwable cause : down.values()) {
            if (up.isEmpty() || !isRegionOutage(cause)) {
                throw new CompletionException(cause);
            }
        }
        List<Publication> publications = new ArrayList<>();
        for (BusConfiguration.Publication publication : configuration.publications()) {
            Map<String, PublishTarget> targets = new LinkedHashMap<>();
            up.forEach((region, parts) -> targets.put(region, parts.targets().get(publication)));
            publications.add(new Publication(publication.type(), targets, activeRegion,
                    configuration.strategy().publishesEverywhere()));
        }
        Map<String, List<QueueSubscription>> byGroup = new LinkedHashMap<>();
        configuration.groups().keySet().forEach(group -> byGroup.put(group, new ArrayList<>()));
        for (BusConfiguration.QueuePlan plan : configuration.queues()) {
            up.values().forEach(parts -> byGroup.get(plan.group()).add(parts.subscriptions().get(plan)));
        }
        List<SubscriptionGroup> groups = new ArrayList<>();
        byGroup.forEach((name, queues) -> groups.add(new SubscriptionGroup(name, configuration.groups().get(name), queues)));
        RegionSelection read = configuration.strategy().readsActiveRegionOnly() ? activeRegionOnly()
                : RegionSelection.EVERY_REGION;
        Subscriber subscriber = new Subscriber(groups, serializer, configuration.monitor(), read);
        RegionRecovery recovery = new RegionRecovery(region -> setUp(region).thenAccept(parts ->
                addRegion(parts, publications, subscriber)));
        down.forEach((region, cause) -> {
            log.warn("Region {} cannot be reached at start ({}): the bus starts without it and sets it up when it "
                    + "answers again", region, cause.toString());
            activeRegion.markDown(region, "unreachable at start: " + cause);
            recovery.recover(region);
        });
        BusPublisher publisher = new BusPublisher(publications, new MessageWriter(serializer),
                configuration.publishRetry(), configuration.monitor(), configuration.raisingComponent(),
                configuration.publishMiddleware(), configuration.autoBatching());
        return new Runtime(publisher, subscriber, recovery);
    }

    /** Reads the active region's queues only; failed receives count toward failing over, as failed publishes do. */
    private RegionSelection activeRegionOnly() {
        return new RegionSelection() {
            @Override
            public boolean reads(String region) {
                return activeRegion.current().equals(region);
            }

            @Override
            public void receiveSucceeded(String region) {
                activeRegion.succeeded(region);
            }

            @Override
            public void receiveFailed(String region, Throwable cause) {
                activeRegion.failed(region, cause);
            }
        };
    }

    /** A region that was down at start now has its infrastructure: publish there, and read its queues. */
    private void addRegion(RegionParts parts, List<Publication> publications, Subscriber subscriber) {
        for (Publication publication : publications) {
            parts.targets().forEach((spec, target) -> {
                if (spec.type() == publication.messageType()) {
                    publication.addTarget(target);
                }
            });
        }
        parts.subscriptions().forEach((plan, subscription) -> subscriber.groups().stream()
                .filter(group -> group.name().equals(plan.group())).findFirst()
                .ifPresent(group -> group.add(subscription)));
    }

    /** Whether a failure means the region is unreachable (network, AWS 5xx) rather than misconfigured. */
    static boolean isRegionOutage(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof AwsServiceException service) {
                return service.statusCode() >= 500;
            }
            if (cause instanceof SdkClientException) {
                return true;
            }
        }
        return false;
    }

    private CompletableFuture<RegionParts> setUp(String region) {
        RegionInfrastructure infra = new RegionInfrastructure(region, clients.sqs(region), clients.sns(region),
                configuration.naming());
        Map<BusConfiguration.Publication, CompletableFuture<PublishTarget>> targets = new LinkedHashMap<>();
        for (BusConfiguration.Publication publication : configuration.publications()) {
            targets.put(publication, target(publication, region, infra));
        }
        Map<BusConfiguration.QueuePlan, CompletableFuture<QueueSubscription>> subscriptions = new LinkedHashMap<>();
        for (BusConfiguration.QueuePlan plan : configuration.queues()) {
            subscriptions.put(plan, subscribe(plan, region, infra));
        }
        List<CompletableFuture<?>> all = new ArrayList<>(targets.values());
        all.addAll(subscriptions.values());
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            Map<BusConfiguration.Publication, PublishTarget> resolvedTargets = new LinkedHashMap<>();
            targets.forEach((publication, target) -> resolvedTargets.put(publication, target.join()));
            Map<BusConfiguration.QueuePlan, QueueSubscription> resolvedSubscriptions = new LinkedHashMap<>();
            subscriptions.forEach((plan, subscription) -> resolvedSubscriptions.put(plan, subscription.join()));
            return new RegionParts(resolvedTargets, resolvedSubscriptions);
        });
    }

    private CompletableFuture<PublishTarget> target(BusConfiguration.Publication publication, String region,
                                                    RegionInfrastructure infra) {
        return publication.topic()
                ? topic(infra, publication.destination(), publication.topicSettings(), publication.mode())
                        .thenApply(topic -> new TopicTarget(region, topic.arn(), clients.sns(region)))
                : queue(infra, publication.destination(), publication.queueSettings(), publication.mode())
                        .thenApply(queue -> new QueueTarget(region, queue.url(), publication.raw(), clients.sqs(region)));
    }

    private CompletableFuture<QueueSubscription> subscribe(BusConfiguration.QueuePlan plan, String region,
                                                           RegionInfrastructure infra) {
        return queue(infra, plan.queue(), plan.settings(), plan.mode()).thenCompose(queue -> {
            List<CompletableFuture<?>> subscribed = new ArrayList<>();
            for (BusConfiguration.TopicPlan topic : plan.topics()) {
                SubscriptionSettings raw = SubscriptionSettings.defaults().withRawMessageDelivery(plan.raw());
                SubscriptionSettings settings = topic.filterPolicy() == null ? raw : raw.withFilterPolicy(topic.filterPolicy());
                subscribed.add(topic(infra, topic.topic(), topic.settings(), plan.mode())
                        .thenCompose(resolved -> infra.subscribe(resolved, queue, settings, plan.mode())));
            }
            return CompletableFuture.allOf(subscribed.toArray(CompletableFuture[]::new))
                    .thenApply(ignored -> new QueueSubscription(endpoint(region, queue, plan), bindings(plan),
                            new EnvelopeReader(configuration.wire())));
        });
    }

    private CompletableFuture<ResolvedQueue> queue(RegionInfrastructure infra, String address, QueueSettings settings,
                                                   InfrastructureMode mode) {
        return remembered(queues, infra.region() + " " + address,
                () -> infra.queue(QueueAddress.of(address), settings, mode));
    }

    private CompletableFuture<ResolvedTopic> topic(RegionInfrastructure infra, String address, TopicSettings settings,
                                                   InfrastructureMode mode) {
        return remembered(topics, infra.region() + " " + address,
                () -> infra.topic(TopicAddress.of(address), settings, mode));
    }

    /** One call per key while it succeeds or runs; a failed call is forgotten, so a recovering region tries again. */
    private static <T> CompletableFuture<T> remembered(Map<String, CompletableFuture<T>> calls, String key,
                                                       Supplier<CompletableFuture<T>> call) {
        CompletableFuture<T> result = calls.computeIfAbsent(key, ignored -> call.get());
        result.whenComplete((value, error) -> {
            if (error != null) {
                calls.remove(key, result);
            }
        });
        return result;
    }

    private QueueEndpoint endpoint(String region, ResolvedQueue queue, BusConfiguration.QueuePlan plan) {
        return new QueueEndpoint(region, queue.name(), queue.url(), queue.errorQueue().map(ResolvedQueue::url),
                plan.settings().maxReceiveCount(), clients.sqs(region), plan.settings().visibilityTimeout());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<HandlerBinding> bindings(BusConfiguration.QueuePlan plan) {
        List<HandlerBinding> bindings = new ArrayList<>();
        for (Class<?> type : plan.types()) {
            HandlersSection.Registration registration = configuration.handlers().get(type);
            String typeName = configuration.wire().typeNamer().typeNameOf(type);
            Class raw = type;
            bindings.add(switch (registration.kind()) {
                case SINGLE -> HandlerBinding.of(raw, typeName, (MessageHandler) registration.handler(),
                        configuration.middleware());
                case ASYNC -> HandlerBinding.ofAsync(raw, typeName, (AsyncMessageHandler) registration.handler(),
                        configuration.middleware());
                case BATCH -> HandlerBinding.ofBatch(raw, typeName, (BatchMessageHandler) registration.handler(),
                        configuration.middleware());
            });
        }
        return bindings;
    }
}
