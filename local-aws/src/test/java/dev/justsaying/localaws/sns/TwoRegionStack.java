package dev.justsaying.localaws.sns;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The SNS tests' stack: two regions (eu-west-1, eu-central-1, account 000000000000), each an ElasticMQ and an
 * {@link SnsServer} delivering to the SQS of either region, with SDK clients on dummy credentials. One stack serves
 * every test class of a run ({@link Extension}) and is closed at its end.
 */
final class TwoRegionStack implements AutoCloseable {

    static final String ACCOUNT = "000000000000";
    static final String PRIMARY = "eu-west-1";
    static final String SECONDARY = "eu-central-1";
    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    static {
        System.setProperty("logback.configurationFile", "dev/justsaying/localaws/sns/logback-sns-test.xml");
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final StackRegion primary;
    private final StackRegion secondary;

    /** Resolves {@link TwoRegionStack} parameters with the run's shared stack, starting it on first use. */
    static final class Extension implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == TwoRegionStack.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(TwoRegionStack.class, ignored -> new TwoRegionStack(), TwoRegionStack.class);
        }
    }

    /** An ElasticMQ of one region, its SQS clients, and (once started) the region's SNS endpoint and client. */
    static final class StackRegion {
        final String name;
        final SQSRestServer elasticMq;
        final SqsAsyncClient sqsAsync;
        final SqsClient sqs;
        SnsServer sns;
        SnsClient snsClient;

        private StackRegion(String name, int sqsPort) {
            this.name = name;
            this.elasticMq = startElasticMq(name, sqsPort);
            URI endpoint = URI.create("http://127.0.0.1:" + sqsPort);
            this.sqsAsync = SqsAsyncClient.builder().region(Region.of(name)).credentialsProvider(CREDENTIALS)
                    .endpointOverride(endpoint).build();
            this.sqs = SqsClient.builder().region(Region.of(name)).credentialsProvider(CREDENTIALS)
                    .endpointOverride(endpoint).build();
        }

        /** Creates a queue (FIFO when the name ends with .fifo) and returns its URL and ARN. */
        Queue createQueue(String queueName) {
            Map<QueueAttributeName, String> attributes = queueName.endsWith(".fifo")
                    ? Map.of(QueueAttributeName.FIFO_QUEUE, "true")
                    : Map.of();
            String url = sqs.createQueue(request -> request.queueName(queueName).attributes(attributes)).queueUrl();
            String arn = sqs.getQueueAttributes(request -> request.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            return new Queue(url, arn);
        }

        /** Waits until the queue has given exactly this many messages (deleting them), and returns them in order. */
        List<Message> awaitMessages(Queue queue, int count) {
            List<Message> received = new ArrayList<>();
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                received.addAll(receive(queue, 1));
                return received.size() >= count;
            });
            return received;
        }

        /** Receives what the queue has now (deleting it), waiting at most this many seconds for the first. */
        List<Message> receive(Queue queue, int waitSeconds) {
            List<Message> messages = sqs.receiveMessage(request -> request.queueUrl(queue.url()).maxNumberOfMessages(10)
                    .waitTimeSeconds(waitSeconds).messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            messages.forEach(message -> sqs.deleteMessage(request -> request.queueUrl(queue.url())
                    .receiptHandle(message.receiptHandle())));
            return messages;
        }
    }

    /** A queue of the stack. */
    record Queue(String url, String arn) {
    }

    private TwoRegionStack() {
        primary = new StackRegion(PRIMARY, freePort());
        resources.add(primary.elasticMq::stopAndWait);
        secondary = new StackRegion(SECONDARY, freePort());
        resources.add(secondary.elasticMq::stopAndWait);
        resources.add(primary.sqsAsync);
        resources.add(primary.sqs);
        resources.add(secondary.sqsAsync);
        resources.add(secondary.sqs);
        SqsDeliveryTargets targets = region -> Optional.ofNullable(
                region.equals(PRIMARY) ? primary.sqsAsync : region.equals(SECONDARY) ? secondary.sqsAsync : null);
        for (StackRegion region : List.of(primary, secondary)) {
            region.sns = SnsServer.start(region.name, ACCOUNT, 0, targets);
            resources.add(region.sns);
            region.snsClient = snsClient(region.sns, region.name);
            resources.add(region.snsClient);
        }
    }

    static SnsClient snsClient(SnsServer server, String region) {
        return SnsClient.builder().region(Region.of(region)).credentialsProvider(CREDENTIALS)
                .endpointOverride(server.endpoint()).build();
    }

    static SQSRestServer startElasticMq(String region, int port) {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(port).withAWSRegion(region)
                .withAWSAccountId(ACCOUNT).start();
        server.waitUntilStarted();
        return server;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException noPort) {
            throw new UncheckedIOException(noPort);
        }
    }

    StackRegion primary() {
        return primary;
    }

    StackRegion secondary() {
        return secondary;
    }

    @Override
    public void close() {
        IllegalStateException failure = null;
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception closing) {
                if (failure == null) {
                    failure = new IllegalStateException("Closing the SNS test stack failed", closing);
                } else {
                    failure.addSuppressed(closing);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
