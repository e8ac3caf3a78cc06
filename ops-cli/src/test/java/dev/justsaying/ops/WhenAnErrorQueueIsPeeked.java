package dev.justsaying.ops;

import static dev.justsaying.ops.OpsRun.against;
import static dev.justsaying.ops.OpsRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.justsaying.localaws.LocalAwsExtension;
import dev.justsaying.localaws.LocalRegion;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WhenAnErrorQueueIsPeeked {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1").withoutDynamoDb();

    private static List<LocalRegion> regions() {
        return aws.get().regions();
    }

    private static ErrorQueueFixture queues(String name) {
        return ErrorQueueFixture.create(aws.get().region("eu-west-1").sqsClient(), name);
    }

    @Test
    void eachMessageShowsItsIdReceiveCountReasonAndTheMessageOutOfItsEnvelope() {
        ErrorQueueFixture queues = queues("peeked");
        String id = queues.failed("{\"OrderId\":42}", "handler threw: IllegalStateException: no such order");

        OpsRun run = run(against(regions(), "peek", "peeked_error"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains(
                "id:       " + id,
                "receives: 1",
                "reason:   handler threw: IllegalStateException: no such order",
                "message:  {\"OrderId\":42}",
                "1 message(s) shown from peeked_error in eu-west-1, all left on the queue");
    }

    @Test
    void theMessagesAreLeftOnTheQueueVisibleAtOnce() {
        ErrorQueueFixture queues = queues("left");
        queues.failed("{\"OrderId\":1}", "first");
        queues.failed("{\"OrderId\":2}", "second");

        OpsRun run = run(against(regions(), "peek", "left_error"));

        assertThat(run.out()).contains("reason:   first", "reason:   second", "2 message(s) shown");
        assertThat(queues.visibleOnErrorQueue()).isEqualTo(2);
    }

    @Test
    void maxLimitsHowManyAreShown() {
        ErrorQueueFixture queues = queues("limited");
        for (int i = 0; i < 12; i++) {
            queues.failed("{\"OrderId\":" + i + "}", "reason " + i);
        }

        OpsRun run = run(against(regions(), "peek", "limited_error", "--max", "11"));

        assertThat(run.out()).contains("11 message(s) shown");
        assertThat(queues.visibleOnErrorQueue()).isEqualTo(12);
    }

    @Test
    void longMessagesAreTruncatedUnlessFullIsAsked() {
        ErrorQueueFixture queues = queues("long");
        String longMessage = "{\"Text\":\"" + "x".repeat(1_000) + "\"}";
        queues.failed(longMessage, "too long to read");

        OpsRun truncated = run(against(regions(), "peek", "long_error"));
        OpsRun full = run(against(regions(), "peek", "long_error", "--full"));

        assertThat(truncated.out()).doesNotContain(longMessage).contains("(1011 chars, --full shows all)");
        assertThat(full.out()).contains("message:  " + longMessage);
    }

    @Test
    void anUnknownQueueIsNotFound() {
        OpsRun run = run(against(regions(), "peek", "nothing-like-it_error"));

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("ops: no queue named nothing-like-it_error in eu-west-1");
    }
}
