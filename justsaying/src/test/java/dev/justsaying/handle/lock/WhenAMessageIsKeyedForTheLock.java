package dev.justsaying.handle.lock;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WhenAMessageIsKeyedForTheLock {

    private final Copies message = new Copies();

    @Test
    void copiesThroughTwoRegionsShareOneKey() {
        assertThat(ExactlyOnceMiddleware.keyOf(message.copy("sqs-west-1", "eu-west-1")))
                .isEqualTo(ExactlyOnceMiddleware.keyOf(message.copy("sqs-central-1", "eu-central-1")))
                .isEqualTo(message.key());
    }

    @Test
    void eachHandlerHasItsOwnKey() {
        assertThat(ExactlyOnceMiddleware.keyOf(message.copy("sqs-1", "eu-west-1", "dev.example.SendReceipt")))
                .isNotEqualTo(ExactlyOnceMiddleware.keyOf(message.copy("sqs-1", "eu-west-1", "dev.example.ChargeCustomer")));
    }

}
