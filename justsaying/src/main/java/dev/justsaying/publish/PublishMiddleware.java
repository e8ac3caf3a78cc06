package dev.justsaying.publish;

import java.util.concurrent.CompletableFuture;

/**
 * One layer around publishing, the publishing twin of {@code HandlerMiddleware}: it may change the outgoing message
 * (add an attribute, set the conversation), act before and after the layers inside, or refuse to publish. Layers
 * nest in the order configured, outermost first, around the built-in retry and send. For a batch, each message
 * passes through the layers on its own, and the layers' inner call completes when its batch entry is published.
 */
@FunctionalInterface
public interface PublishMiddleware {

    CompletableFuture<PublishResult> publish(OutgoingMessage message, Next next);

    /** The layers inside this one, ending with the send. */
    @FunctionalInterface
    interface Next {
        CompletableFuture<PublishResult> publish(OutgoingMessage message);
    }
}
