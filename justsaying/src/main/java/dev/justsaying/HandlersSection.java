package dev.justsaying;

import dev.justsaying.handle.AsyncMessageHandler;
import dev.justsaying.handle.BackoffStrategy;
import dev.justsaying.handle.BatchMessageHandler;
import dev.justsaying.handle.HandlerMiddleware;
import dev.justsaying.handle.MessageHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The {@code handlers} section: one handler per subscribed message type (single, async or batch), the backoff
 * between tries, and middleware of your own, which runs inside the default layers, just around the handler.
 */
public final class HandlersSection {

    private final Map<Class<?>, Registration> handlers = new LinkedHashMap<>();
    private final List<HandlerMiddleware> middleware = new ArrayList<>();
    private BackoffStrategy backoff = BackoffStrategy.exponential();
    private UnaryOperator<List<HandlerMiddleware>> rearrange = UnaryOperator.identity();

    HandlersSection() {
    }

    public <T> HandlersSection handle(Class<T> type, MessageHandler<T> handler) {
        return add(type, new Registration(Kind.SINGLE, Objects.requireNonNull(handler, "handler")));
    }

    public <T> HandlersSection handleAsync(Class<T> type, AsyncMessageHandler<T> handler) {
        return add(type, new Registration(Kind.ASYNC, Objects.requireNonNull(handler, "handler")));
    }

    public <T> HandlersSection handleBatch(Class<T> type, BatchMessageHandler<T> handler) {
        return add(type, new Registration(Kind.BATCH, Objects.requireNonNull(handler, "handler")));
    }

    /** How long a failed message waits before its next try (default: exponential with jitter). */
    public HandlersSection withBackoff(BackoffStrategy strategy) {
        this.backoff = Objects.requireNonNull(strategy, "strategy");
        return this;
    }

    /** Adds a layer just around the handler, inside the defaults (so its failures are handled like the handler's). */
    public HandlersSection withMiddleware(HandlerMiddleware layer) {
        middleware.add(Objects.requireNonNull(layer, "layer"));
        return this;
    }

    /** Replaces or reorders the whole chain (defaults and your own), outermost first. */
    public HandlersSection rearrangeMiddleware(UnaryOperator<List<HandlerMiddleware>> change) {
        this.rearrange = Objects.requireNonNull(change, "change");
        return this;
    }

    private HandlersSection add(Class<?> type, Registration registration) {
        Objects.requireNonNull(type, "type");
        if (handlers.putIfAbsent(type, registration) != null) {
            throw new IllegalArgumentException("two handlers for " + type.getName() + ": a type has one handler");
        }
        return this;
    }

    Map<Class<?>, Registration> handlers() {
        return Map.copyOf(handlers);
    }

    List<HandlerMiddleware> customMiddleware() {
        return List.copyOf(middleware);
    }

    BackoffStrategy backoff() {
        return backoff;
    }

    UnaryOperator<List<HandlerMiddleware>> rearrange() {
        return rearrange;
    }

    enum Kind { SINGLE, ASYNC, BATCH }

    record Registration(Kind kind, Object handler) {
    }
}
