package dev.justsaying.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class WhenAQueuePolicyIsExtended {

    private static final String QUEUE = "arn:aws:sqs:eu-west-1:123456789012:orders";
    private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:orderplaced";
    private static final String OTHER_TOPIC = "arn:aws:sns:eu-west-1:123456789012:ordershipped";
    private static final String FOREIGN_STATEMENT = """
            {"Sid":"LetTheAuditorRead","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/auditor"},
             "Action":["sqs:ReceiveMessage","sqs:GetQueueAttributes"],"Resource":"%s"}""".formatted(QUEUE);

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aQueueWithoutPolicyGetsOneWithOurStatementOnly() throws Exception {
        JsonNode policy = json.readTree(QueuePolicy.withTopicAllowed(null, QUEUE, TOPIC));

        assertThat(policy.path("Version").asText()).isEqualTo("2012-10-17");
        assertThat(policy.path("Statement")).hasSize(1);
        JsonNode statement = policy.path("Statement").get(0);
        assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
        assertThat(statement.path("Principal").path("Service").asText()).isEqualTo("sns.amazonaws.com");
        assertThat(statement.path("Action").asText()).isEqualTo("sqs:SendMessage");
        assertThat(statement.path("Resource").asText()).isEqualTo(QUEUE);
        assertThat(statement.path("Condition").path("ArnEquals").path("aws:SourceArn").asText()).isEqualTo(TOPIC);
        assertThat(QueuePolicy.allowsTopic(policy.toString(), QUEUE, TOPIC)).isTrue();
    }

    @Test
    void everyOtherStatementAndFieldIsKept() throws Exception {
        String existing = """
                {"Version":"2012-10-17","Id":"their-policy","Statement":[%s]}""".formatted(FOREIGN_STATEMENT);

        JsonNode policy = json.readTree(QueuePolicy.withTopicAllowed(existing, QUEUE, TOPIC));

        assertThat(policy.path("Id").asText()).isEqualTo("their-policy");
        assertThat(policy.path("Statement")).hasSize(2);
        assertThat(policy.path("Statement").get(0)).isEqualTo(json.readTree(FOREIGN_STATEMENT));
    }

    @Test
    void aSingleStatementObjectBecomesTheFirstOfAnArray() throws Exception {
        String existing = """
                {"Version":"2012-10-17","Statement":%s}""".formatted(FOREIGN_STATEMENT);

        JsonNode policy = json.readTree(QueuePolicy.withTopicAllowed(existing, QUEUE, TOPIC));

        assertThat(policy.path("Statement").isArray()).isTrue();
        assertThat(policy.path("Statement").get(0)).isEqualTo(json.readTree(FOREIGN_STATEMENT));
        assertThat(policy.path("Statement")).hasSize(2);
    }

    @Test
    void aSecondTopicGetsAStatementOfItsOwn() throws Exception {
        String first = QueuePolicy.withTopicAllowed(null, QUEUE, TOPIC);

        String both = QueuePolicy.withTopicAllowed(first, QUEUE, OTHER_TOPIC);

        assertThat(QueuePolicy.allowsTopic(first, QUEUE, OTHER_TOPIC)).isFalse();
        assertThat(QueuePolicy.allowsTopic(both, QUEUE, TOPIC)).isTrue();
        assertThat(QueuePolicy.allowsTopic(both, QUEUE, OTHER_TOPIC)).isTrue();
        JsonNode statements = json.readTree(both).path("Statement");
        assertThat(statements.get(0).path("Sid").asText()).isNotEqualTo(statements.get(1).path("Sid").asText());
    }

    @Test
    void aForeignStatementIsNotMistakenForOurs() {
        String existing = """
                {"Statement":[%s]}""".formatted(FOREIGN_STATEMENT);

        assertThat(QueuePolicy.allowsTopic(existing, QUEUE, TOPIC)).isFalse();
        assertThat(QueuePolicy.allowsTopic(null, QUEUE, TOPIC)).isFalse();
        assertThat(QueuePolicy.allowsTopic(" ", QUEUE, TOPIC)).isFalse();
    }

    @Test
    void aWildcardStatementForEveryTopicOfTheAccountCounts() {
        String existing = """
                {"Statement":[{"Effect":"Allow","Principal":{"Service":["sns.amazonaws.com"]},"Action":"SQS:*",
                "Resource":"arn:aws:sqs:eu-west-1:123456789012:*",
                "Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:sns:eu-west-1:123456789012:*"}}}]}""";

        assertThat(QueuePolicy.allowsTopic(existing, QUEUE, TOPIC)).isTrue();
        assertThat(QueuePolicy.allowsTopic(existing, QUEUE, "arn:aws:sns:eu-west-1:999999999999:orderplaced"))
                .isFalse();
    }

    @Test
    void aStatementWithAConditionItCannotEvaluateDoesNotCount() {
        String existing = """
                {"Statement":[{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"%s",
                "Condition":{"ArnEquals":{"aws:SourceArn":"%s"},"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}]}"""
                .formatted(QUEUE, TOPIC);

        assertThat(QueuePolicy.allowsTopic(existing, QUEUE, TOPIC)).isFalse();
    }

    @Test
    void aDenyStatementDoesNotCount() {
        String existing = """
                {"Statement":[{"Effect":"Deny","Principal":"*","Action":"sqs:SendMessage","Resource":"%s"}]}"""
                .formatted(QUEUE);

        assertThat(QueuePolicy.allowsTopic(existing, QUEUE, TOPIC)).isFalse();
    }
}
