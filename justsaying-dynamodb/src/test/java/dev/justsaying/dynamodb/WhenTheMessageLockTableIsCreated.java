package dev.justsaying.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.justsaying.localaws.LocalAwsExtension;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

class WhenTheMessageLockTableIsCreated {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1");

    @Test
    void itIsCreatedOnDemandWithTheLockKeyAndItsTtlOn() {
        lockOn("fresh-locks").createTableIfMissing().join();

        TableDescription table = dynamoDb().describeTable(describe -> describe.tableName("fresh-locks")).table();
        assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(table.keySchema()).singleElement().satisfies(key -> {
            assertThat(key.attributeName()).isEqualTo("LockKey");
            assertThat(key.keyType()).isEqualTo(KeyType.HASH);
        });
        TimeToLiveDescription ttl = timeToLiveOf("fresh-locks");
        assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
        assertThat(ttl.attributeName()).isEqualTo("Ttl");
    }

    @Test
    void creatingItAgainChangesNothing() {
        lockOn("twice-locks").createTableIfMissing().join();

        lockOn("twice-locks").createTableIfMissing().join();

        assertThat(timeToLiveOf("twice-locks").timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
    }

    @Test
    void aTableWithoutTtlHasItTurnedOn() {
        createTable("untimed-locks", "LockKey");

        lockOn("untimed-locks").createTableIfMissing().join();

        assertThat(timeToLiveOf("untimed-locks").attributeName()).isEqualTo("Ttl");
    }

    @Test
    void aTtlSomeoneSetOnAnotherAttributeIsLeftAlone() {
        createTable("their-locks", "LockKey");
        dynamoDb().updateTimeToLive(update -> update.tableName("their-locks")
                .timeToLiveSpecification(ttl -> ttl.enabled(true).attributeName("ExpiresOn")));

        lockOn("their-locks").createTableIfMissing().join();

        assertThat(timeToLiveOf("their-locks").attributeName()).isEqualTo("ExpiresOn");
    }

    @Test
    void aTableOfThatNameWithAnotherKeyIsRefused() {
        createTable("orders", "OrderId");

        assertThatThrownBy(() -> lockOn("orders").createTableIfMissing().join())
                .isInstanceOf(CompletionException.class)
                .hasRootCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[OrderId], not LockKey");
    }

    private static DynamoDbMessageLock lockOn(String table) {
        return DynamoDbMessageLock.builder(aws.get().dynamoDbAsyncClient()).tableName(table).build();
    }

    private static void createTable(String name, String key) {
        dynamoDb().createTable(create -> create.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(definition -> definition.attributeName(key).attributeType(ScalarAttributeType.S))
                .keySchema(schema -> schema.attributeName(key).keyType(KeyType.HASH)));
    }

    private static TimeToLiveDescription timeToLiveOf(String table) {
        return dynamoDb().describeTimeToLive(describe -> describe.tableName(table)).timeToLiveDescription();
    }

    private static DynamoDbClient dynamoDb() {
        return aws.get().dynamoDbClient();
    }
}
