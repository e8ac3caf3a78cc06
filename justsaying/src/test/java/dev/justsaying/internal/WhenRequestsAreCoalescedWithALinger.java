package dev.justsaying.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Full batches leave at once; a partial one waits for the linger; every request gets its own result. */
class WhenRequestsAreCoalescedWithALinger {

    private final List<List<Integer>> sent = Collections.synchronizedList(new ArrayList<>());

    private CompletableFuture<List<String>> echo(List<Integer> batch) {
        sent.add(List.copyOf(batch));
        return CompletableFuture.completedFuture(batch.stream().map(i -> "r" + i).toList());
    }

    @Test
    void fullBatchesLeaveAtOnceAndTheRestWaitsForTheLinger() {
        Coalescer<Integer, String> coalescer = new Coalescer<>(10, 4, Duration.ofHours(1), this::echo);

        List<CompletableFuture<String>> results = IntStream.range(0, 25).mapToObj(coalescer::submit).toList();

        assertThat(sent).extracting(List::size).containsExactly(10, 10);
        assertThat(results.subList(0, 20)).allMatch(CompletableFuture::isDone);
        assertThat(results.subList(20, 25)).noneMatch(CompletableFuture::isDone);
    }

    @Test
    void aPartialBatchLeavesAfterTheLingerWithEachRequestsOwnResult() {
        Coalescer<Integer, String> coalescer = new Coalescer<>(10, 4, Duration.ofMillis(20), this::echo);

        List<CompletableFuture<String>> results = IntStream.range(0, 25).mapToObj(coalescer::submit).toList();

        await().atMost(Duration.ofSeconds(30)).until(() -> results.stream().allMatch(CompletableFuture::isDone));
        assertThat(sent).extracting(List::size).containsExactly(10, 10, 5);
        assertThat(results).extracting(CompletableFuture::join)
                .containsExactlyElementsOf(IntStream.range(0, 25).mapToObj(i -> "r" + i).toList());
    }

    @Test
    void aRequestSubmittedNowLeavesAtOnceWithWhatWasWaiting() {
        Coalescer<Integer, String> coalescer = new Coalescer<>(10, 4, Duration.ofHours(1), this::echo);
        CompletableFuture<String> lingering = coalescer.submit(1);

        CompletableFuture<String> urgent = coalescer.submitNow(2);

        assertThat(urgent).isCompletedWithValue("r2");
        assertThat(lingering).isCompletedWithValue("r1");
        assertThat(sent).containsExactly(List.of(1, 2));
    }

    @Test
    void withoutALingerARequestLeavesAtOnce() {
        Coalescer<Integer, String> coalescer = new Coalescer<>(10, 4, this::echo);

        CompletableFuture<String> result = coalescer.submit(7);

        assertThat(result).isCompletedWithValue("r7");
        assertThat(sent).containsExactly(List.of(7));
    }
}
