package dev.justsaying.restaurantstatus.messaging;

import dev.justsaying.MessagingBus;
import dev.justsaying.handle.ExponentialBackoff;
import dev.justsaying.infrastructure.QueueSettings;
import dev.justsaying.publish.MessagePublisher;
import dev.justsaying.restaurantstatus.ServiceProperties;
import dev.justsaying.restaurantstatus.worker.StatusChangeWorker;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The one place the service wires the bus: commands are published to the commands queue and
 * {@link RestaurantStatusChanged} events to their topic; a Worker process also consumes the commands queue (group
 * {@value #COMMANDS_GROUP}) and its error queue (group {@value #FAILED_COMMANDS_GROUP}) with one batch handler.
 */
@Configuration(proxyBeanMethods = false)
public class MessagingConfiguration {

    /** The subscription group of the commands queue; its concurrency limit is the Worker's concurrency. */
    public static final String COMMANDS_GROUP = "commands";
    /** The subscription group of the commands' error queue. */
    public static final String FAILED_COMMANDS_GROUP = "failed-commands";

    @Bean
    public MessagingBus messagingBus(BusProperties bus, ServiceProperties service,
                                     ObjectProvider<AwsCredentialsProvider> credentials,
                                     ObjectProvider<StatusChangeWorker> worker) {
        ServiceProperties.Worker settings = service.worker();
        QueueSettings commandsQueue = QueueSettings.builder().maxReceiveCount(settings.maxReceives()).build();
        MessagingBus.Builder builder = MessagingBus.builder()
                .messaging(m -> {
                    m.inRegion(bus.regions().get(0));
                    bus.regions().stream().skip(1).forEach(m::withFailoverRegion);
                    if (bus.activeRegion() != null) {
                        m.withActiveRegion(bus::activeRegion);
                    }
                    if (bus.automaticFailover()) {
                        m.withAutomaticFailover();
                    }
                    if (bus.raisingComponent() != null) {
                        m.withRaisingComponent(bus.raisingComponent());
                    }
                })
                .publications(p -> p
                        .withQueue(ChangeRestaurantStatus.class, q -> q.queue(service.commandsQueue())
                                .settings(commandsQueue))
                        .withTopic(RestaurantStatusChanged.class));
        if (!bus.endpoints().isEmpty()) {
            builder.client(c -> c
                    .withEndpoints(region -> bus.endpointsOf(region).sqs(), region -> bus.endpointsOf(region).sns())
                    .withCredentials(credentials.getIfAvailable(DefaultCredentialsProvider::create)));
        }
        StatusChangeWorker handler = worker.getIfAvailable();
        if (handler != null) {
            builder.subscriptions(s -> s
                            .forQueue(ChangeRestaurantStatus.class, q -> q.queue(service.commandsQueue())
                                    .group(COMMANDS_GROUP).settings(commandsQueue))
                            .forQueue(ChangeRestaurantStatus.class, q -> q.queue(service.commandsQueue() + "_error")
                                    .group(FAILED_COMMANDS_GROUP)
                                    .settings(QueueSettings.builder().errorQueue(false).build()))
                            .withSubscriptionGroup(COMMANDS_GROUP, g -> g.concurrencyLimit(settings.concurrency())
                                    .prefetch(10))
                            .withSubscriptionGroup(FAILED_COMMANDS_GROUP, g -> g.concurrencyLimit(1).prefetch(10)))
                    .handlers(h -> h
                            .handleBatch(ChangeRestaurantStatus.class, handler)
                            .withBackoff(ExponentialBackoff.of(settings.firstBackoff(), 2.0, settings.maxBackoff())));
        }
        return builder.build();
    }

    @Bean
    public MessagePublisher messagePublisher(MessagingBus bus) {
        return bus.publisher();
    }

    /** Starts the bus before the web server takes requests, and stops it after the server has stopped. */
    @Bean
    public SmartLifecycle messagingBusLifecycle(MessagingBus bus) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                bus.start().join();
                running = true;
            }

            @Override
            public void stop() {
                bus.stop(Duration.ofSeconds(30));
                bus.close();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }
}
