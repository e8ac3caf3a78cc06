package dev.justsaying.subscribe;

import dev.justsaying.handle.BatchMessageHandler;
import dev.justsaying.handle.BatchResult;
import dev.justsaying.handle.Delivery;
import dev.justsaying.handle.HandleResult;
import dev.justsaying.handle.HandlerMiddleware;
import dev.justsaying.handle.ReceivedMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The innermost step for a batch handler: each message of the batch comes through the middleware on its own, and
 * when every one has either arrived here or been settled by a middleware before reaching the handler (a duplicate,
 * say), the handler gets the arrivals in one call and each arrival gets its own result.
 */
final class BatchCollector<T> implements HandlerMiddleware.Next {

    private final Class<T> type;
    private final BatchMessageHandler<T> handler;
    private final int expected;
    private final Map<Delivery, CompletableFuture<HandleResult>> arrived = new IdentityHashMap<>();
    private final Map<Delivery, Boolean> left = new IdentityHashMap<>();
    private boolean invoked;

    @SuppressWarnings("unchecked")
    BatchCollector(Class<?> type, BatchMessageHandler<?> handler, int expected) {
        this.type = (Class<T>) type;
        this.handler = (BatchMessageHandler<T>) handler;
        this.expected = expected;
    }

    @Override
    public CompletionStage<HandleResult> handle(Delivery delivery) {
        CompletableFuture<HandleResult> result = new CompletableFuture<>();
        boolean complete;
        synchronized (this) {
            arrived.put(delivery, result);
            complete = readyToInvoke();
        }
        if (complete) {
            invoke();
        }
        return result;
    }

    /** Called when a delivery's outer result is settled; counts it out if it never reached the handler. */
    void leftBeforeTheHandler(Delivery delivery) {
        boolean complete;
        synchronized (this) {
            if (arrived.containsKey(delivery) || left.containsKey(delivery)) {
                return;
            }
            left.put(delivery, Boolean.TRUE);
            complete = readyToInvoke();
        }
        if (complete) {
            invoke();
        }
    }

    private boolean readyToInvoke() {
        if (invoked || arrived.size() + left.size() < expected) {
            return false;
        }
        invoked = true;
        return !arrived.isEmpty();
    }

    private void invoke() {
        List<ReceivedMessage<T>> messages = new ArrayList<>(arrived.size());
        arrived.keySet().forEach(delivery -> messages.add(new ReceivedMessage<>(type.cast(delivery.message()), delivery.context())));
        try {
            BatchResult outcome = handler.handle(List.copyOf(messages));
            BatchResult result = outcome != null ? outcome
                    : BatchResult.withFailures(failAll(HandleResult.failure("the batch handler returned no result")));
            arrived.forEach((delivery, future) -> future.complete(result.resultFor(delivery.context().messageId())));
        } catch (Exception | Error e) {
            arrived.values().forEach(future -> future.completeExceptionally(e));
        }
    }

    private Map<String, HandleResult> failAll(HandleResult failure) {
        Map<String, HandleResult> failures = new HashMap<>();
        arrived.keySet().forEach(delivery -> failures.put(delivery.context().messageId(), failure));
        return failures;
    }
}
