package dev.justsaying.restaurantstatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.justsaying.publish.MessagePublisher;
import dev.justsaying.restaurantstatus.command.Command;
import dev.justsaying.restaurantstatus.command.CommandState;
import dev.justsaying.restaurantstatus.command.CommandStore;
import dev.justsaying.restaurantstatus.restaurant.RestaurantStatus;
import dev.justsaying.restaurantstatus.support.RunningService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The database refuses connections while a command waits in the queue. (The API itself needs the database to check
 * the restaurant exists, so the command is recorded and queued the way the API does it, without the API.)
 */
@ExtendWith(RunningService.class)
class WhenTheDatabaseIsDown {

    @Test
    void theWorkerTriesAgainAndSucceedsOnceItIsBack(RunningService service) throws SQLException {
        long restaurant = service.newRestaurant(7001, "+447700907001");
        Command command = Command.queued(UUID.randomUUID().toString(), List.of(restaurant), RestaurantStatus.CLOSED,
                "database test", true, Instant.now());
        try (Connection admin = DriverManager.getConnection(service.stack().jdbcUrl("template1"));
             Statement sql = admin.createStatement()) {
            sql.execute("ALTER DATABASE postgres ALLOW_CONNECTIONS false");
            try {
                sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'postgres'");
                service.bean(CommandStore.class).createUnlessPresent(command);
                service.bean(MessagePublisher.class).publish(command.toMessage()).join();

                Command failing = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .until(() -> service.command(command.id()),
                                current -> current.attempts() >= 2 && current.errorDetail() != null);
                assertThat(failing.state()).isEqualTo(CommandState.Processing);
            } finally {
                sql.execute("ALTER DATABASE postgres ALLOW_CONNECTIONS true");
            }
        }

        service.awaitState(command.id(), CommandState.Succeeded);

        assertThat(service.jdbc().queryForObject("SELECT status FROM restaurants WHERE id = ?", String.class,
                restaurant)).isEqualTo("CLOSED");
        assertThat(service.stack().twilio().messagesDeliveredTo("+447700907001")).isEqualTo(1);
    }
}
