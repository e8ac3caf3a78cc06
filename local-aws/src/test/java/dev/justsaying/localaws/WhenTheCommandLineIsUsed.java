package dev.justsaying.localaws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The standalone jar's options: documented by --help, and mistakes refused before anything starts. */
class WhenTheCommandLineIsUsed {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine command = new CommandLine(new LocalAwsMain());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        return command.execute(args);
    }

    @Test
    void helpDocumentsEveryOption() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--regions", "--account-id", "--sqs-ports", "--sns-ports",
                "--dynamodb-port", "--no-dynamodb", "'<region> <service> <url>'", "'ready'");
    }

    @Test
    void anInvalidRegionIsRefused() {
        assertThat(run("--regions", "Ireland")).isEqualTo(2);
        assertThat(err.toString()).contains("'Ireland' is not a region name like eu-west-1");
    }

    @Test
    void portsMustMatchTheRegions() {
        assertThat(run("--regions", "eu-west-1,eu-central-1", "--sqs-ports", "9324")).isEqualTo(2);
        assertThat(err.toString()).contains("--sqs-ports needs one port per region: 2 regions, 1 ports");
    }

    @Test
    void aBadAccountIdIsRefused() {
        assertThat(run("--account-id", "42")).isEqualTo(2);
        assertThat(err.toString()).contains("an account id is 12 digits");
    }
}
