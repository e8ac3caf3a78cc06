package dev.justsaying.ops;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ops concurrency}: sets a subscription group's concurrency limit in a running service through its actuator
 * endpoint (a write, so it needs the API key), after checking the group exists so that a typo reads "not found".
 */
@Command(name = "concurrency", mixinStandardHelpOptions = true,
        description = "Set a subscription group's concurrency limit in a running service.")
final class ConcurrencyCommand implements Callable<Integer> {

    /** The starter's actuator endpoint. */
    static final String ENDPOINT = "/actuator/justsaying";

    private static final int MAX_LIMIT = 10_000;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ApiAccess api;

    @Parameters(index = "0", paramLabel = "GROUP", description = "The subscription group, e.g. commands")
    private String group;

    @Parameters(index = "1", paramLabel = "LIMIT", description = "Messages handled at once (1-" + MAX_LIMIT + ")")
    private int limit;

    @Option(names = "--api-key", defaultValue = "${env:OPS_API_KEY}", paramLabel = "KEY",
            description = "The service's API key; default: the environment variable OPS_API_KEY (preferred: a key on"
                    + " the command line lands in shell history)")
    private String apiKey;

    @Override
    public Integer call() {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ParameterException(spec.commandLine(), "LIMIT must be within 1-" + MAX_LIMIT + ", not " + limit);
        }
        if (apiKey == null || apiKey.isBlank()) {
            throw new ParameterException(spec.commandLine(), "No API key: set OPS_API_KEY or give --api-key");
        }
        String path = ENDPOINT + "/" + ApiAccess.segment(group);
        ApiAccess.Answer current = api.get(path);
        if (current.status() == 404) {
            throw OpsFailure.notFound("no subscription group '" + group + "'");
        }
        ApiAccess.Answer answer = api.post(path, Map.of("concurrencyLimit", limit), apiKey);
        switch (answer.status()) {
            case 200 -> {
                PrintWriter out = spec.commandLine().getOut();
                out.println("group " + group + ": concurrency limit set to " + limit);
                out.println(answer.prettyBody());
                out.flush();
                return 0;
            }
            case 401, 403 -> throw OpsFailure.failed("refused (HTTP " + answer.status()
                    + "): check the API key given by --api-key or OPS_API_KEY");
            default -> throw OpsFailure.failed("group " + group + ": " + answer.problem());
        }
    }
}
