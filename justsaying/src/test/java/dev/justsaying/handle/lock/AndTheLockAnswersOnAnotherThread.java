package dev.justsaying.handle.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;

import dev.justbehave.AsyncBehaviourTest;
import dev.justbehave.Then;
import dev.justsaying.handle.CurrentMessage;
import dev.justsaying.handle.Delivery;
import dev.justsaying.handle.HandleResult;
import dev.justsaying.handle.MessageContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.mockito.Mockito;

/**
 * A lock client answers on its own threads (the AWS SDK's, say); a blocking handler must still run on the bus's
 * handler thread, with the message context the outer layers made current there.
 */
class AndTheLockAnswersOnAnotherThread extends AsyncBehaviourTest<ExactlyOnceMiddleware> {

    private final Delivery delivery = new Copies().copy("sqs-1", "eu-west-1");
    private Thread callingThread;
    private Thread handlerThread;
    private MessageContext currentInTheHandler;

    @Override
    protected void given() {
        Lease lease = new Lease(ExactlyOnceMiddleware.keyOf(delivery), "owner-1");
        Mockito.when(the(MessageLock.class).tryAcquire(any(), any())).thenReturn(CompletableFuture.supplyAsync(
                () -> LockAttempt.acquired(lease), CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS)));
        Mockito.when(the(MessageLock.class).markCompleted(any(), any())).thenReturn(CompletableFuture.completedFuture(null));
    }

    @Override
    protected ExactlyOnceMiddleware createSystemUnderTest() {
        return ExactlyOnceMiddleware.using(the(MessageLock.class));
    }

    @Override
    protected CompletionStage<?> when() {
        callingThread = Thread.currentThread();
        try (CurrentMessage.Scope ignored = CurrentMessage.enter(delivery.context())) {
            return systemUnderTest().handle(delivery, handled -> {
                handlerThread = Thread.currentThread();
                currentInTheHandler = CurrentMessage.context().orElse(null);
                return CompletableFuture.completedFuture(HandleResult.success());
            });
        }
    }

    @Then
    void theHandlerRunsOnTheThreadThatCalledTheMiddleware() {
        assertThat(handlerThread).isSameAs(callingThread);
    }

    @Then
    void theHandlerSeesTheMessageContextOfThatThread() {
        assertThat(currentInTheHandler).isSameAs(delivery.context());
    }
}
