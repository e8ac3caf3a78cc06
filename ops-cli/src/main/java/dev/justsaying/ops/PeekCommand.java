package dev.justsaying.ops;

import dev.justsaying.errorqueue.ErrorQueue;
import dev.justsaying.errorqueue.ErrorQueueMessage;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code ops peek}: shows an error queue's messages — id, receive count, the bus's reason and the message — and gives
 * them straight back (visibility 0), so the queue is as it was (only the receive counts went up by one).
 */
@Command(name = "peek", mixinStandardHelpOptions = true,
        description = "Show an error queue's messages without consuming them.")
final class PeekCommand implements Callable<Integer> {

    private static final int TRUNCATE_AT = 300;

    @Spec
    private CommandSpec spec;

    @Mixin
    private SqsAccess sqsAccess;

    @Parameters(index = "0", paramLabel = "QUEUE", description = "The (error) queue's name")
    private String queueName;

    @Option(names = "--region", description = "Default: the region of the only --sqs-endpoint, else the SDK's region")
    private String region;

    @Option(names = "--max", defaultValue = "10", description = "At most this many messages (default: ${DEFAULT-VALUE})")
    private int max;

    @Option(names = "--full", description = "Show whole messages instead of their first " + TRUNCATE_AT + " characters")
    private boolean full;

    @Override
    public Integer call() {
        if (max < 1) {
            throw new ParameterException(spec.commandLine(), "--max must be at least 1");
        }
        String inRegion = sqsAccess.region(region);
        List<ErrorQueueMessage> peeked;
        try (SqsClient sqs = sqsAccess.client(inRegion)) {
            peeked = new ErrorQueue(sqs, Queues.urlOf(sqs, queueName, inRegion)).peek(max);
        }
        print(peeked, inRegion);
        return 0;
    }

    private void print(List<ErrorQueueMessage> peeked, String inRegion) {
        PrintWriter out = spec.commandLine().getOut();
        for (ErrorQueueMessage message : peeked) {
            out.println("id:       " + message.id());
            out.println("receives: " + message.receiveCount());
            out.println("reason:   " + message.errorReason().orElse("(none)"));
            out.println("message:  " + shown(message.message()));
            out.println();
        }
        out.println(peeked.size() + " message(s) shown from " + queueName + " in " + inRegion + ", all left on the queue");
        out.flush();
    }

    private String shown(String message) {
        return full || message.length() <= TRUNCATE_AT
                ? message
                : message.substring(0, TRUNCATE_AT) + "… (" + message.length() + " chars, --full shows all)";
    }
}
