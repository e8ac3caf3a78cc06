package dev.justsaying.handle.lock;

import static org.mockito.ArgumentMatchers.any;

import dev.justbehave.AsyncBehaviourTest;
import dev.justsaying.handle.Delivery;
import dev.justsaying.handle.HandleResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.mockito.Mockito;

/**
 * The decisions of {@link ExactlyOnceMiddleware} against a lock whose answers each context chooses. The handler
 * counts its calls and answers {@link #handlerOutcome}.
 */
abstract class WhenAMessageReachesAnExactlyOnceHandler extends AsyncBehaviourTest<ExactlyOnceMiddleware> {

    protected final Copies message = new Copies();
    protected final Delivery delivery = message.copy("sqs-1", "eu-west-1");
    protected final Lease lease = new Lease(message.key(), "owner-1");
    protected final AtomicInteger handlerCalls = new AtomicInteger();
    protected CompletionStage<HandleResult> handlerOutcome = CompletableFuture.completedFuture(HandleResult.success());
    protected HandleResult result;

    @Override
    protected void given() throws Exception {
        Mockito.when(the(MessageLock.class).markCompleted(any(), any())).thenReturn(CompletableFuture.completedFuture(null));
        Mockito.when(the(MessageLock.class).release(any())).thenReturn(CompletableFuture.completedFuture(null));
    }

    @Override
    protected ExactlyOnceMiddleware createSystemUnderTest() {
        return ExactlyOnceMiddleware.using(the(MessageLock.class));
    }

    @Override
    protected CompletionStage<?> when() {
        return systemUnderTest().handle(delivery, ignored -> {
            handlerCalls.incrementAndGet();
            return handlerOutcome;
        }).thenAccept(handled -> result = handled);
    }

    protected void theLockAnswers(LockAttempt attempt) {
        Mockito.when(the(MessageLock.class).tryAcquire(any(), any()))
                .thenReturn(CompletableFuture.completedFuture(attempt));
    }
}
