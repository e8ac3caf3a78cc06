package dev.justsaying.ops;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
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
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * {@code ops peek}: shows an error queue's messages — id, receive count, the bus's reason and the message — and gives
 * them straight back (visibility 0), so the queue is as it was (only the receive counts went up by one).
 */
@Command(name = "peek", mixinStandardHelpOptions = true,
        description = "Show an error queue's messages without consuming them.")
final class PeekCommand implements Callable<Integer> {

    private static final Duration HOLD_WHILE_PEEKING = Duration.ofSeconds(30);
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
        List<PeekedMessage> peeked = new ArrayList<>();
        try (SqsClient sqs = sqsAccess.client(inRegion);
             HeldMessages held = new HeldMessages(sqs, Queues.urlOf(sqs, queueName, inRegion), HOLD_WHILE_PEEKING)) {
            List<Message> batch;
            do {
                batch = held.receive(Math.min(10, max - peeked.size()));
                batch.forEach(message -> peeked.add(PeekedMessage.of(message)));
            } while (!batch.isEmpty() && peeked.size() < max);
        }
        print(peeked, inRegion);
        return 0;
    }

    private void print(List<PeekedMessage> peeked, String inRegion) {
        PrintWriter out = spec.commandLine().getOut();
        for (PeekedMessage message : peeked) {
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
