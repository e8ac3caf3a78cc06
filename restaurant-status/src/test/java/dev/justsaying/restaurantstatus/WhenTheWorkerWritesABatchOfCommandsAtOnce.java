package dev.justsaying.restaurantstatus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.justsaying.restaurantstatus.command.Command;
import dev.justsaying.restaurantstatus.command.CommandState;
import dev.justsaying.restaurantstatus.command.CommandStore;
import dev.justsaying.restaurantstatus.restaurant.RestaurantStatus;
import dev.justsaying.restaurantstatus.support.RunningService;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The command store's batch writes, as the Worker's batched mode uses them: a batch starts and finishes in one
 * transaction each, and a command that is final already keeps its state (the batch then falls back to one write
 * per command). The commands are recorded but never queued, so the running Worker leaves them alone.
 */
@ExtendWith(RunningService.class)
class WhenTheWorkerWritesABatchOfCommandsAtOnce {

    @Test
    void startingMovesTheUnfinishedToProcessingAndLeavesTheFinishedAsTheyAre(RunningService service) {
        CommandStore commands = service.bean(CommandStore.class);
        String first = recorded(commands);
        String second = recorded(commands);
        String done = recorded(commands);
        commands.markSucceeded(done);
        String missing = UUID.randomUUID().toString();

        Map<String, Command> started = commands.startAttempts(Map.of(first, 1, second, 3, done, 2, missing, 1));

        assertThat(started).containsOnlyKeys(first, second, done);
        assertThat(started.get(first).state()).isEqualTo(CommandState.Processing);
        assertThat(started.get(second).attempts()).isEqualTo(3);
        assertThat(started.get(done).state()).isEqualTo(CommandState.Succeeded);
        assertThat(service.command(first)).isEqualTo(started.get(first));
        assertThat(service.command(second).state()).isEqualTo(CommandState.Processing);
        assertThat(service.command(done).state()).isEqualTo(CommandState.Succeeded);
    }

    @Test
    void finishingMovesEachUnfinishedCommandOnceEvenWhenOneIsFinalAlready(RunningService service) {
        CommandStore commands = service.bean(CommandStore.class);
        String first = recorded(commands);
        String second = recorded(commands);
        String failed = recorded(commands);
        commands.startAttempts(Map.of(first, 1, second, 1, failed, 1));
        commands.markFailed(failed, "its receives ran out");

        assertThat(commands.markAllSucceeded(List.of(first, second, failed))).containsExactlyInAnyOrder(first, second);
        assertThat(commands.markAllSucceeded(List.of(first, second))).isEmpty();

        assertThat(service.command(first).state()).isEqualTo(CommandState.Succeeded);
        assertThat(service.command(second).state()).isEqualTo(CommandState.Succeeded);
        assertThat(service.command(failed).state()).isEqualTo(CommandState.Failed);
        assertThat(service.command(failed).errorDetail()).isEqualTo("its receives ran out");
    }

    private static String recorded(CommandStore commands) {
        Command command = Command.queued(UUID.randomUUID().toString(), List.of(1L), RestaurantStatus.CLOSED,
                "batch write test", false, Instant.now());
        commands.createUnlessPresent(command);
        return command.id();
    }
}
