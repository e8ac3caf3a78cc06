package dev.justsaying.localaws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** ElasticMQ forgets queue policies; the local cloud keeps them, as AWS does. */
class WhenAQueueHasAPolicy {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1").withoutDynamoDb();

    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"theirs\"}]}";

    @Test
    void aPolicyGivenAtCreationIsReadBack() {
        SqsClient sqs = aws.get().primaryRegion().sqsClient();
        String url = sqs.createQueue(b -> b.queueName("created-with-policy").attributes(Map.of(
                QueueAttributeName.POLICY, POLICY, QueueAttributeName.VISIBILITY_TIMEOUT, "45"))).queueUrl();

        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url)
                .attributeNames(QueueAttributeName.ALL)).attributes();

        assertThat(attributes).containsEntry(QueueAttributeName.POLICY, POLICY)
                .containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "45");
    }

    @Test
    void aPolicySetLaterReplacesTheOldOneAndLeavesOtherAttributesAlone() {
        SqsClient sqs = aws.get().primaryRegion().sqsClient();
        String url = sqs.createQueue(b -> b.queueName("policy-set-later")).queueUrl();
        String newer = POLICY.replace("theirs", "ours");

        sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(Map.of(QueueAttributeName.POLICY, POLICY)));
        sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(Map.of(QueueAttributeName.POLICY, newer,
                QueueAttributeName.DELAY_SECONDS, "2")));

        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url)
                .attributeNames(QueueAttributeName.POLICY, QueueAttributeName.DELAY_SECONDS)).attributes();
        assertThat(attributes).containsEntry(QueueAttributeName.POLICY, newer)
                .containsEntry(QueueAttributeName.DELAY_SECONDS, "2");
    }

    @Test
    void aQueueWithoutAPolicyHasNone() {
        SqsClient sqs = aws.get().primaryRegion().sqsClient();
        String url = sqs.createQueue(b -> b.queueName("no-policy")).queueUrl();

        assertThat(sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes())
                .doesNotContainKey(QueueAttributeName.POLICY);
    }

    @Test
    void deletingTheQueueForgetsItsPolicy() {
        SqsClient sqs = aws.get().primaryRegion().sqsClient();
        String url = sqs.createQueue(b -> b.queueName("short-lived").attributes(Map.of(QueueAttributeName.POLICY, POLICY)))
                .queueUrl();
        sqs.deleteQueue(b -> b.queueUrl(url));

        String again = sqs.createQueue(b -> b.queueName("short-lived")).queueUrl();

        assertThat(sqs.getQueueAttributes(b -> b.queueUrl(again).attributeNames(QueueAttributeName.POLICY)).attributes())
                .doesNotContainKey(QueueAttributeName.POLICY);
    }
}
