package dev.justsaying.ops;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ops command}: a command's state from {@code GET /commands/{id}}. A 303 (a single-restaurant command that
 * succeeded) is reported as such with where it points, not followed.
 */
@Command(name = "command", mixinStandardHelpOptions = true, description = "Show a command's state.")
final class CommandStateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ApiAccess api;

    @Parameters(index = "0", paramLabel = "ID", description = "The command id (from the 202 answer)")
    private String id;

    @Override
    public Integer call() {
        ApiAccess.Answer answer = api.get("/commands/" + ApiAccess.segment(id));
        PrintWriter out = spec.commandLine().getOut();
        switch (answer.status()) {
            case 200 -> out.println(answer.prettyBody());
            case 303 -> out.println("command " + id + ": Succeeded (the service points to "
                    + answer.location().orElse("the restaurant") + ")");
            case 404 -> throw OpsFailure.notFound("no command with id " + id);
            default -> throw OpsFailure.failed("command " + id + ": " + answer.problem());
        }
        out.flush();
        return 0;
    }
}
