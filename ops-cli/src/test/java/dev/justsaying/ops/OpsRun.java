package dev.justsaying.ops;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import dev.justsaying.localaws.LocalRegion;

/** One run of the CLI as a person would type it, with what it printed and its exit code. */
record OpsRun(int exitCode, String out, String err) {

    static OpsRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Ops.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new OpsRun(exitCode, out.toString(), err.toString());
    }

    /** The arguments followed by {@code --sqs-endpoint} for each region. */
    static String[] against(List<LocalRegion> regions, String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        for (LocalRegion region : regions) {
            all.add("--sqs-endpoint");
            all.add(region.name() + "=" + region.sqsEndpoint());
        }
        return all.toArray(String[]::new);
    }
}
