package dev.justsaying.ops;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The on-call command line for JustSaying systems: queue depths, error queues (peek, redrive), a command's state, the
 * bus's description and its run-time concurrency. Exit codes: 0 done, 1 failed, 2 bad arguments, 3 unreachable
 * endpoint or API, 4 not found.
 */
@Command(name = "ops", mixinStandardHelpOptions = true, version = "ops 0.1.0",
        description = "On-call tool for JustSaying queues and services.",
        subcommands = {QueuesCommand.class, PeekCommand.class, RedriveCommand.class, CommandStateCommand.class,
                DescribeCommand.class, ConcurrencyCommand.class},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:done", "1:failed (refused, unexpected answer)", "2:bad arguments",
                "3:endpoint or API unreachable", "4:queue, command or group not found"})
public final class Ops {

    private Ops() {
    }

    /** The command line with its failure reporting, ready to {@code execute}; set its out/err to capture output. */
    public static CommandLine commandLine() {
        return new CommandLine(new Ops()).setExecutionExceptionHandler(new FailureReporter());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
