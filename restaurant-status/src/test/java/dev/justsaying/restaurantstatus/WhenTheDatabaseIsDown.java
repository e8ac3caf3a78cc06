package dev.justsaying.restaurantstatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.justsaying.MessagingBus;
import dev.justsaying.restaurantstatus.command.Command;
import dev.justsaying.restaurantstatus.command.CommandState;
import dev.justsaying.restaurantstatus.messaging.MessagingConfiguration;
import dev.justsaying.restaurantstatus.support.RunningService;
import dev.justsaying.subscribe.SubscriptionGroup;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RunningService.class)
class WhenTheDatabaseIsDown {

    @Test
    void theWorkerTriesAgainAndSucceedsOnceItIsBack(RunningService service) throws SQLException {
        long restaurant = service.newRestaurant(7001, "+447700907001");
        SubscriptionGroup commands = service.bean(MessagingBus.class)
                .subscriptionGroup(MessagingConfiguration.COMMANDS_GROUP);
        String id;
        try (Connection admin = DriverManager.getConnection(service.stack().jdbcUrl("template1"));
             Statement sql = admin.createStatement()) {
            commands.pause();
            try {
                id = RunningService.commandId(service.put("/restaurants/" + restaurant + "/status",
                        "{\"status\":\"CLOSED\"}"));
                sql.execute("ALTER DATABASE postgres ALLOW_CONNECTIONS false");
                sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'postgres'");
                commands.resume();

                Command failing = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .until(() -> service.command(id), command -> command.attempts() >= 2);
                assertThat(failing.state()).isEqualTo(CommandState.Processing);
                assertThat(failing.errorDetail()).isNotBlank();
            } finally {
                sql.execute("ALTER DATABASE postgres ALLOW_CONNECTIONS true");
                commands.resume();
            }
        }

        service.awaitState(id, CommandState.Succeeded);

        assertThat(service.jdbc().queryForObject("SELECT status FROM restaurants WHERE id = ?", String.class,
                restaurant)).isEqualTo("CLOSED");
        assertThat(service.stack().twilio().messagesDeliveredTo("+447700907001")).isEqualTo(1);
    }
}
