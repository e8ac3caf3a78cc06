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
import dev.justsaying.subscribe.Subscriber;
import dev.justsaying.subscribe.SubscriptionGroup;
import dev.justsaying.wire.EnvelopeReader;
import dev.justsaying.wire.MessageSerializer;
import dev.justsaying.wire.MessageWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What {@link MessagingBus#start()} does before polling: in every region, the startup tasks that create, validate
 * or assume each publication's destination and each subscription's queue, topics, subscriptions and policy; then
 * the publisher and the subscription groups over what they resolved.
 */
final class BusStartup {

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

    /** The started bus's parts. */
    record Runtime(BusPublisher publisher, Subscriber subscriber) {
    }

    CompletableFuture<Runtime> run() {
        Map<String, RegionInfrastructure> infrastructure = new LinkedHashMap<>();
        for (String region : configuration.regions()) {
            infrastructure.put(region, new RegionInfrastructure(region, clients.sqs(region), clients.sns(region),
                    configuration.naming()));
        }
        List<CompletableFuture<Publication>> publications = new ArrayList<>();
        for (BusConfiguration.Publication publication : configuration.publications()) {
            publications.add(publish(publication, infrastructure));
        }
        List<CompletableFuture<QueueSubscription>> subscriptions = new ArrayList<>();
        for (BusConfiguration.QueuePlan plan : configuration.queues()) {
            for (String region : configuration.regions()) {
                subscriptions.add(subscribe(plan, region, infrastructure.get(region)));
            }
        }
        return allOf(publications).thenCombine(allOf(subscriptions), (published, subscribed) -> new Runtime(
                new BusPublisher(published, new MessageWriter(serializer), configuration.publishRetry(),
                        configuration.monitor(), configuration.raisingComponent(), configuration.publishMiddleware()),
                new Subscriber(groups(subscribed), serializer, configuration.monitor())));
    }

    private CompletableFuture<Publication> publish(BusConfiguration.Publication publication,
                                                   Map<String, RegionInfrastructure> infrastructure) {
        Map<String, CompletableFuture<PublishTarget>> targets = new LinkedHashMap<>();
        infrastructure.forEach((region, infra) -> targets.put(region, publication.topic()
                ? topic(infra, publication.destination(), publication.topicSettings(), publication.mode())
                        .thenApply(topic -> (PublishTarget) new TopicTarget(region, topic.arn(), clients.sns(region)))
                : queue(infra, publication.destination(), publication.queueSettings(), publication.mode())
                        .thenApply(queue -> (PublishTarget) new QueueTarget(region, queue.url(), publication.raw(),
                                clients.sqs(region)))));
        return allOf(new ArrayList<>(targets.values())).thenApply(ignored -> {
            Map<String, PublishTarget> byRegion = new LinkedHashMap<>();
            targets.forEach((region, target) -> byRegion.put(region, target.join()));
            return new Publication(publication.type(), byRegion, activeRegion);
        });
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
        return queues.computeIfAbsent(infra.region() + " " + address,
                ignored -> infra.queue(QueueAddress.of(address), settings, mode));
    }

    private CompletableFuture<ResolvedTopic> topic(RegionInfrastructure infra, String address, TopicSettings settings,
                                                   InfrastructureMode mode) {
        return topics.computeIfAbsent(infra.region() + " " + address,
                ignored -> infra.topic(TopicAddress.of(address), settings, mode));
    }

    private QueueEndpoint endpoint(String region, ResolvedQueue queue, BusConfiguration.QueuePlan plan) {
        return new QueueEndpoint(region, queue.name(), queue.url(), queue.errorQueue().map(ResolvedQueue::url),
                plan.settings().maxReceiveCount(), clients.sqs(region));
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

    private List<SubscriptionGroup> groups(List<QueueSubscription> subscriptions) {
        Map<String, List<QueueSubscription>> byGroup = new LinkedHashMap<>();
        configuration.groups().keySet().forEach(group -> byGroup.put(group, new ArrayList<>()));
        int index = 0;
        for (BusConfiguration.QueuePlan plan : configuration.queues()) {
            for (int region = 0; region < configuration.regions().size(); region++) {
                byGroup.get(plan.group()).add(subscriptions.get(index++));
            }
        }
        List<SubscriptionGroup> groups = new ArrayList<>();
        byGroup.forEach((name, queues) -> groups.add(new SubscriptionGroup(name, configuration.groups().get(name), queues)));
        return groups;
    }

    private static <T> CompletableFuture<List<T>> allOf(List<CompletableFuture<T>> futures) {
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> futures.stream().map(CompletableFuture::join).toList());
    }
}
