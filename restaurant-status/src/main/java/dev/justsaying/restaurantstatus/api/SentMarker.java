package dev.justsaying.restaurantstatus.api;

import dev.justsaying.restaurantstatus.command.CommandStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes commands whose message is on the queue out of the outbox, off the request's path: one thread writes the marks
 * waiting, up to {@code batchSize} in one call ({@link CommandStore#markAllSent}), so under load the marks cost the
 * command store a small fraction of a call per command. When {@code capacity} marks are waiting, a request writes its
 * own. A mark that fails, or is still waiting when the process dies, only means the sweeper sends that command once
 * more (the Worker carries it out once).
 */
final class SentMarker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SentMarker.class);
    /** How long closing waits for the marks still waiting to be written. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    /** How often the thread looks whether it is closed while no mark waits. */
    private static final Duration IDLE_CHECK = Duration.ofMillis(100);

    private final CommandStore commands;
    private final int batchSize;
    private final BlockingQueue<String> waiting;
    private final Thread thread;
    private volatile boolean closed;

    SentMarker(CommandStore commands, int batchSize, int capacity) {
        this.commands = commands;
        this.batchSize = batchSize;
        this.waiting = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::markUntilClosed, "command-sent-marker");
        thread.setDaemon(true);
        thread.start();
    }

    /** The command's message is on the queue: it leaves the outbox soon (at once, here, if too many marks wait). */
    void sent(String commandId) {
        if (closed || !waiting.offer(commandId)) {
            mark(List.of(commandId));
        }
    }

    private void markUntilClosed() {
        List<String> batch = new ArrayList<>(batchSize);
        try {
            while (!closed || !waiting.isEmpty()) {
                String first = waiting.poll(IDLE_CHECK.toMillis(), TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    waiting.drainTo(batch, batchSize - 1);
                    mark(batch);
                    batch.clear();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void mark(List<String> commandIds) {
        try {
            commands.markAllSent(commandIds);
        } catch (RuntimeException e) {
            log.warn("{} queued commands are not marked sent: the sweeper will send them again: {}",
                    commandIds.size(), e.toString());
        }
    }

    /** Writes the marks still waiting, for up to a few seconds; those left are the sweeper's. */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        thread.join(CLOSE_TIMEOUT.toMillis());
    }
}
