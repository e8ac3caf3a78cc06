package dev.justsaying.bus;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.justsaying.MessagingBus;
import dev.justsaying.bus.Messages.PlaceOrder;
import dev.justsaying.handle.HandleResult;
import dev.justsaying.infrastructure.InfrastructureMode;
import dev.justsaying.localaws.LocalAwsExtension;
import dev.justsaying.testing.TestBus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** start() fails clearly, naming the resource and the fix, when VALIDATE finds the infrastructure missing. */
class WhenInfrastructureMustAlreadyExist {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1").withoutDynamoDb();

    @Test
    void aMissingQueueFailsStartNamingIt() {
        MessagingBus bus = TestBus.on(aws.get())
                .subscriptions(s -> s.forQueue(PlaceOrder.class, q -> q.queue("never-created")
                        .mode(InfrastructureMode.VALIDATE)))
                .handlers(h -> h.handle(PlaceOrder.class, (command, context) -> HandleResult.success()))
                .build();

        assertThatThrownBy(() -> bus.start().join())
                .hasMessageContaining("never-created")
                .hasMessageContaining("eu-west-1")
                .hasMessageContaining("VALIDATE");
        bus.close();
    }
}
