package dev.justsaying.ops;

import static dev.justsaying.ops.OpsRun.against;
import static dev.justsaying.ops.OpsRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.justsaying.localaws.LocalAws;
import dev.justsaying.localaws.LocalAwsExtension;
import dev.justsaying.localaws.LocalRegion;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;

class WhenQueuesAreListed {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1", "eu-central-1").withoutDynamoDb();

    @BeforeAll
    static void queues() {
        LocalAws local = aws.get();
        SqsClient west = local.region("eu-west-1").sqsClient();
        String orders = west.createQueue(b -> b.queueName("listed-orders")).queueUrl();
        west.createQueue(b -> b.queueName("listed-orders_error"));
        west.sendMessage(b -> b.queueUrl(orders).messageBody("{}"));
        west.sendMessage(b -> b.queueUrl(orders).messageBody("{}"));
        west.sendMessage(b -> b.queueUrl(orders).messageBody("{}").delaySeconds(600));
        west.receiveMessage(b -> b.queueUrl(orders).maxNumberOfMessages(1).visibilityTimeout(600));
        local.region("eu-central-1").sqsClient().createQueue(b -> b.queueName("listed-payments"));
    }

    private static List<LocalRegion> regions() {
        return aws.get().regions();
    }

    @Test
    void everyQueueOfEveryRegionShowsItsCountsAndWhetherItIsAnErrorQueue() {
        OpsRun run = run(against(regions(), "queues", "--prefix", "listed-"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).containsExactly(
                "REGION        QUEUE                VISIBLE  IN-FLIGHT  DELAYED  ERROR-QUEUE",
                "eu-west-1     listed-orders        1        1          1        no",
                "eu-west-1     listed-orders_error  0        0          0        yes",
                "eu-central-1  listed-payments      0        0          0        no");
    }

    @Test
    void onlyTheRegionsAndPrefixAskedForAreListed() {
        OpsRun run = run(against(regions(), "queues", "--regions", "eu-central-1", "--prefix", "listed-pay"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).hasSize(2).last().asString().startsWith("eu-central-1  listed-payments");
    }
}
