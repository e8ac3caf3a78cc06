package dev.justsaying.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WhenAQueueAddressIsParsed {

    @Test
    void aNameIsOnlyAName() {
        QueueAddress address = QueueAddress.of("orders");

        assertThat(address.name()).isEqualTo("orders");
        assertThat(address.url()).isEmpty();
        assertThat(address.arn()).isEmpty();
        assertThat(address.region()).isEmpty();
        assertThat(address.isFifo()).isFalse();
    }

    @Test
    void anAwsQueueUrlGivesNameAccountAndRegion() {
        QueueAddress address = QueueAddress.of("https://sqs.eu-west-1.amazonaws.com/123456789012/orders");

        assertThat(address.name()).isEqualTo("orders");
        assertThat(address.url()).contains("https://sqs.eu-west-1.amazonaws.com/123456789012/orders");
        assertThat(address.accountId()).contains("123456789012");
        assertThat(address.region()).contains("eu-west-1");
    }

    @Test
    void aLegacyAwsQueueUrlGivesItsRegion() {
        assertThat(QueueAddress.of("https://eu-central-1.queue.amazonaws.com/123456789012/orders").region())
                .contains("eu-central-1");
    }

    @Test
    void aLocalQueueUrlHasNoRegion() {
        QueueAddress address = QueueAddress.of("http://127.0.0.1:4566/000000000000/orders.fifo");

        assertThat(address.name()).isEqualTo("orders.fifo");
        assertThat(address.accountId()).contains("000000000000");
        assertThat(address.region()).isEmpty();
        assertThat(address.isFifo()).isTrue();
    }

    @Test
    void anArnGivesNameAccountAndRegion() {
        QueueAddress address = QueueAddress.of("arn:aws:sqs:eu-west-1:123456789012:orders");

        assertThat(address.name()).isEqualTo("orders");
        assertThat(address.arn()).contains("arn:aws:sqs:eu-west-1:123456789012:orders");
        assertThat(address.accountId()).contains("123456789012");
        assertThat(address.region()).contains("eu-west-1");
        assertThat(address.url()).isEmpty();
    }

    @Test
    void anInvalidNameIsRejectedWithTheRuleAndAValidName() {
        assertThatThrownBy(() -> QueueAddress.of("my.orders queue"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 80 characters from A-Z a-z 0-9 _ -")
                .hasMessageContaining("e.g. 'my_orders_queue'");
    }

    @Test
    void aFifoNameKeepsItsSuffixInTheSuggestion() {
        assertThatThrownBy(() -> QueueAddress.of("my orders.fifo"))
                .hasMessageContaining("e.g. 'my_orders.fifo'");
    }

    @Test
    void aNameLongerThan80CharactersIsRejected() {
        assertThat(QueueAddress.of("q".repeat(80)).name()).hasSize(80);
        assertThatThrownBy(() -> QueueAddress.of("q".repeat(81)))
                .hasMessageContaining("1 to 80 characters")
                .hasMessageContaining("e.g. '" + "q".repeat(80) + "'");
    }

    @Test
    void anEmptyNameIsRejected() {
        assertThatThrownBy(() -> QueueAddress.of("")).hasMessageContaining("is not a valid name for an SQS queue");
        assertThatThrownBy(() -> QueueAddress.of(".fifo")).hasMessageContaining("is not a valid name for an SQS queue");
    }

    @Test
    void anArnOfAnotherServiceIsRejected() {
        assertThatThrownBy(() -> QueueAddress.of("arn:aws:sns:eu-west-1:123456789012:orders"))
                .hasMessageContaining("is an ARN of sns, not of sqs");
    }

    @Test
    void anArnWithoutAValidAccountIsRejected() {
        assertThatThrownBy(() -> QueueAddress.of("arn:aws:sqs:eu-west-1:1234:orders"))
                .hasMessageContaining("no valid account id");
    }

    @Test
    void aUrlWithoutAnAccountPathIsRejectedWithTheExpectedShape() {
        assertThatThrownBy(() -> QueueAddress.of("http://localhost:9324/queue/orders"))
                .hasMessageContaining("https://sqs.<region>.amazonaws.com/<12-digit account id>/<queue name>");
    }

    @Test
    void addressesGivenAlikeAreEqual() {
        assertThat(QueueAddress.of("orders")).isEqualTo(QueueAddress.of("orders"))
                .hasSameHashCodeAs(QueueAddress.of("orders"))
                .isNotEqualTo(QueueAddress.of("arn:aws:sqs:eu-west-1:123456789012:orders"))
                .hasToString("orders");
    }
}
