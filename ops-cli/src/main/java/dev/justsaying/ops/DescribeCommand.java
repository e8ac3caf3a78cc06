package dev.justsaying.ops;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ops describe}: the service's bus as its actuator endpoint describes it (regions, publications, groups). */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Show the bus description from /actuator/justsaying.")
final class DescribeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ApiAccess api;

    @Override
    public Integer call() {
        ApiAccess.Answer answer = api.get(ConcurrencyCommand.ENDPOINT);
        switch (answer.status()) {
            case 200 -> {
                PrintWriter out = spec.commandLine().getOut();
                out.println(answer.prettyBody());
                out.flush();
                return 0;
            }
            case 404 -> throw OpsFailure.notFound("no " + ConcurrencyCommand.ENDPOINT
                    + " (is the actuator endpoint 'justsaying' exposed?)");
            default -> throw OpsFailure.failed(ConcurrencyCommand.ENDPOINT + ": " + answer.problem());
        }
    }
}
