package dev.justsaying.handle;

import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.slf4j.MDC;

/**
 * Puts the message's identity in the SLF4J MDC ({@code messageId}, {@code messageType}, {@code queue},
 * {@code region}, and {@code conversation} when the message has one) for the code the inner layers run on this
 * thread, and makes the message's context current for publishes made while handling it (see
 * {@link CurrentMessage}). Handler code running on other threads should copy what it needs.
 */
public final class ContextMiddleware implements HandlerMiddleware {

    @Override
    public CompletionStage<HandleResult> handle(Delivery delivery, Next next) {
        MessageContext context = delivery.context();
        Map<String, String> previous = MDC.getCopyOfContextMap();
        MDC.put("messageId", context.messageId());
        MDC.put("messageType", context.typeName());
        MDC.put("queue", context.queueName());
        MDC.put("region", context.region());
        if (context.metadata().conversation() != null) {
            MDC.put("conversation", context.metadata().conversation());
        }
        try (CurrentMessage.Scope ignored = CurrentMessage.enter(context)) {
            return next.handle(delivery);
        } finally {
            if (previous == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(previous);
            }
        }
    }

    @Override
    public String toString() {
        return "context";
    }
}
