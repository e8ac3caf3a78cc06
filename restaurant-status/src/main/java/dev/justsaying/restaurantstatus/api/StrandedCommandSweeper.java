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
 * Sends the message of every command recorded more than {@code restaurant-status.sweeper.after} ago whose message is
 * not known to be on the queue: the API records a command, sends its message, then marks it sent, so an API process
 * killed in between leaves a record with no message (or a message not marked sent). Such commands are found through
 * the command store's sparse index of unsent commands (an outbox), claimed (one process sends each), and sent. The
 * Worker carries out a command once however many messages it gets.
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
            for (Command command : commands.unsentBefore(cutoff)) {
                if (commands.claimStranded(command.id(), cutoff)) {
                    sender.send(command);
                    requeued.increment();
                    log.warn("Command {} was recorded more than {} ago and never marked sent: its message was sent",
                            command.id(), after);
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
