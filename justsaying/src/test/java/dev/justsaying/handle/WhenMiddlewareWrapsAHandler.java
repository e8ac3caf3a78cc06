package dev.justsaying.handle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.justbehave.BehaviourTest;
import dev.justbehave.Then;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

class WhenMiddlewareWrapsAHandler extends BehaviourTest<HandlerPipeline> {

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private HandleResult result;

    @Override
    protected HandlerPipeline createSystemUnderTest() {
        return HandlerPipeline.of(List.of(recording("outer"), recording("inner")), delivery -> {
            calls.add("handler");
            return CompletableFuture.completedFuture(HandleResult.success());
        });
    }

    private HandlerMiddleware recording(String name) {
        return (delivery, next) -> {
            calls.add(name + " before");
            return next.handle(delivery).whenComplete((r, e) -> calls.add(name + " after"));
        };
    }

    @Override
    protected void when() {
        result = systemUnderTest().handle(Deliveries.of("order", 1)).toCompletableFuture().join();
    }

    @Then
    void eachLayerRunsAroundTheOnesInsideIt() {
        assertThat(calls).containsExactly("outer before", "inner before", "handler", "inner after", "outer after");
    }

    @Then
    void theHandlersResultComesOut() {
        assertThat(result.isSuccess()).isTrue();
    }
}
