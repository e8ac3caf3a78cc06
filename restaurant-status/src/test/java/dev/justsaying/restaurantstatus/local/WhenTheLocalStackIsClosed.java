package dev.justsaying.restaurantstatus.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WhenTheLocalStackIsClosed {

    @Test
    void nothingItStartedStillAnswers() throws SQLException {
        LocalStack stack = LocalStack.start(List.of("eu-west-1"), Duration.ofMillis(10));
        String jdbc = stack.jdbcUrl();
        URI twilio = stack.twilio().endpoint();
        URI sqs = stack.aws().region("eu-west-1").sqsEndpoint();
        URI dynamo = stack.aws().dynamoDbEndpoint();
        try (Connection connection = DriverManager.getConnection(jdbc)) {
            assertThat(connection.isValid(5)).as("PostgreSQL answers while the stack runs").isTrue();
        } finally {
            stack.close();
        }

        assertThatThrownBy(() -> DriverManager.getConnection(jdbc).close()).isInstanceOf(SQLException.class);
        for (URI endpoint : List.of(twilio, sqs, dynamo)) {
            assertThatThrownBy(() -> connect(endpoint)).as(endpoint.toString()).isInstanceOf(ConnectException.class);
        }
    }

    private static void connect(URI endpoint) throws IOException {
        new Socket(endpoint.getHost(), endpoint.getPort()).close();
    }
}
