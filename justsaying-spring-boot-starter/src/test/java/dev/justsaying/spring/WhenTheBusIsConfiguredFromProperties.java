package dev.justsaying.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.justsaying.BusDescription;
import dev.justsaying.MessagingBus;
import dev.justsaying.localaws.LocalAwsExtension;
import dev.justsaying.publish.MessagePublisher;
import dev.justsaying.publish.PublishException;
import dev.justsaying.spring.Messages.PlaceOrder;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The {@code justsaying.*} properties decide the regions, the endpoints, the raising component and start-up. */
class WhenTheBusIsConfiguredFromProperties {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1", "eu-central-1").withoutDynamoDb();

    private static final String QUEUE = "properties-commands";

    private ApplicationContextRunner publishingCommands() {
        return StarterContexts.on(aws.get())
                .withPropertyValues("spring.application.name=restaurant-status")
                .withBean(MessagingBusCustomizer.class,
                        () -> builder -> builder.publications(p -> p.withQueue(PlaceOrder.class, q -> q.queue(QUEUE))));
    }

    @Test
    void theBusHasTheRegionsAndPublishesThroughTheirEndpoints() {
        publishingCommands().run(context -> {
            BusDescription description = context.getBean(MessagingBus.class).interrogate();
            assertThat(description.regions()).containsExactly("eu-west-1", "eu-central-1");
            assertThat(description.activeRegion()).isEqualTo("eu-west-1");
            assertThat(description.running()).isTrue();

            context.getBean(MessagePublisher.class).publish(new PlaceOrder("p-1")).join();

            assertThat(bodyArrivingIn("eu-west-1", "p-1")).contains("\"RaisingComponent\":\"restaurant-status\"");
        });
    }

    @Test
    void theActiveRegionPropertyChoosesWherePublishesGo() {
        publishingCommands().withPropertyValues("justsaying.active-region=eu-central-1",
                "justsaying.raising-component=kitchen").run(context -> {
            assertThat(context.getBean(MessagingBus.class).interrogate().activeRegion()).isEqualTo("eu-central-1");

            context.getBean(MessagePublisher.class).publish(new PlaceOrder("p-2")).join();

            assertThat(bodyArrivingIn("eu-central-1", "p-2")).contains("\"RaisingComponent\":\"kitchen\"");
        });
    }

    @Test
    void withoutRegionsTheApplicationDoesNotStart() {
        StarterContexts.bare().run(context -> assertThat(context).hasFailed().getFailure()
                .rootCause().hasMessageContaining("justsaying.regions is required"));
    }

    @Test
    void anApplicationWithABusOfItsOwnNeedsNoRegionProperties() {
        StarterContexts.bare().withPropertyValues("justsaying.start-on-startup=false")
                .withBean(MessagingBus.class,
                        () -> MessagingBus.builder().messaging(m -> m.inRegion("eu-west-1")).build())
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(MessagingBus.class)
                        .hasSingleBean(MessagePublisher.class));
    }

    @Test
    void anActiveRegionOutsideTheRegionsIsRefused() {
        StarterContexts.offline().withPropertyValues("justsaying.active-region=us-east-1").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("justsaying.active-region us-east-1 is not one of"));
    }

    @Test
    void endpointsForAnUnknownRegionAreRefused() {
        StarterContexts.offline().withPropertyValues("justsaying.endpoints.us-east-1.sqs=http://127.0.0.1:1")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("justsaying.endpoints names regions [us-east-1]"));
    }

    @Test
    void aBusNotStartedOnStartupRefusesToPublishUntilStarted() {
        StarterContexts.offline().run(context -> {
            assertThat(context.getBean(MessagingBus.class).interrogate().running()).isFalse();
            assertThat(context.getBean(MessagePublisher.class).publish(new PlaceOrder("early")))
                    .failsWithin(Duration.ofSeconds(5)).withThrowableOfType(Exception.class)
                    .havingCause().isInstanceOf(PublishException.class).withMessageContaining("has not started");
        });
    }

    /** The body of the message about {@code orderId} once it is on the region's queue, its JSON unescaped. */
    private static String bodyArrivingIn(String region, String orderId) {
        SqsClient sqs = aws.get().region(region).sqsClient();
        String url = sqs.getQueueUrl(b -> b.queueName(QUEUE)).queueUrl();
        return await().atMost(Duration.ofSeconds(30)).until(() -> sqs.receiveMessage(b -> b.queueUrl(url)
                        .maxNumberOfMessages(10).waitTimeSeconds(1)).messages().stream()
                        .map(message -> message.body().replace("\\", ""))
                        .filter(body -> body.contains(orderId)).findFirst(),
                Optional::isPresent).orElseThrow();
    }
}
