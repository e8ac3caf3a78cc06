package dev.justsaying.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.justsaying.MessagingBus;
import dev.justsaying.handle.HandleResult;
import dev.justsaying.handle.MessageHandler;
import dev.justsaying.localaws.LocalAws;
import dev.justsaying.localaws.LocalAwsExtension;
import dev.justsaying.localaws.LocalRegion;
import dev.justsaying.spring.Messages.PlaceOrder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/** In a whole web application, the actuator endpoint reads the bus and changes a group's limit over HTTP. */
class WhenTheEndpointIsCalledOverHttp {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1").withoutDynamoDb();

    private final HttpClient http = HttpClient.newHttpClient();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class KitchenApplication {
        @Bean
        AwsCredentialsProvider localCredentials() {
            return LocalAws.credentials();
        }

        @Bean
        MessageHandler<PlaceOrder> placeOrderHandler() {
            return (message, context) -> HandleResult.success();
        }

        @Bean
        MessagingBusCustomizer kitchenMessaging() {
            return builder -> builder.subscriptions(s -> s.forQueue(PlaceOrder.class,
                    q -> q.queue("http-commands").group("kitchen")));
        }
    }

    @Test
    void aPostChangesTheLimitAndAGetShowsIt() throws Exception {
        LocalRegion region = aws.get().region("eu-west-1");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(KitchenApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
                        "management.endpoints.web.exposure.include=justsaying",
                        "justsaying.regions=eu-west-1",
                        "justsaying.endpoints.eu-west-1.sqs=" + region.sqsEndpoint(),
                        "justsaying.endpoints.eu-west-1.sns=" + region.snsEndpoint(),
                        "justsaying.subscription-defaults.concurrency-limit=2",
                        "justsaying.subscription-defaults.receive-wait=1s")
                .run()) {
            String actuator = "http://127.0.0.1:"
                    + ((WebServerApplicationContext) context).getWebServer().getPort() + "/actuator/justsaying";

            HttpResponse<String> described = get(actuator);
            assertThat(described.statusCode()).isEqualTo(200);
            assertThat(described.body()).contains("\"regions\":[\"eu-west-1\"]").contains("\"name\":\"kitchen\"")
                    .contains("\"concurrencyLimit\":2");

            HttpResponse<String> changed = http.send(HttpRequest.newBuilder(URI.create(actuator + "/kitchen"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"concurrencyLimit\":7}")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(changed.statusCode()).isEqualTo(200);
            assertThat(changed.body()).contains("\"concurrencyLimit\":7");
            assertThat(context.getBean(MessagingBus.class).subscriptionGroup("kitchen").concurrencyLimit().limit())
                    .isEqualTo(7);
            assertThat(get(actuator + "/kitchen").body()).contains("\"concurrencyLimit\":7");
            assertThat(get(actuator + "/no-such-group").statusCode()).isEqualTo(404);
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
