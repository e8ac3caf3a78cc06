package dev.justsaying.monitoring;

import dev.justsaying.MessagingBus;
import dev.justsaying.handle.ExponentialBackoff;
import dev.justsaying.localaws.LocalAws;
import java.time.Duration;

/** A bus on a local cloud with short receive waits and a short backoff, so the monitoring tests move quickly. */
final class LocalBus {

    private LocalBus() {
    }

    /** A builder in the primary region with the local cloud's clients; receive waits of 1 s, backoff 0.5 s. */
    static MessagingBus.Builder on(LocalAws aws) {
        return MessagingBus.builder()
                .messaging(m -> m.inRegion(aws.primaryRegion().name()))
                .client(c -> c.withClients(region -> aws.region(region).sqsAsyncClient(),
                        region -> aws.region(region).snsAsyncClient()))
                .subscriptions(s -> s.withDefaults(g -> g.receiveWait(Duration.ofSeconds(1))))
                .handlers(h -> h.withBackoff(ExponentialBackoff.of(Duration.ofMillis(500), 1.0, Duration.ofMillis(500))));
    }
}
