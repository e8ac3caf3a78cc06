package dev.justsaying.publish;

import dev.justsaying.internal.LibraryTimer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.function.BiConsumer;
import java.util.function.ToIntFunction;

/**
 * Gathers entries by key into batches and hands each batch on when it holds {@code maxEntries} entries or
 * {@code maxBytes}, or when its first entry has waited the linger — whichever comes first. It holds no thread of
 * its own: lingering batches leave from the library's {@link LibraryTimer}, and a batch that fills cancels its timer.
 * Once closed, it hands on what it holds and takes no more.
 *
 * @param <K> what entries must share to go in one batch
 * @param <E> an entry
 */
final class LingeringBatcher<K, E> {

    /** What became of an offered entry. */
    enum Offer { QUEUED, CLOSED }

    private final int maxEntries;
    private final int maxBytes;
    private final ToIntFunction<E> sizeOf;
    private final BiConsumer<K, List<E>> send;
    private final Duration linger;
    private final Map<K, Batch<E>> open = new HashMap<>();
    private boolean closed;

    LingeringBatcher(AutoBatching settings, int maxEntries, int maxBytes, ToIntFunction<E> sizeOf,
                     BiConsumer<K, List<E>> send) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.sizeOf = sizeOf;
        this.send = send;
        this.linger = settings.linger();
    }

    /** Adds an entry to its key's batch, which leaves at once if that filled it. */
    Offer offer(K key, E entry) {
        List<E> full = null;
        synchronized (this) {
            if (closed) {
                return Offer.CLOSED;
            }
            Batch<E> batch = open.get(key);
            if (batch == null) {
                batch = new Batch<>();
                open.put(key, batch);
                Batch<E> lingering = batch;
                batch.timer = LibraryTimer.schedule(() -> sendIfStillOpen(key, lingering), linger);
            }
            batch.entries.add(entry);
            batch.bytes += sizeOf.applyAsInt(entry);
            if (batch.entries.size() >= maxEntries || batch.bytes >= maxBytes) {
                open.remove(key);
                batch.timer.cancel(false);
                full = batch.entries;
            }
        }
        if (full != null) {
            send.accept(key, full);
        }
        return Offer.QUEUED;
    }

    /** Hands on every batch held now and takes no more entries. */
    void close() {
        Map<K, Batch<E>> left;
        synchronized (this) {
            closed = true;
            left = new HashMap<>(open);
            open.clear();
        }
        left.forEach((key, batch) -> send.accept(key, batch.entries));
    }

    private void sendIfStillOpen(K key, Batch<E> batch) {
        synchronized (this) {
            if (!open.remove(key, batch)) {
                return;
            }
        }
        send.accept(key, batch.entries);
    }

    private static final class Batch<E> {
        private final List<E> entries = new ArrayList<>();
        private int bytes;
        private ScheduledFuture<?> timer;
    }
}
