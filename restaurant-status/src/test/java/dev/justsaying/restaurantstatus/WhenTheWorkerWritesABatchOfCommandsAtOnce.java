package dev.justsaying.restaurantstatus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.justsaying.restaurantstatus.command.Command;
import dev.justsaying.restaurantstatus.command.CommandState;
import dev.justsaying.restaurantstatus.command.CommandStore;
import dev.justsaying.restaurantstatus.command.CommandStore.Attempt;
import dev.justsaying.restaurantstatus.restaurant.RestaurantStatus;
import dev.justsaying.restaurantstatus.support.RunningService;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The command store's batch writes, as the Worker's batched mode uses them: a batch starts and finishes in one
 * transaction each (recording the texts a try intends as it starts, and those it sent as it ends), and a command that
 * is final already keeps its state (the batch then falls back to one write
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
        commands.markSucceeded(done, Set.of());
        String missing = UUID.randomUUID().toString();

        Map<String, Command> started = commands.startAttempts(Map.of(first, attempt(1), second, attempt(3),
                done, attempt(2), missing, attempt(1)));

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
        commands.startAttempts(Map.of(first, attempt(1), second, attempt(1), failed, attempt(1)));
        commands.markFailed(failed, "its receives ran out");

        assertThat(commands.markAllSucceeded(Map.of(first, Set.of(), second, Set.of(), failed, Set.of())))
                .containsExactlyInAnyOrder(first, second);
        assertThat(commands.markAllSucceeded(Map.of(first, Set.of(), second, Set.of()))).isEmpty();

        assertThat(service.command(first).state()).isEqualTo(CommandState.Succeeded);
        assertThat(service.command(second).state()).isEqualTo(CommandState.Succeeded);
        assertThat(service.command(failed).state()).isEqualTo(CommandState.Failed);
        assertThat(service.command(failed).errorDetail()).isEqualTo("its receives ran out");
    }

    @Test
    void aTryRecordsTheTextsItIntendsAsItStartsAndThoseItSentAsItEnds(RunningService service) {
        CommandStore commands = service.bean(CommandStore.class);
        String succeeding = recorded(commands);
        String failing = recorded(commands);

        Map<String, Command> started = commands.startAttempts(Map.of(
                succeeding, new Attempt(1, Set.of(1L, 2L)), failing, new Attempt(1, Set.of(3L, 4L))));
        commands.markAllSucceeded(Map.of(succeeding, Set.of(1L, 2L)));
        commands.recordTryFailed(failing, "Twilio answered 500", Set.of(3L));

        assertThat(started.get(succeeding).smsIntended()).as("intended by earlier tries").isEmpty();
        assertThat(service.command(succeeding).smsIntended()).containsExactlyInAnyOrder(1L, 2L);
        assertThat(service.command(succeeding).texted()).containsExactlyInAnyOrder(1L, 2L);
        assertThat(service.command(failing).smsIntended()).containsExactlyInAnyOrder(3L, 4L);
        assertThat(service.command(failing).texted()).containsExactly(3L);
        assertThat(service.command(failing).state()).isEqualTo(CommandState.Processing);
    }

    private static Attempt attempt(int number) {
        return new Attempt(number, Set.of());
    }

    private static String recorded(CommandStore commands) {
        Command command = Command.queued(UUID.randomUUID().toString(), List.of(1L), RestaurantStatus.CLOSED,
                "batch write test", false, Instant.now());
        commands.createUnlessPresent(command);
        return command.id();
    }
}
