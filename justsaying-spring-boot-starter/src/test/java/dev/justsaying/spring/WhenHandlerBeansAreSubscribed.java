package dev.justsaying.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.justsaying.handle.BatchMessageHandler;
import dev.justsaying.handle.BatchResult;
import dev.justsaying.handle.HandleResult;
import dev.justsaying.handle.MessageContext;
import dev.justsaying.handle.MessageHandler;
import dev.justsaying.handle.ReceivedMessage;
import dev.justsaying.localaws.LocalAwsExtension;
import dev.justsaying.monitoring.MessageMonitor;
import dev.justsaying.monitoring.MicrometerMessageMonitor;
import dev.justsaying.publish.MessagePublisher;
import dev.justsaying.spring.Messages.OrderPlaced;
import dev.justsaying.spring.Messages.PlaceOrder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Handler beans are registered for the type their declaration names and receive what the injected publisher sends,
 * through subscriptions a customizer declares; with a meter registry, handling is measured.
 */
class WhenHandlerBeansAreSubscribed {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1").withoutDynamoDb();

    static final Set<String> placed = ConcurrentHashMap.newKeySet();
    static final Set<String> commanded = ConcurrentHashMap.newKeySet();

    /** A handler bean by its class: the type comes from {@code implements MessageHandler<OrderPlaced>}. */
    static final class OrderPlacedHandler implements MessageHandler<OrderPlaced> {
        @Override
        public HandleResult handle(OrderPlaced message, MessageContext context) {
            placed.add(message.orderId());
            return HandleResult.success();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Orders {

        @Bean
        OrderPlacedHandler orderPlacedHandler() {
            return new OrderPlacedHandler();
        }

        /** A handler bean by a lambda: the type comes from the method's declared return type. */
        @Bean
        BatchMessageHandler<PlaceOrder> placeOrderHandler() {
            return messages -> {
                messages.stream().map(ReceivedMessage::message).forEach(command -> commanded.add(command.orderId()));
                return BatchResult.allSucceeded();
            };
        }

        /** Queues of the test's own: a long poll of the previous test's bus may still wait on a shared one. */
        @Bean
        MessagingBusCustomizer orderMessaging(@Value("${test.queue-prefix}") String prefix) {
            return builder -> builder
                    .publications(p -> p.withTopic(OrderPlaced.class).withQueue(PlaceOrder.class,
                            q -> q.queue(prefix + "-commands")))
                    .subscriptions(s -> s.forTopic(OrderPlaced.class, t -> t.queue(prefix + "-orders"))
                            .forQueue(PlaceOrder.class, q -> q.queue(prefix + "-commands")));
        }
    }

    private ApplicationContextRunner orders(String queuePrefix) {
        return StarterContexts.on(aws.get()).withUserConfiguration(Orders.class)
                .withPropertyValues("test.queue-prefix=" + queuePrefix);
    }

    @Test
    void eachHandlerBeanReceivesItsTypeFromTheInjectedPublisher() {
        orders("received").run(context -> {
            MessagePublisher publisher = context.getBean(MessagePublisher.class);

            publisher.publish(new OrderPlaced("o-1")).join();
            publisher.publish(new PlaceOrder("c-1")).join();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(placed).contains("o-1");
                assertThat(commanded).contains("c-1");
            });
            assertThat(placed).doesNotContain("c-1");
        });
    }

    @Test
    void withAMeterRegistryHandledMessagesAreMeasured() {
        orders("metered").withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);

            context.getBean(MessagePublisher.class).publish(new OrderPlaced("o-metered")).join();

            await().atMost(Duration.ofSeconds(30)).until(() -> placed.contains("o-metered"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Timer handled = registry.find("justsaying.handle").tag("type", "OrderPlaced")
                        .tag("outcome", "success").timer();
                assertThat(handled).isNotNull();
                assertThat(handled.count()).isPositive();
            });
            assertThat(registry.find("justsaying.group.concurrency.limit").tag("group", "metered-orders").gauge())
                    .isNotNull();
            String region = context.getBean(JustSayingProperties.class).regions().get(0);
            assertThat(registry.find("justsaying.region.healthy").tag("region", region).gauge()).isNotNull();
            assertThat(registry.find("justsaying.region.active").tag("region", region).gauge().value()).isEqualTo(1.0);
        });
    }

    @Test
    void anApplicationMonitorTakesThePlaceOfMicrometer() {
        StarterContexts.offline().withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withBean(MessageMonitor.class, () -> MessageMonitor.NONE)
                .run(context -> assertThat(context).doesNotHaveBean(MicrometerMessageMonitor.class));
    }

    @Test
    void withoutAMeterRegistryThereIsNoMicrometerMonitor() {
        StarterContexts.offline().run(context -> assertThat(context).doesNotHaveBean(MicrometerMessageMonitor.class));
    }
}
