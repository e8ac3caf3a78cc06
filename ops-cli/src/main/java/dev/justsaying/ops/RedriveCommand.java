package dev.justsaying.ops;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * {@code ops redrive}: moves messages from an error queue back to their queue — body and attributes as they were,
 * without the bus's error reason — each deleted from the error queue only after its send succeeded, so a failure
 * half-way leaves a message in both queues at worst, never in neither. Messages not chosen are given back at once.
 */
@Command(name = "redrive", mixinStandardHelpOptions = true,
        description = "Move messages from an error queue back to their source queue.")
final class RedriveCommand implements Callable<Integer> {

    private static final Duration HOLD_WHILE_MOVING = Duration.ofSeconds(60);

    @Spec
    private CommandSpec spec;

    @Mixin
    private SqsAccess sqsAccess;

    @Parameters(index = "0", paramLabel = "ERROR-QUEUE", description = "The error queue's name")
    private String errorQueueName;

    @Option(names = "--to", paramLabel = "QUEUE",
            description = "The queue to send to; default: the error queue's name without _error")
    private String targetQueueName;

    @Option(names = "--region", description = "Default: the region of the only --sqs-endpoint, else the SDK's region")
    private String region;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Selection selection;

    /** Which messages move: all, or those with the given ids. */
    static final class Selection {
        @Option(names = "--all", required = true, description = "Move every message")
        boolean all;

        @Option(names = "--id", required = true, paramLabel = "MESSAGE-ID",
                description = "Move the message with this id (repeatable; ids as ops peek shows them)")
        Set<String> ids = new LinkedHashSet<>();
    }

    @Override
    public Integer call() {
        String target = targetQueueName != null ? targetQueueName : Queues.sourceQueueOf(errorQueueName)
                .orElseThrow(() -> new ParameterException(spec.commandLine(),
                        errorQueueName + " is not named like an error queue (<queue>_error): give --to"));
        if (target.equals(errorQueueName)) {
            throw new ParameterException(spec.commandLine(), "--to must be another queue than " + errorQueueName);
        }
        String inRegion = sqsAccess.region(region);
        Set<String> missing = new LinkedHashSet<>(selection.ids);
        int moved = 0;
        try (SqsClient sqs = sqsAccess.client(inRegion)) {
            String targetUrl = Queues.urlOf(sqs, target, inRegion);
            String errorQueueUrl = Queues.urlOf(sqs, errorQueueName, inRegion);
            try (HeldMessages held = new HeldMessages(sqs, errorQueueUrl, HOLD_WHILE_MOVING)) {
                List<Message> batch;
                do {
                    batch = held.receive(10);
                    for (Message message : batch) {
                        if (selection.all || missing.remove(message.messageId())) {
                            moveOne(sqs, held, message, targetUrl, target);
                            moved++;
                        }
                    }
                } while (!batch.isEmpty() && (selection.all || !missing.isEmpty()));
            } catch (SdkException e) {
                spec.commandLine().getErr().println("ops: moved " + moved + " message(s) before this failure:");
                throw e;
            }
        }
        return report(moved, target, inRegion, missing);
    }

    private static void moveOne(SqsClient sqs, HeldMessages held, Message message, String targetUrl, String target) {
        Map<String, MessageAttributeValue> attributes = new HashMap<>(message.messageAttributes());
        attributes.remove(Queues.ERROR_REASON_ATTRIBUTE);
        SendMessageRequest.Builder send = SendMessageRequest.builder()
                .queueUrl(targetUrl).messageBody(message.body()).messageAttributes(attributes);
        if (Queues.isFifo(target)) {
            // the error-queue message id as deduplication id: a redrive repeated after a failed delete sends it once
            send.messageGroupId(message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID))
                    .messageDeduplicationId(message.messageId());
        }
        sqs.sendMessage(send.build());
        held.delete(message);
    }

    private int report(int moved, String target, String inRegion, Set<String> missing) {
        PrintWriter out = spec.commandLine().getOut();
        out.println("moved " + moved + " message(s) from " + errorQueueName + " to " + target + " in " + inRegion);
        out.flush();
        if (!missing.isEmpty()) {
            throw OpsFailure.notFound("not in " + errorQueueName + ": " + String.join(", ", missing));
        }
        return 0;
    }
}
