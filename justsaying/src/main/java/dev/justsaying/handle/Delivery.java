package dev.justsaying.handle;

import java.util.Objects;

/**
 * A message on its way to its handler, as each {@link HandlerMiddleware} sees it.
 *
 * @param message     the deserialized message
 * @param context     where it came from and what it carries
 * @param handlerName the handler it is for (its class name), so middleware can key state by handler
 */
public record Delivery(Object message, MessageContext context, String handlerName) {

    public Delivery {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(handlerName, "handlerName");
    }
}
