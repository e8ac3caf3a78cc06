package dev.justsaying.restaurantstatus.messaging;

import dev.justsaying.handle.ExponentialBackoff;
import dev.justsaying.MessagingBus;
import dev.justsaying.infrastructure.QueueSettings;
import dev.justsaying.restaurantstatus.OnWorkerRole;
import dev.justsaying.restaurantstatus.ServiceProperties;
import dev.justsaying.restaurantstatus.worker.StatusChangeWorker;
import dev.justsaying.restaurantstatus.worker.WorkerEndpoint;
import dev.justsaying.spring.MessagingBusCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one place the service shapes the bus (the starter builds it from {@code justsaying.*} and runs it): commands
 * are published to the commands queue and {@link RestaurantStatusChanged} events to their topic. A Worker process
 * also consumes the commands queue (group {@value #COMMANDS_GROUP}, its concurrency limit is the Worker's
 * concurrency, changeable at run time through the {@code justsaying} actuator endpoint) and the commands' error
 * queue (group {@value #FAILED_COMMANDS_GROUP}), both with the {@link StatusChangeWorker} batch handler.
 */
@Configuration(proxyBeanMethods = false)
public class MessagingConfiguration {

    /** The subscription group of the commands queue. */
    public static final String COMMANDS_GROUP = "commands";
    /** The subscription group of the commands' error queue. */
    public static final String FAILED_COMMANDS_GROUP = "failed-commands";
    /** The suffix the bus gives a queue's error queue. */
    public static final String ERROR_QUEUE_SUFFIX = "_error";

    /** Every process publishes: the API its commands, the Worker its events. */
    @Bean
    public MessagingBusCustomizer restaurantStatusPublications(ServiceProperties service) {
        return builder -> builder.publications(p -> p
                .withQueue(ChangeRestaurantStatus.class, q -> q.queue(service.commandsQueue())
                        .settings(commandsQueue(service)))
                .withTopic(RestaurantStatusChanged.class));
    }

    /** A Worker process consumes the commands queue and its error queue. */
    @Bean
    @OnWorkerRole
    public MessagingBusCustomizer restaurantStatusSubscriptions(ServiceProperties service) {
        ServiceProperties.Worker settings = service.worker();
        return builder -> builder
                .subscriptions(s -> s
                        .forQueue(ChangeRestaurantStatus.class, q -> q.queue(service.commandsQueue())
                                .group(COMMANDS_GROUP).settings(commandsQueue(service)))
                        .forQueue(ChangeRestaurantStatus.class, q -> q
                                .queue(service.commandsQueue() + ERROR_QUEUE_SUFFIX)
                                .group(FAILED_COMMANDS_GROUP)
                                .settings(QueueSettings.builder().errorQueue(false).build()))
                        .withSubscriptionGroup(COMMANDS_GROUP, g -> g.concurrencyLimit(settings.concurrency())
                                .prefetch(10))
                        .withSubscriptionGroup(FAILED_COMMANDS_GROUP, g -> g.concurrencyLimit(1).prefetch(10)))
                .handlers(h -> h.withBackoff(
                        ExponentialBackoff.of(settings.firstBackoff(), 2.0, settings.maxBackoff())));
    }

    /** The actuator endpoint that pauses and resumes a Worker's receiving. */
    @Bean
    @OnWorkerRole
    public WorkerEndpoint workerEndpoint(MessagingBus bus) {
        return new WorkerEndpoint(bus);
    }

    private static QueueSettings commandsQueue(ServiceProperties service) {
        return QueueSettings.builder().maxReceiveCount(service.worker().maxReceives()).build();
    }
}
