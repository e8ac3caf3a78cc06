package dev.justsaying.testing;

import dev.justsaying.MessagingBus;
import dev.justsaying.handle.ExponentialBackoff;
import dev.justsaying.localaws.LocalAws;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** A bus on a local cloud, with short polls and short backoff so tests move quickly; shared by the test packages. */
public final class TestBus {

    private TestBus() {
    }

    /** A builder in eu-west-1 with the local cloud's clients; receive waits of 1 s and 1 s backoff. */
    public static MessagingBus.Builder on(LocalAws aws) {
        return MessagingBus.builder()
                .messaging(m -> m.inRegion(aws.primaryRegion().name()))
                .client(c -> c.withClients(region -> aws.region(region).sqsAsyncClient(),
                        region -> aws.region(region).snsAsyncClient()))
                .subscriptions(s -> s.withDefaults(g -> g.receiveWait(Duration.ofSeconds(1))))
                .handlers(h -> h.withBackoff(ExponentialBackoff.of(Duration.ofMillis(500), 1.0, Duration.ofMillis(500))));
    }

    /** Messages on a queue right now, received with all their attributes (they become invisible for a while). */
    public static List<Message> receiveAll(SqsClient sqs, String queueName) {
        String url = sqs.getQueueUrl(b -> b.queueName(queueName)).queueUrl();
        return sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)
                .messageAttributeNames("All").messageSystemAttributeNamesWithStrings("All")).messages();
    }

    /** The approximate number of visible and invisible messages on a queue. */
    public static int depth(SqsClient sqs, String queueName) {
        String url = sqs.getQueueUrl(b -> b.queueName(queueName)).queueUrl();
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
