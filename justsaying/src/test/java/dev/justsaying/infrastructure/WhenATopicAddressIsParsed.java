package dev.justsaying.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WhenATopicAddressIsParsed {

    @Test
    void aNameIsOnlyAName() {
        TopicAddress address = TopicAddress.of("orderplaced");

        assertThat(address.name()).isEqualTo("orderplaced");
        assertThat(address.arn()).isEmpty();
        assertThat(address.region()).isEmpty();
        assertThat(address.isFifo()).isFalse();
    }

    @Test
    void anArnGivesNameAccountAndRegion() {
        TopicAddress address = TopicAddress.of("arn:aws:sns:eu-central-1:123456789012:orderplaced.fifo");

        assertThat(address.name()).isEqualTo("orderplaced.fifo");
        assertThat(address.arn()).contains("arn:aws:sns:eu-central-1:123456789012:orderplaced.fifo");
        assertThat(address.region()).contains("eu-central-1");
        assertThat(address.accountId()).contains("123456789012");
        assertThat(address.isFifo()).isTrue();
    }

    @Test
    void aNameMayHave256Characters() {
        assertThat(TopicAddress.of("t".repeat(256)).name()).hasSize(256);
        assertThatThrownBy(() -> TopicAddress.of("t".repeat(257)))
                .hasMessageContaining("1 to 256 characters");
    }

    @Test
    void anInvalidNameIsRejectedWithAValidName() {
        assertThatThrownBy(() -> TopicAddress.of("order/placed"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid name for an SNS topic")
                .hasMessageContaining("e.g. 'order_placed'");
    }

    @Test
    void anArnOfAQueueIsRejected() {
        assertThatThrownBy(() -> TopicAddress.of("arn:aws:sqs:eu-west-1:123456789012:orders"))
                .hasMessageContaining("is an ARN of sqs, not of sns");
    }

    @Test
    void anArnWithoutARegionIsRejected() {
        assertThatThrownBy(() -> TopicAddress.of("arn:aws:sns::123456789012:orders"))
                .hasMessageContaining("no valid region");
    }
}
