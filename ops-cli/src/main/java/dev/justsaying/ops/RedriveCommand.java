package dev.justsaying.ops;

import dev.justsaying.errorqueue.ErrorQueue;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
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
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code ops redrive}: moves messages from an error queue back to their queue — body and attributes as they were,
 * without the bus's error reason — each deleted from the error queue only after its send succeeded, so a failure
 * half-way leaves a message in both queues at worst, never in neither. Messages not chosen are given back at once.
 */
@Command(name = "redrive", mixinStandardHelpOptions = true,
        description = "Move messages from an error queue back to their source queue.")
final class RedriveCommand implements Callable<Integer> {

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
        String target = targetQueueName != null ? targetQueueName : ErrorQueue.sourceQueueName(errorQueueName)
                .orElseThrow(() -> new ParameterException(spec.commandLine(),
                        errorQueueName + " is not named like an error queue (<queue>_error): give --to"));
        if (target.equals(errorQueueName)) {
            throw new ParameterException(spec.commandLine(), "--to must be another queue than " + errorQueueName);
        }
        String inRegion = sqsAccess.region(region);
        try (SqsClient sqs = sqsAccess.client(inRegion)) {
            String targetUrl = Queues.urlOf(sqs, target, inRegion);
            ErrorQueue errorQueue = new ErrorQueue(sqs, Queues.urlOf(sqs, errorQueueName, inRegion));
            ErrorQueue.Redriven redriven = selection.all ? errorQueue.redriveAll(targetUrl)
                    : errorQueue.redrive(targetUrl, selection.ids);
            return report(redriven.moved(), target, inRegion, redriven.notFound());
        } catch (ErrorQueue.RedriveFailedException e) {
            spec.commandLine().getErr().println("ops: moved " + e.moved() + " message(s) before this failure:");
            throw e.getCause();
        }
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
