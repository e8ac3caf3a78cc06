package dev.justsaying.handle.lock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.justbehave.Then;
import dev.justsaying.handle.HandleResult;
import java.util.concurrent.CompletionStage;

class AndTheyComeThroughTwoRegionsOneAfterTheOther extends WhenCopiesOfOneMessageReachAnExactlyOnceHandler {

    private HandleResult fromTheFirstRegion;
    private HandleResult fromTheSecondRegion;

    @Override
    protected CompletionStage<?> when() {
        return systemUnderTest().handle(message.copy("sqs-west-1", "eu-west-1"), succeedingHandler)
                .thenAccept(result -> fromTheFirstRegion = result)
                .thenCompose(ignored -> systemUnderTest()
                        .handle(message.copy("sqs-central-1", "eu-central-1"), succeedingHandler))
                .thenAccept(result -> fromTheSecondRegion = result);
    }

    @Then
    void theHandlerRunsOnce() {
        assertThat(handlerCalls).hasValue(1);
    }

    @Then
    void bothCopiesSucceedSoBothAreDeleted() {
        assertThat(fromTheFirstRegion.isSuccess()).isTrue();
        assertThat(fromTheSecondRegion.isSuccess()).isTrue();
    }
}
