package dev.justsaying.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The auto-batcher: a batch leaves when full, by count or by bytes; closing hands on what it holds. */
class WhenEntriesLingerForABatch {

    private final Map<String, List<List<String>>> sent = new ConcurrentHashMap<>();
    private final LingeringBatcher<String, String> batcher = new LingeringBatcher<>(
            AutoBatching.defaults().withLinger(Duration.ofSeconds(1)), 3, 100, String::length,
            (key, entries) -> sent.computeIfAbsent(key, ignored -> new CopyOnWriteArrayList<>()).add(entries));

    @Test
    void aBatchLeavesAsSoonAsItHoldsTheMostEntries() {
        batcher.offer("queue-a", "1");
        batcher.offer("queue-b", "x");
        batcher.offer("queue-a", "2");
        batcher.offer("queue-a", "3");

        assertThat(sent).containsOnlyKeys("queue-a");
        assertThat(sent.get("queue-a")).containsExactly(List.of("1", "2", "3"));
    }

    @Test
    void aBatchLeavesAsSoonAsItHoldsTheMostBytes() {
        batcher.offer("queue-a", "a".repeat(60));
        batcher.offer("queue-a", "b".repeat(40));

        assertThat(sent.get("queue-a")).containsExactly(List.of("a".repeat(60), "b".repeat(40)));
    }

    @Test
    void closingHandsOnWhatItHoldsAndTakesNoMore() {
        batcher.offer("queue-a", "1");
        batcher.offer("queue-b", "2");

        batcher.close();

        assertThat(sent).containsOnlyKeys("queue-a", "queue-b");
        assertThat(sent.get("queue-a")).containsExactly(List.of("1"));
        assertThat(batcher.offer("queue-a", "3")).isEqualTo(LingeringBatcher.Offer.CLOSED);
        assertThat(sent.get("queue-a")).hasSize(1);
    }
}
