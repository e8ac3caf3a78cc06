package dev.justsaying.handle.lock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.justbehave.Then;
import dev.justsaying.handle.Delivery;
import dev.justsaying.handle.HandleResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

class AndACopyArrivesWhileTheFirstIsBeingHandled extends WhenCopiesOfOneMessageReachAnExactlyOnceHandler {

    private HandleResult first;
    private HandleResult copyWhileTheFirstIsHandled;
    private HandleResult copyWhenItComesBack;

    @Override
    protected CompletionStage<?> when() {
        CompletableFuture<HandleResult> firstHandling = new CompletableFuture<>();
        CompletionStage<HandleResult> handlingFirst = systemUnderTest()
                .handle(message.copy("sqs-west-1", "eu-west-1"), ignored -> {
                    handlerCalls.incrementAndGet();
                    return firstHandling;
                });
        Delivery copy = message.copy("sqs-central-1", "eu-central-1");
        return systemUnderTest().handle(copy, succeedingHandler)
                .thenAccept(result -> copyWhileTheFirstIsHandled = result)
                .thenRun(() -> firstHandling.complete(HandleResult.success()))
                .thenCompose(ignored -> handlingFirst)
                .thenAccept(result -> first = result)
                .thenCompose(ignored -> systemUnderTest().handle(copy, succeedingHandler))
                .thenAccept(result -> copyWhenItComesBack = result);
    }

    @Then
    void theHandlerRunsOnceForTheFirst() {
        assertThat(handlerCalls).hasValue(1);
        assertThat(first.isSuccess()).isTrue();
    }

    @Then
    void theCopyIsDeferredUntilTheFirstConsumersLockWouldRunOut() {
        assertThat(copyWhileTheFirstIsHandled.isSuccess()).isFalse();
        assertThat(copyWhileTheFirstIsHandled.retryDelay()).contains(Duration.ofMinutes(5));
    }

    @Then
    void theCopyIsDeletedWithoutHandlingWhenItComesBack() {
        assertThat(copyWhenItComesBack.isSuccess()).isTrue();
    }
}
