package dev.justsaying.subscribe;

import dev.justsaying.handle.AsyncMessageHandler;
import dev.justsaying.handle.BatchMessageHandler;
import dev.justsaying.handle.Delivery;
import dev.justsaying.handle.HandleResult;
import dev.justsaying.handle.HandlerMiddleware;
import dev.justsaying.handle.HandlerPipeline;
import dev.justsaying.handle.MessageHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A message type bound to its handler on a queue, with the middleware that runs around it. Single handlers see one
 * message per call; a batch handler sees the messages of one type that one receive brought.
 */
public final class HandlerBinding {

    private final Class<?> messageType;
    private final String typeName;
    private final String handlerName;
    private final List<HandlerMiddleware> middleware;
    /** The middleware around a single handler, folded once; null for a batch handler. */
    private final HandlerPipeline single;
    private final BatchMessageHandler<?> batch;

    private HandlerBinding(Class<?> messageType, String typeName, Object handler, List<HandlerMiddleware> middleware,
                           HandlerMiddleware.Next single, BatchMessageHandler<?> batch) {
        this.messageType = Objects.requireNonNull(messageType, "messageType");
        this.typeName = Objects.requireNonNull(typeName, "typeName");
        this.handlerName = stableName(handler.getClass().getName());
        this.middleware = List.copyOf(middleware);
        this.single = single == null ? null : HandlerPipeline.of(this.middleware, single);
        this.batch = batch;
    }

    /** A blocking handler, run on a handler thread. */
    public static <T> HandlerBinding of(Class<T> type, String typeName, MessageHandler<T> handler,
                                        List<HandlerMiddleware> middleware) {
        Objects.requireNonNull(handler, "handler");
        HandlerMiddleware.Next call = delivery -> {
            try {
                return CompletableFuture.completedFuture(handler.handle(type.cast(delivery.message()), delivery.context()));
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        };
        return new HandlerBinding(type, typeName, handler, middleware, call, null);
    }

    /** A non-blocking handler. */
    public static <T> HandlerBinding ofAsync(Class<T> type, String typeName, AsyncMessageHandler<T> handler,
                                             List<HandlerMiddleware> middleware) {
        Objects.requireNonNull(handler, "handler");
        HandlerMiddleware.Next call = delivery -> handler.handle(type.cast(delivery.message()), delivery.context());
        return new HandlerBinding(type, typeName, handler, middleware, call, null);
    }

    /** A batch handler. */
    public static <T> HandlerBinding ofBatch(Class<T> type, String typeName, BatchMessageHandler<T> handler,
                                             List<HandlerMiddleware> middleware) {
        Objects.requireNonNull(handler, "handler");
        return new HandlerBinding(type, typeName, handler, middleware, null, handler);
    }

    /**
     * The handler's class name, without the per-JVM suffix a lambda's class carries ({@code $$Lambda/0x…}), so logs,
     * metrics and lock keys name the same handler the same way in every process.
     */
    static String stableName(String name) {
        int lambda = name.indexOf("$$Lambda");
        return lambda < 0 ? name : name.substring(0, lambda) + "$$Lambda";
    }

    public Class<?> messageType() {
        return messageType;
    }

    public String typeName() {
        return typeName;
    }

    public String handlerName() {
        return handlerName;
    }

    public boolean isBatch() {
        return batch != null;
    }

    /** The middleware around the handler, outermost first. */
    public List<HandlerMiddleware> middleware() {
        return middleware;
    }

    /** Runs the middleware and the handler for each delivery; one result per delivery, in order. */
    List<CompletionStage<HandleResult>> handle(List<Delivery> deliveries) {
        List<CompletionStage<HandleResult>> results = new ArrayList<>(deliveries.size());
        if (batch == null) {
            deliveries.forEach(delivery -> results.add(single.handle(delivery)));
            return results;
        }
        BatchCollector<?> collector = new BatchCollector<>(messageType, batch, deliveries.size());
        HandlerPipeline pipeline = HandlerPipeline.of(middleware, collector);
        for (Delivery delivery : deliveries) {
            CompletionStage<HandleResult> result = pipeline.handle(delivery);
            result.whenComplete((ignored, error) -> collector.leftBeforeTheHandler(delivery));
            results.add(result);
        }
        return results;
    }

    @Override
    public String toString() {
        return typeName + " → " + handlerName + (isBatch() ? " (batch)" : "") + " via " + middleware;
    }
}
