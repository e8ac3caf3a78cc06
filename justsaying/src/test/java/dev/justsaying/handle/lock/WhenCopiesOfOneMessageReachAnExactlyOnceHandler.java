package dev.justsaying.handle.lock;

import dev.justbehave.AsyncBehaviourTest;
import dev.justbehave.MutableClock;
import dev.justsaying.handle.HandleResult;
import dev.justsaying.handle.HandlerMiddleware;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Copies of one message (one JustSaying Id, different SQS ids and regions) through the middleware on a real lock,
 * whose clock stands still.
 */
abstract class WhenCopiesOfOneMessageReachAnExactlyOnceHandler extends AsyncBehaviourTest<ExactlyOnceMiddleware> {

    protected final Copies message = new Copies();
    protected final AtomicInteger handlerCalls = new AtomicInteger();
    protected final HandlerMiddleware.Next succeedingHandler = ignored -> {
        handlerCalls.incrementAndGet();
        return CompletableFuture.completedFuture(HandleResult.success());
    };

    @Override
    protected ExactlyOnceMiddleware createSystemUnderTest() {
        return ExactlyOnceMiddleware.using(new InMemoryMessageLock(MutableClock.at(Instant.parse("2026-01-01T00:00:00Z")), 100));
    }
}
