package dev.justsaying.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WhenNamesFollowTheDefaultConvention {

    record OrderPlaced(String id) {
    }

    record Order_Shipped$V2(String id) {
    }

    private final NamingConvention naming = NamingConvention.defaults();

    @Test
    void theTopicIsTheLowerCasedSimpleTypeName() {
        assertThat(naming.topicName(OrderPlaced.class)).isEqualTo("orderplaced");
    }

    @Test
    void theQueueIsNamedLikeTheTopic() {
        assertThat(naming.queueName(OrderPlaced.class)).isEqualTo("orderplaced");
    }

    @Test
    void charactersOutsideTheNameAlphabetAreStripped() {
        assertThat(naming.topicName(Order_Shipped$V2.class)).isEqualTo("order_shippedv2");
    }

    @Test
    void aTypeWithoutASimpleNameIsRejected() {
        Object anonymous = new Object() { };

        assertThatThrownBy(() -> naming.topicName(anonymous.getClass()))
                .hasMessageContaining("name its topic or queue explicitly");
    }

    @Test
    void theErrorQueueIsTheQueueWithAnErrorSuffix() {
        assertThat(naming.errorQueueName("orders")).isEqualTo("orders_error");
    }

    @Test
    void aFifoErrorQueueKeepsTheFifoSuffixLast() {
        assertThat(naming.errorQueueName("orders.fifo")).isEqualTo("orders_error.fifo");
    }

    @Test
    void aConventionOfOnesOwnKeepsTheDefaultErrorQueueName() {
        NamingConvention prefixed = new NamingConvention() {
            @Override
            public String topicName(Class<?> messageType) {
                return "shop-" + naming.topicName(messageType);
            }

            @Override
            public String queueName(Class<?> messageType) {
                return "billing-" + naming.queueName(messageType);
            }
        };

        assertThat(prefixed.topicName(OrderPlaced.class)).isEqualTo("shop-orderplaced");
        assertThat(prefixed.errorQueueName(prefixed.queueName(OrderPlaced.class)))
                .isEqualTo("billing-orderplaced_error");
    }
}
