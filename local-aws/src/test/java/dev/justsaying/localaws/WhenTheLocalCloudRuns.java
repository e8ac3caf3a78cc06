package dev.justsaying.localaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

class WhenTheLocalCloudRuns {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1", "eu-central-1");

    @Test
    void eachRegionHasItsOwnQueuesWithArnsNamingTheRegion() {
        for (LocalRegion region : aws.get().regions()) {
            SqsClient sqs = region.sqsClient();
            String url = sqs.createQueue(b -> b.queueName("orders-" + region.name())).queueUrl();

            String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);

            assertThat(arn).isEqualTo(region.queueArn("orders-" + region.name()))
                    .isEqualTo("arn:aws:sqs:" + region.name() + ":000000000000:orders-" + region.name());
            assertThat(url).as("queue URLs point at the public, fault-injecting port")
                    .startsWith(region.sqsEndpoint().toString());
        }
        SqsClient central = aws.get().region("eu-central-1").sqsClient();
        assertThatThrownBy(() -> central.getQueueUrl(b -> b.queueName("orders-eu-west-1")))
                .isInstanceOf(QueueDoesNotExistException.class);
    }

    @Test
    void aMessageSentToAQueueIsReceivedFromIt(LocalAws stack) {
        SqsClient sqs = stack.primaryRegion().sqsClient();
        String url = sqs.createQueue(b -> b.queueName("greetings")).queueUrl();

        sqs.sendMessage(b -> b.queueUrl(url).messageBody("hello"));
        Message received = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(5)).messages().get(0);

        assertThat(received.body()).isEqualTo("hello");
    }

    @Test
    void dynamoDbCreatesPutsUpdatesConditionallyAndGets() {
        DynamoDbClient dynamo = aws.get().dynamoDbClient();
        dynamo.createTable(b -> b.tableName("commands")
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id")
                        .attributeType(ScalarAttributeType.S).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
        Map<String, AttributeValue> key = Map.of("id", AttributeValue.fromS("c-1"));
        dynamo.putItem(b -> b.tableName("commands").item(Map.of(
                "id", AttributeValue.fromS("c-1"), "state", AttributeValue.fromS("Queued"))));

        dynamo.updateItem(b -> b.tableName("commands").key(key)
                .updateExpression("SET #s = :next").conditionExpression("#s = :expected")
                .expressionAttributeNames(Map.of("#s", "state"))
                .expressionAttributeValues(Map.of(":next", AttributeValue.fromS("Succeeded"),
                        ":expected", AttributeValue.fromS("Queued"))));

        assertThatThrownBy(() -> dynamo.updateItem(b -> b.tableName("commands").key(key)
                .updateExpression("SET #s = :next").conditionExpression("#s = :expected")
                .expressionAttributeNames(Map.of("#s", "state"))
                .expressionAttributeValues(Map.of(":next", AttributeValue.fromS("Processing"),
                        ":expected", AttributeValue.fromS("Queued")))))
                .isInstanceOf(ConditionalCheckFailedException.class);
        assertThat(dynamo.getItem(b -> b.tableName("commands").key(key).consistentRead(true)).item())
                .containsEntry("state", AttributeValue.fromS("Succeeded"));
    }

    @Test
    void everyEndpointIsListedOncePerRegionAndService() {
        assertThat(aws.get().endpoints())
                .extracting(endpoint -> endpoint.region() + " " + endpoint.service())
                .containsExactly("eu-west-1 sqs", "eu-west-1 sns", "eu-central-1 sqs", "eu-central-1 sns",
                        "eu-west-1 dynamodb");
        assertThat(aws.get().endpoints())
                .allSatisfy(endpoint -> assertThat(endpoint.url().getHost()).isEqualTo("127.0.0.1"));
    }
}
