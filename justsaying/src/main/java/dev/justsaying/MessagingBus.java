package dev.justsaying;

import dev.justsaying.handle.BackoffMiddleware;
import dev.justsaying.handle.ContextMiddleware;
import dev.justsaying.handle.ErrorHandlingMiddleware;
import dev.justsaying.handle.HandlerMiddleware;
import dev.justsaying.handle.LoggingMiddleware;
import dev.justsaying.handle.MetricsMiddleware;
import dev.justsaying.monitoring.MessageMonitor;
import dev.justsaying.publish.BusPublisher;
import dev.justsaying.publish.MessagePublisher;
import dev.justsaying.publish.PublishException;
import dev.justsaying.publish.PublishOptions;
import dev.justsaying.publish.PublishResult;
import dev.justsaying.publish.BatchPublishResult;
import dev.justsaying.publish.PublishRetry;
import dev.justsaying.region.ActiveRegion;
import dev.justsaying.subscribe.Subscriber;
import dev.justsaying.subscribe.SubscriptionGroup;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A message bus on SNS and SQS: publishes events to topics and commands to queues, and reads subscribed queues into
 * handlers with retries, error queues and throttling. Configure it with {@link #builder()}: nothing touches AWS until
 * {@link #start()}, which creates, validates or assumes the infrastructure and begins polling.
 *
 * <pre>{@code
 * MessagingBus bus = MessagingBus.builder()
 *     .messaging(m -> m.inRegion("eu-west-1"))
 *     .publications(p -> p.withTopic(OrderPlaced.class))
 *     .subscriptions(s -> s.forTopic(OrderPlaced.class, t -> t.queue("billing-orders")))
 *     .handlers(h -> h.handle(OrderPlaced.class, (order, context) -> HandleResult.success()))
 *     .build();
 * bus.start().join();
 * bus.publisher().publish(new OrderPlaced("42")).join();
 * }</pre>
 */
public final class MessagingBus implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MessagingBus.class);
    private static final Duration DEFAULT_DRAIN = Duration.ofSeconds(30);

    private final BusConfiguration configuration;
    private final ClientFactory clients;
    private final ActiveRegion activeRegion;
    private final MessagePublisher publisher = new StartedPublisher();
    private volatile BusPublisher started;
    private volatile Subscriber subscriber;
    private volatile RegionRecovery recovery;
    private volatile List<SubscriptionGroup> groups = List.of();
    private volatile ExecutorService handlerThreads;
    private volatile boolean running;

    private MessagingBus(BusConfiguration configuration) {
        this.configuration = configuration;
        this.clients = configuration.clients();
        this.activeRegion = new ActiveRegion(configuration.regions(), configuration.activeRegion(),
                configuration.failover(), Clock.systemUTC());
        MessageMonitor monitor = configuration.monitor();
        this.activeRegion.addListener(new ActiveRegion.Listener() {
            @Override
            public void activeRegionChanged(String from, String to, String cause) {
                monitor.activeRegionChanged(from, to, cause);
            }

            @Override
            public void regionHealthChanged(String region, boolean healthy, String cause) {
                monitor.regionHealthChanged(region, healthy, cause);
            }
        });
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the startup tasks (queues, topics, subscriptions, policies in each region) and starts polling. Fails with
     * the resource and what to change if the infrastructure is missing or AWS refuses.
     */
    public synchronized CompletableFuture<MessagingBus> start() {
        if (running) {
            return CompletableFuture.failedFuture(new IllegalStateException("the bus is already running"));
        }
        return new BusStartup(configuration, clients, activeRegion).run().thenApply(runtime -> {
            synchronized (this) {
                activeRegion.startProbing(region -> clients.sns(region).listTopics());
                started = runtime.publisher();
                subscriber = runtime.subscriber();
                recovery = runtime.recovery();
                groups = subscriber.groups();
                handlerThreads = HandlerThreads.create();
                subscriber.start(handlerThreads);
                running = true;
            }
            log.info("JustSaying bus started: {}", interrogate());
            return this;
        });
    }

    /** The publisher; publishing before {@link #start()} fails. */
    public MessagePublisher publisher() {
        return publisher;
    }

    /** The subscription group of this name (to change its concurrency limit, or pause it alone). */
    public SubscriptionGroup subscriptionGroup(String name) {
        return groups.stream().filter(group -> group.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no subscription group " + name + " (running: "
                        + groups.stream().map(SubscriptionGroup::name).toList() + ")"));
    }

    public List<SubscriptionGroup> subscriptionGroups() {
        return groups;
    }

    /** Stops receiving in every group; handling of received messages goes on. */
    public void pause() {
        groups.forEach(SubscriptionGroup::pause);
    }

    public void resume() {
        groups.forEach(SubscriptionGroup::resume);
    }

    /**
     * Stops receiving, hands messages that never started back to their queues at once, and waits up to
     * {@code drainTimeout} for handlers in flight. Returns whether everything in flight finished.
     */
    public synchronized boolean stop(Duration drainTimeout) {
        if (!running) {
            return true;
        }
        running = false;
        recovery.close();
        boolean drained = subscriber.stop(drainTimeout);
        started.stopAutoBatching();
        activeRegion.close();
        handlerThreads.shutdown();
        log.info("JustSaying bus stopped{}", drained ? "" : " with handlers still running");
        return drained;
    }

    /** Stops within the default 30 s drain and closes the clients the bus built. */
    @Override
    public void close() {
        stop(DEFAULT_DRAIN);
        clients.close();
    }

    /** The whole configuration as data. */
    public BusDescription interrogate() {
        List<BusDescription.Group> described = new ArrayList<>();
        for (SubscriptionGroup group : groups) {
            described.add(new BusDescription.Group(group.name(), group.settings().toString(),
                    group.concurrencyLimit().limit(), group.concurrencyLimit().inFlight(), group.isPaused(),
                    group.subscriptions().stream().map(Object::toString).toList()));
        }
        return new BusDescription(configuration.regions(), activeRegion.current(), activeRegion.healthByRegion(),
                running, configuration.describePublications(),
                described, configuration.middleware().stream().map(Object::toString).toList(),
                configuration.wire().toString());
    }

    /** Publishes through the started bus; fails clearly before start. */
    private final class StartedPublisher implements MessagePublisher {
        @Override
        public CompletableFuture<PublishResult> publish(Object message, PublishOptions options) {
            BusPublisher current = started;
            return current != null ? current.publish(message, options) : notStarted();
        }

        @Override
        public CompletableFuture<BatchPublishResult> publishBatch(Collection<?> messages, PublishOptions options) {
            BusPublisher current = started;
            return current != null ? current.publishBatch(messages, options) : notStarted();
        }

        private <T> CompletableFuture<T> notStarted() {
            return CompletableFuture.failedFuture(new PublishException("the bus has not started: call start() first"));
        }
    }

    /** Collects the configuration in sections; {@link #build()} checks it as a whole. Not thread-safe. */
    public static final class Builder {
        private final MessagingSection messaging = new MessagingSection();
        private final ClientSection client = new ClientSection();
        private final PublicationsSection publications = new PublicationsSection();
        private final SubscriptionsSection subscriptions = new SubscriptionsSection();
        private final HandlersSection handlers = new HandlersSection();
        private MessageMonitor monitor = MessageMonitor.NONE;
        private PublishRetry publishRetry = PublishRetry.defaults();

        private Builder() {
        }

        public Builder messaging(Consumer<MessagingSection> configure) {
            configure.accept(messaging);
            return this;
        }

        public Builder client(Consumer<ClientSection> configure) {
            configure.accept(client);
            return this;
        }

        public Builder publications(Consumer<PublicationsSection> configure) {
            configure.accept(publications);
            return this;
        }

        public Builder subscriptions(Consumer<SubscriptionsSection> configure) {
            configure.accept(subscriptions);
            return this;
        }

        public Builder handlers(Consumer<HandlersSection> configure) {
            configure.accept(handlers);
            return this;
        }

        /** Who hears what the bus does (default: nobody). */
        public Builder monitor(MessageMonitor value) {
            this.monitor = Objects.requireNonNull(value, "monitor");
            return this;
        }

        /** How publishes are retried above the SDK's own retries (default {@link PublishRetry#defaults()}). */
        public Builder publishRetry(PublishRetry value) {
            this.publishRetry = Objects.requireNonNull(value, "publishRetry");
            return this;
        }

        /** Checks the configuration as a whole and builds the bus; makes no AWS call. */
        public MessagingBus build() {
            List<HandlerMiddleware> chain = new ArrayList<>(List.of(new ContextMiddleware(), new LoggingMiddleware(),
                    new MetricsMiddleware(monitor), new BackoffMiddleware(handlers.backoff()),
                    new ErrorHandlingMiddleware()));
            chain.addAll(handlers.customMiddleware());
            List<HandlerMiddleware> middleware = List.copyOf(handlers.rearrange().apply(List.copyOf(chain)));
            return new MessagingBus(BusConfiguration.check(messaging, client.factory(), publications, subscriptions,
                    handlers, middleware, monitor, publishRetry));
        }
    }
}
