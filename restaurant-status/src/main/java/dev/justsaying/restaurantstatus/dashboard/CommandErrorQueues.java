package dev.justsaying.restaurantstatus.dashboard;

import dev.justsaying.errorqueue.ErrorQueue;
import dev.justsaying.errorqueue.ErrorQueueMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The commands queue's error queue in every region of the bus, looked at and redriven through the library's
 * {@link ErrorQueue} (as {@code ops peek}/{@code ops redrive} do): a peek gives every message straight back, a redrive
 * sends messages to the commands queue of the same region. Closing it closes its clients.
 */
public final class CommandErrorQueues implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CommandErrorQueues.class);

    private final Map<String, SqsClient> sqsByRegion;
    private final String commandsQueue;
    private final String errorQueue;
    private final List<String> regions;

    /**
     * @param sqsByRegion   an SQS client per region (closed by this)
     * @param commandsQueue the commands queue's name
     * @param errorQueue    its error queue's name
     */
    public CommandErrorQueues(Map<String, SqsClient> sqsByRegion, String commandsQueue, String errorQueue) {
        this.sqsByRegion = Map.copyOf(sqsByRegion);
        this.commandsQueue = commandsQueue;
        this.errorQueue = errorQueue;
        this.regions = List.copyOf(sqsByRegion.keySet());
    }

    public String errorQueue() {
        return errorQueue;
    }

    /** Up to {@code max} messages per region, each region on its own: one that cannot be read says why. */
    public List<RegionMessages> peek(int max) {
        List<RegionMessages> all = new ArrayList<>();
        for (String region : regions) {
            SqsClient sqs = sqsByRegion.get(region);
            try {
                String url = sqs.getQueueUrl(r -> r.queueName(errorQueue)).queueUrl();
                all.add(new RegionMessages(region, new ErrorQueue(sqs, url).peek(max), null));
            } catch (SdkException e) {
                log.warn("Could not peek at {} in {}: {}", errorQueue, region, e.getMessage());
                all.add(new RegionMessages(region, List.of(), "cannot be read: " + e.getMessage()));
            }
        }
        return all;
    }

    /** Sends the message with this id (or, without one, every message) back to the commands queue of the region. */
    public Optional<ErrorQueue.Redriven> redrive(String region, Optional<String> messageId) {
        SqsClient sqs = sqsByRegion.get(region);
        if (sqs == null) {
            return Optional.empty();
        }
        ErrorQueue queue = new ErrorQueue(sqs, sqs.getQueueUrl(r -> r.queueName(errorQueue)).queueUrl());
        String target = sqs.getQueueUrl(r -> r.queueName(commandsQueue)).queueUrl();
        ErrorQueue.Redriven redriven = messageId.map(id -> queue.redrive(target, Set.of(id)))
                .orElseGet(() -> queue.redriveAll(target));
        log.info("Redrove {} message(s) from {} to {} in {}", redriven.moved(), errorQueue, commandsQueue, region);
        return Optional.of(redriven);
    }

    @Override
    public void close() {
        sqsByRegion.values().forEach(SqsClient::close);
    }

    /**
     * One region's error-queue messages.
     *
     * @param problem why they could not be read, or null
     */
    public record RegionMessages(String region, List<ErrorQueueMessage> messages, String problem) { }
}
