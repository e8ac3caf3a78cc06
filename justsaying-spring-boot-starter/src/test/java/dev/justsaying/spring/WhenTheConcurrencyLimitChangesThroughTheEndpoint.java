package dev.justsaying.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.justsaying.BusDescription;
import dev.justsaying.MessagingBus;
import dev.justsaying.handle.HandleResult;
import dev.justsaying.handle.MessageHandler;
import dev.justsaying.localaws.LocalAwsExtension;
import dev.justsaying.spring.Messages.PlaceOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The actuator endpoint reads the bus and changes a subscription group's concurrency limit while it runs. */
class WhenTheConcurrencyLimitChangesThroughTheEndpoint {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1").withoutDynamoDb();

    @Configuration(proxyBeanMethods = false)
    static class Kitchen {
        @Bean
        MessageHandler<PlaceOrder> placeOrderHandler() {
            return (message, context) -> HandleResult.success();
        }

        @Bean
        MessagingBusCustomizer kitchenMessaging() {
            return builder -> builder.subscriptions(s -> s.forQueue(PlaceOrder.class,
                    q -> q.queue("endpoint-commands").group("kitchen")));
        }
    }

    @Test
    void theLimitFromPropertiesCanBeRaisedAtRunTime() {
        StarterContexts.on(aws.get()).withUserConfiguration(Kitchen.class)
                .withPropertyValues("justsaying.subscription-defaults.concurrency-limit=3").run(context -> {
                    JustSayingEndpoint endpoint = context.getBean(JustSayingEndpoint.class);
                    assertThat(endpoint.describe().groups()).extracting(BusDescription.Group::name,
                            BusDescription.Group::concurrencyLimit).containsExactly(tuple("kitchen", 3));

                    BusDescription.Group changed = endpoint.concurrencyLimit("kitchen", 12);

                    assertThat(changed.concurrencyLimit()).isEqualTo(12);
                    assertThat(context.getBean(MessagingBus.class).subscriptionGroup("kitchen").concurrencyLimit()
                            .limit()).isEqualTo(12);
                    assertThat(endpoint.group("kitchen").concurrencyLimit()).isEqualTo(12);
                });
    }

    @Test
    void anUnknownGroupOrABadLimitIsAnInvalidRequest() {
        StarterContexts.on(aws.get()).withUserConfiguration(Kitchen.class).run(context -> {
            JustSayingEndpoint endpoint = context.getBean(JustSayingEndpoint.class);

            assertThat(endpoint.group("bar")).isNull();
            assertThatThrownBy(() -> endpoint.concurrencyLimit("bar", 4))
                    .isInstanceOf(InvalidEndpointRequestException.class)
                    .hasMessageContaining("no subscription group bar");
            assertThatThrownBy(() -> endpoint.concurrencyLimit("kitchen", 0))
                    .isInstanceOf(InvalidEndpointRequestException.class).hasMessageContaining("between 1 and 10000");
        });
    }

    @Test
    void withoutActuatorThereIsNoEndpoint() {
        StarterContexts.offline().withClassLoader(new FilteredClassLoader(Endpoint.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(JustSayingEndpoint.class));
    }
}
