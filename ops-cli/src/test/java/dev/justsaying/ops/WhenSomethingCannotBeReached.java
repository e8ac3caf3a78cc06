package dev.justsaying.ops;

import static dev.justsaying.ops.OpsRun.against;
import static dev.justsaying.ops.OpsRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.justsaying.localaws.LocalAwsExtension;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WhenSomethingCannotBeReached {

    @RegisterExtension
    static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1").withoutDynamoDb();

    @Test
    void anSqsEndpointInAnOutageExitsWithThreeAndSaysSo() {
        aws.get().region("eu-west-1").faults().outage();

        OpsRun run = run(against(aws.get().regions(), "queues"));

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).startsWith("ops: cannot reach the AWS endpoint:").contains("Connection refused");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anApiNobodyListensOnExitsWithThreeAndSaysSo() throws IOException {
        String closedPort = "http://127.0.0.1:" + freePort();

        OpsRun run = run("command", "c-1", "--api", closedPort);

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).startsWith("ops: cannot reach the API at " + closedPort + ": ConnectException");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
