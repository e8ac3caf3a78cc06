package dev.justsaying.handle;

import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each message's outcome: successes at DEBUG, failures at WARN with the reason and receive count. Message
 * bodies are never logged: they may carry personal data.
 */
public final class LoggingMiddleware implements HandlerMiddleware {

    private static final Logger log = LoggerFactory.getLogger("dev.justsaying.handle");

    @Override
    public CompletionStage<HandleResult> handle(Delivery delivery, Next next) {
        MessageContext context = delivery.context();
        return next.handle(delivery).whenComplete((result, error) -> {
            if (result != null && result.isSuccess()) {
                if (log.isDebugEnabled()) { // spares the argument array on every handled message
                    log.debug("Handled {} {} from {} in {}", context.typeName(), context.messageId(),
                            context.queueName(), context.region());
                }
            } else {
                String reason = result != null ? result.reason().orElse("failed") : HandleResult.describe(error);
                log.warn("Failed to handle {} {} from {} in {} (receive {}): {}", context.typeName(),
                        context.messageId(), context.queueName(), context.region(), context.receiveCount(), reason);
            }
        });
    }

    @Override
    public String toString() {
        return "logging";
    }
}
