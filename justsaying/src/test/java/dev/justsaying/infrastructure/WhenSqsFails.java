package dev.justsaying.infrastructure;

import static dev.justsaying.infrastructure.Outcomes.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.justsaying.localaws.LocalAws;
import dev.justsaying.localaws.LocalAwsExtension;
import dev.justsaying.localaws.LocalRegion;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

class WhenSqsFails {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1").withoutDynamoDb();

    private LocalRegion region() {
        return aws.get().region("eu-west-1");
    }

    private RegionInfrastructure infrastructure() {
        return new RegionInfrastructure("eu-west-1", region().sqsAsyncClient(), region().snsAsyncClient());
    }

    @Test
    void anErrorNamesTheActionTheResourceTheRegionAndTheMode() {
        region().faults().errorRate(1.0);

        InfrastructureException failure = failure(infrastructure().queue(QueueAddress.of("orders"),
                QueueSettings.defaults(), InfrastructureMode.CREATE_IF_MISSING));

        assertThat(failure).hasMessageStartingWith("sqs:GetQueueUrl on queue 'orders' in eu-west-1 (mode"
                + " CREATE_IF_MISSING) failed: ");
        assertThat(failure.getCause()).isNotNull();
    }

    @Test
    void anUnreachableEndpointSaysWhatToCheck() {
        InfrastructureException failure;
        try (SqsAsyncClient sqs = SqsAsyncClient.builder().region(Region.EU_WEST_1)
                .endpointOverride(UnreachableEndpoint.uri()).credentialsProvider(LocalAws.credentials()).build()) {
            failure = failure(new RegionInfrastructure("eu-west-1", sqs, region().snsAsyncClient())
                    .queue(QueueAddress.of("orders"), QueueSettings.defaults(), InfrastructureMode.VALIDATE));
        }

        assertThat(failure).hasMessageStartingWith("could not reach SQS in eu-west-1 for sqs:GetQueueUrl on queue"
                + " 'orders' in eu-west-1 (mode VALIDATE)")
                .hasMessageEndingWith("check the endpoint, the network and the credentials");
    }

    @Test
    void accessDeniedSaysWhichActionToGrantOnWhichResource() throws IOException {
        HttpServer denying = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        denying.createContext("/", exchange -> {
            byte[] body = ("{\"__type\":\"com.amazon.coral.service#AccessDeniedException\","
                    + "\"message\":\"User is not authorized to perform: sqs:getqueueurl\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.getResponseHeaders().add("x-amzn-query-error", "AccessDenied;Sender");
            exchange.sendResponseHeaders(403, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        denying.start();
        try (SqsAsyncClient sqs = SqsAsyncClient.builder().region(Region.EU_WEST_1)
                .endpointOverride(URI.create("http://127.0.0.1:" + denying.getAddress().getPort()))
                .credentialsProvider(LocalAws.credentials()).build()) {
            RegionInfrastructure infrastructure = new RegionInfrastructure("eu-west-1", sqs, region().snsAsyncClient());

            InfrastructureException failure = failure(infrastructure.queue(QueueAddress.of("orders"),
                    QueueSettings.defaults(), InfrastructureMode.CREATE_IF_MISSING));

            assertThat(failure).hasMessage("access denied: the caller may not sqs:GetQueueUrl on queue 'orders' in"
                    + " eu-west-1 (mode CREATE_IF_MISSING): grant sqs:GetQueueUrl on it to the bus's credentials, or"
                    + " have it created by someone who may and use VALIDATE or ASSUME_EXISTS");
        } finally {
            denying.stop(0);
        }
    }
}
