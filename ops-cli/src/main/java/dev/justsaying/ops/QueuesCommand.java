package dev.justsaying.ops;

import dev.justsaying.errorqueue.ErrorQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.sqs.SqsClient;
import dev.justsaying.errorqueue.ErrorQueue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import dev.justsaying.errorqueue.ErrorQueue;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/** {@code ops queues}: every queue per region with its visible, in-flight and delayed counts, error queues marked. */
@Command(name = "queues", mixinStandardHelpOptions = true,
        description = "List queues per region with visible / in-flight / delayed message counts.")
final class QueuesCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private SqsAccess sqsAccess;

    @Option(names = "--regions", split = ",", paramLabel = "REGION",
            description = "Regions to list (comma-separated); default: those of --sqs-endpoint, else the SDK's region")
    private List<String> regions = new ArrayList<>();

    @Option(names = "--prefix", paramLabel = "PREFIX", description = "Only queues whose name starts with this")
    private String prefix;

    @Override
    public Integer call() {
        TextTable table = new TextTable("REGION", "QUEUE", "VISIBLE", "IN-FLIGHT", "DELAYED", "ERROR-QUEUE");
        for (String region : sqsAccess.regions(regions)) {
            try (SqsClient sqs = sqsAccess.client(region)) {
                List<String> queueUrls = new ArrayList<>();
                sqs.listQueuesPaginator(b -> b.queueNamePrefix(prefix)).queueUrls().forEach(queueUrls::add);
                queueUrls.sort(null);
                for (String queueUrl : queueUrls) {
                    addRow(table, sqs, region, queueUrl);
                }
            }
        }
        table.printTo(spec.commandLine().getOut());
        return 0;
    }

    private static void addRow(TextTable table, SqsClient sqs, String region, String queueUrl) {
        Map<QueueAttributeName, String> counts;
        try {
            counts = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        } catch (QueueDoesNotExistException deletedSinceListed) {
            return;
        }
        String name = Queues.nameOf(queueUrl);
        table.row(region, name,
                counts.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "?"),
                counts.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "?"),
                counts.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED, "?"),
                ErrorQueue.isErrorQueueName(name) ? "yes" : "no");
    }
}
