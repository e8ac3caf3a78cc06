package dev.justsaying.restaurantstatus.api;

import dev.justsaying.restaurantstatus.OnApiRole;
import dev.justsaying.restaurantstatus.ServiceProperties;
import dev.justsaying.restaurantstatus.command.Command;
import dev.justsaying.restaurantstatus.command.CommandStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends again the message of every command that no Worker has started {@code restaurant-status.sweeper.after}
 * after it was recorded: the API records a command before it sends its message, so an API process killed between
 * the two leaves a record with no message. Such commands are found through the command store's sparse index of
 * unstarted commands, claimed (one process re-queues each), and sent. A command merely waiting behind a long
 * queue is sent a second time too; the Worker carries out a command once however many messages it gets.
 */
@OnApiRole
@Component
public class StrandedCommandSweeper {

    /** Commands whose message was sent again by a sweep. */
    public static final String REQUEUED_COUNTER = "restaurant.status.sweeper.requeued";
    private static final Logger log = LoggerFactory.getLogger(StrandedCommandSweeper.class);

    private final CommandStore commands;
    private final CommandService sender;
    private final Duration after;
    private final Clock clock;
    private final Counter requeued;

    public StrandedCommandSweeper(CommandStore commands, CommandService sender, ServiceProperties properties,
                                  Clock clock, MeterRegistry meters) {
        this.commands = commands;
        this.sender = sender;
        this.after = properties.sweeper().after();
        this.clock = clock;
        this.requeued = meters.counter(REQUEUED_COUNTER);
    }

    /** One sweep; a failure (the store or the queue unreachable) is logged, and the next sweep tries again. */
    @Scheduled(fixedDelayString = "${restaurant-status.sweeper.interval}",
            initialDelayString = "${restaurant-status.sweeper.interval}")
    public void sweep() {
        Instant cutoff = clock.instant().minus(after);
        try {
            for (Command command : commands.queuedBefore(cutoff)) {
                if (commands.claimStranded(command.id(), cutoff)) {
                    sender.send(command);
                    requeued.increment();
                    log.warn("Command {} was still Queued after {}: its message was sent again", command.id(), after);
                }
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("Sweep for stranded commands stopped; the next one tries again: {}", e.toString());
        }
    }
}
