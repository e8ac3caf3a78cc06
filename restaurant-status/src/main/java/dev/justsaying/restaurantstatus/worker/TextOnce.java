package dev.justsaying.restaurantstatus.worker;

import dev.justsaying.restaurantstatus.command.Command;
import dev.justsaying.restaurantstatus.restaurant.Restaurant;
import java.time.Duration;

/**
 * Texts each restaurant of a command at most once, even when a Worker dies between Twilio accepting a text and the
 * command store recording it. The write that starts a try records its intent (the restaurants it may text, see
 * {@code CommandStore.Attempt}) before anything is sent, and the write that ends the try records the restaurants it
 * texted. A later try that finds a restaurant intended but not recorded as texted does not know whether that text
 * went out, so it asks Twilio's message log and sends only if the text is not there.
 */
final class TextOnce {

    /** How far our clock and Twilio's may disagree; the log is searched back to the command's creation minus this. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private final SmsSender sms;

    TextOnce(SmsSender sms) {
        this.sms = sms;
    }

    /**
     * Texts the restaurant unless an earlier try of the command may have done so and Twilio's log shows it did;
     * returns whether a text was sent now. Either way the restaurant is texted once this returns: the caller
     * records it with the try's end.
     */
    boolean text(Command command, Restaurant restaurant) {
        String text = SmsSender.statusChangeText(restaurant, command.reason());
        boolean outcomeUnknown = command.smsIntended().contains(restaurant.id());
        boolean send = !(outcomeUnknown
                && sms.alreadySent(restaurant.phone(), text, command.createdAt().minus(CLOCK_SKEW)));
        if (send) {
            sms.send(restaurant.phone(), text);
        }
        return send;
    }
}
