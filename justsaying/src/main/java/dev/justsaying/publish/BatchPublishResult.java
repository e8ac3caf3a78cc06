package dev.justsaying.publish;

import java.util.List;
import java.util.Map;

/**
 * The outcome of a batch publish, by the position of each message in the collection given.
 *
 * @param published the messages AWS accepted
 * @param failed    the messages that failed after their retries, with the reason
 */
public record BatchPublishResult(Map<Integer, PublishResult> published, Map<Integer, String> failed) {

    public BatchPublishResult {
        published = Map.copyOf(published);
        failed = Map.copyOf(failed);
    }

    public boolean allPublished() {
        return failed.isEmpty();
    }

    /** The accepted messages in the order given. */
    public List<PublishResult> publishedInOrder() {
        return published.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList();
    }
}
