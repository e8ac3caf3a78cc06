package dev.justsaying.ops;

import static dev.justsaying.ops.ErrorQueueFixture.bodies;
import static dev.justsaying.ops.ErrorQueueFixture.snsEnvelope;
import static dev.justsaying.ops.OpsRun.against;
import static dev.justsaying.ops.OpsRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.justsaying.localaws.LocalAwsExtension;
import dev.justsaying.localaws.LocalRegion;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class WhenAnErrorQueueIsRedriven {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1").withoutDynamoDb();

    private static List<LocalRegion> regions() {
        return aws.get().regions();
    }

    private static ErrorQueueFixture queues(String name) {
        return ErrorQueueFixture.create(aws.get().region("eu-west-1").sqsClient(), name);
    }

    @Test
    void allMessagesGoBackToTheSourceQueueWithTheirAttributesButNotTheReason() {
        ErrorQueueFixture queues = queues("all");
        for (int i = 0; i < 13; i++) {
            queues.failed("{\"OrderId\":" + i + "}", "failed " + i);
        }

        OpsRun run = run(against(regions(), "redrive", "all_error", "--all"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("moved 13 message(s) from all_error to all in eu-west-1");
        assertThat(queues.visibleOnErrorQueue()).isZero();
        List<Message> moved = queues.drainQueue();
        assertThat(moved).hasSize(13).allSatisfy(message -> {
            assertThat(message.messageAttributes()).containsOnlyKeys("traceparent");
            assertThat(message.messageAttributes().get("traceparent").stringValue())
                    .isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        });
        assertThat(bodies(moved)).contains(snsEnvelope("{\"OrderId\":0}"), snsEnvelope("{\"OrderId\":12}"));
    }

    @Test
    void onlyTheChosenIdsMoveAndTheOthersStayVisible() {
        ErrorQueueFixture queues = queues("chosen");
        String first = queues.failed("{\"OrderId\":1}", "one");
        queues.failed("{\"OrderId\":2}", "two");
        String third = queues.failed("{\"OrderId\":3}", "three");
        queues.failed("{\"OrderId\":4}", "four");

        OpsRun run = run(against(regions(), "redrive", "chosen_error", "--id", first, "--id", third));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("moved 2 message(s)");
        assertThat(bodies(queues.drainQueue()))
                .containsExactly(snsEnvelope("{\"OrderId\":1}"), snsEnvelope("{\"OrderId\":3}"));
        assertThat(queues.visibleOnErrorQueue()).isEqualTo(2);
    }

    @Test
    void anotherTargetQueueCanBeNamed() {
        ErrorQueueFixture queues = queues("named");
        ErrorQueueFixture elsewhere = queues("elsewhere");
        queues.failed("{\"OrderId\":7}", "seven");

        OpsRun run = run(against(regions(), "redrive", "named_error", "--to", "elsewhere", "--all"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(bodies(elsewhere.drainQueue())).containsExactly(snsEnvelope("{\"OrderId\":7}"));
        assertThat(queues.visibleOnErrorQueue()).isZero();
    }

    @Test
    void anIdNotOnTheQueueIsReportedNotFoundAfterTheOthersMoved() {
        ErrorQueueFixture queues = queues("partly");
        String present = queues.failed("{\"OrderId\":1}", "one");

        OpsRun run = run(against(regions(), "redrive", "partly_error", "--id", present, "--id", "no-such-id"));

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.out()).contains("moved 1 message(s)");
        assertThat(run.err()).contains("ops: not in partly_error: no-such-id");
        assertThat(queues.visibleOnErrorQueue()).isZero();
    }

    @Test
    void aMissingTargetQueueMovesNothing() {
        ErrorQueueFixture queues = queues("orphaned");
        queues.failed("{\"OrderId\":1}", "one");

        OpsRun run = run(against(regions(), "redrive", "orphaned_error", "--to", "gone", "--all"));

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("ops: no queue named gone in eu-west-1");
        assertThat(queues.visibleOnErrorQueue()).isEqualTo(1);
    }

    @Test
    void aSendThatFailsDeletesNothingAndSaysHowManyHadMoved() {
        ErrorQueueFixture queues = queues("unsendable");
        aws.get().region("eu-west-1").sqsClient().createQueue(b -> b.queueName("strict.fifo")
                .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")));
        queues.failed("{\"OrderId\":1}", "one");

        OpsRun run = run(against(regions(), "redrive", "unsendable_error", "--to", "strict.fifo", "--all"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("ops: moved 0 message(s) before this failure:", "ops: AWS refused:");
        assertThat(queues.visibleOnErrorQueue()).isEqualTo(1);
    }
}
