package dev.justsaying.restaurantstatus.worker;

import dev.justsaying.restaurantstatus.command.Command;
import dev.justsaying.restaurantstatus.command.CommandStore;
import dev.justsaying.restaurantstatus.restaurant.Restaurant;
import java.time.Duration;
import java.util.Collection;

/**
 * Texts each restaurant of a command at most once, even when a Worker dies between Twilio accepting a text and the
 * command store recording it. Before a try sends anything it records its intent (the restaurants it is about to
 * text); a later try that finds a restaurant intended but not recorded as texted does not know whether that text
 * went out, so it asks Twilio's message log and sends only if the text is not there.
 */
final class TextOnce {

    /** How far our clock and Twilio's may disagree; the log is searched back to the command's creation minus this. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private final SmsSender sms;
    private final CommandStore commands;

    TextOnce(SmsSender sms, CommandStore commands) {
        this.sms = sms;
        this.commands = commands;
    }

    /** Records, before any of them is texted, that this try is about to text these restaurants. */
    void intend(Command command, Collection<Restaurant> restaurants) {
        commands.recordSmsIntent(command.id(), restaurants.stream().map(Restaurant::id)
                .filter(id -> !command.smsIntended().contains(id)).toList());
    }

    /**
     * Texts the restaurant unless an earlier try of the command already did, and records it as texted; returns
     * whether a text was sent now.
     */
    boolean text(Command command, Restaurant restaurant) {
        String text = SmsSender.statusChangeText(restaurant, command.reason());
        boolean outcomeUnknown = command.smsIntended().contains(restaurant.id());
        boolean send = !(outcomeUnknown
                && sms.alreadySent(restaurant.phone(), text, command.createdAt().minus(CLOCK_SKEW)));
        if (send) {
            sms.send(restaurant.phone(), text);
        }
        commands.recordTexted(command.id(), restaurant.id());
        return send;
    }
}
