package dev.justsaying.bench.load;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * An open-loop HTTP load generator: requests are due at a fixed rate whatever the target does, and each latency is
 * measured from the request's <em>intended</em> send time, so queueing in the target (or in front of it) shows in
 * full instead of being hidden by a client that waits (coordinated omission). At most {@code maxConnections}
 * requests are in flight over HTTP/1.1 keep-alive connections; requests due beyond that wait in a queue, and their
 * wait counts in their latency. Any asynchronous call ({@link Call}) can be driven the same way. Targets are loopback only: this is a tool for local benchmarks, not for hitting
 * other people's servers.
 */
public final class OpenLoopLoad {

    private static final Duration PROGRESS_INTERVAL = Duration.ofMillis(500);

    private final HttpClient client;
    private final int maxConnections;
    private final Duration requestTimeout;

    /**
     * @param maxConnections the most requests in flight at once (so the most connections open)
     * @param requestTimeout how long one request may take before it counts as an error
     */
    public OpenLoopLoad(int maxConnections, Duration requestTimeout) {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1: " + maxConnections);
        }
        this.maxConnections = maxConnections;
        this.requestTimeout = requestTimeout;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(requestTimeout)
                .build();
    }

    /** {@code url} as a URI if its host is 127.0.0.1 or localhost; anything else is refused. */
    public static URI requireLoopback(String url) {
        URI uri = URI.create(url);
        String host = uri.getHost();
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                || !("127.0.0.1".equals(host) || "localhost".equalsIgnoreCase(host))) {
            throw new IllegalArgumentException("only http(s) URLs on 127.0.0.1 or localhost are allowed: " + url);
        }
        return uri;
    }

    /**
     * One operation of a run, for targets other than an HTTP request template (an AWS SDK call, say): starts the
     * {@code index}-th call and completes with {@code null} if it succeeded, or with the kind of failure; a call
     * that completes exceptionally counts by its exception's class. It must time itself out.
     */
    @FunctionalInterface
    public interface Call {
        CompletableFuture<String> start(long index);
    }

    /**
     * Sends {@code ratePerSecond × seconds} requests made from {@code template} to {@code url} on schedule, waits
     * for their answers (up to the request timeout after the last one is due), and shows progress on
     * {@code progress} (an empty stream for none).
     */
    public LoadResult run(String url, RequestTemplate template, int ratePerSecond, int seconds, String label,
                          PrintStream progress) {
        URI base = requireLoopback(url);
        return run(index -> client.sendAsync(template.toRequest(base,
                        1 + ThreadLocalRandom.current().nextInt(template.maxId()), requestTimeout),
                        HttpResponse.BodyHandlers.discarding())
                .thenApply(response -> response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode()),
                ratePerSecond, seconds, label, progress);
    }

    /** The same for any {@link Call}: started on schedule, latency from its intended start, failures by kind. */
    public LoadResult run(Call call, int ratePerSecond, int seconds, String label, PrintStream progress) {
        if (ratePerSecond < 1 || seconds < 1) {
            throw new IllegalArgumentException("rate and seconds must be at least 1");
        }
        Run run = new Run(call, ratePerSecond, seconds);
        ScheduledExecutorService progressTicker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "load-progress");
            thread.setDaemon(true);
            return thread;
        });
        try {
            progressTicker.scheduleAtFixedRate(() -> run.showProgress(label, progress), 0,
                    PROGRESS_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            run.sendOnSchedule();
            run.awaitAnswers();
        } finally {
            progressTicker.shutdownNow();
        }
        run.showProgress(label, progress);
        progress.println();
        return run.result();
    }

    /** One run's schedule, in-flight limit and tallies. */
    private final class Run {
        private final Call call;
        private final int rate;
        private final int seconds;
        private final long scheduled;
        private final Semaphore connections = new Semaphore(maxConnections);
        private final Queue<Long> due = new ConcurrentLinkedQueue<>();
        private final CountDownLatch outstanding;
        private final AtomicBoolean abandoned = new AtomicBoolean();
        private final Histogram latency = new ConcurrentHistogram(3);
        private final List<Histogram> perSecond = new ArrayList<>();
        private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        private final LongAdder succeeded = new LongAdder();
        private final AtomicLong lastAnswerNanos = new AtomicLong();
        private final long startNanos = System.nanoTime();
        private volatile long released;

        Run(Call call, int rate, int seconds) {
            this.call = call;
            this.rate = rate;
            this.seconds = seconds;
            this.scheduled = (long) rate * seconds;
            this.outstanding = new CountDownLatch(Math.toIntExact(scheduled));
            for (int second = 0; second < seconds; second++) {
                perSecond.add(new ConcurrentHistogram(3));
            }
        }

        /** Releases each request at its intended time; never waits for an answer. */
        void sendOnSchedule() {
            lastAnswerNanos.set(startNanos);
            for (long index = 0; index < scheduled; index++) {
                long intended = intendedNanos(index);
                for (long wait = intended - System.nanoTime(); wait > 0; wait = intended - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                due.add(index);
                released = index + 1;
                dispatch();
            }
        }

        private long intendedNanos(long index) {
            return startNanos + index * 1_000_000_000L / rate;
        }

        /** Sends due requests while connections are free; called on release and whenever an answer frees one. */
        private void dispatch() {
            while (!due.isEmpty() && connections.tryAcquire()) {
                Long index = due.poll();
                if (index == null || abandoned.get()) {
                    connections.release();
                    continue;
                }
                send(index);
            }
        }

        private void send(long index) {
            CompletableFuture<String> started;
            try {
                started = call.start(index);
            } catch (RuntimeException e) {
                started = CompletableFuture.failedFuture(e);
            }
            started.whenComplete((failureKind, failure) -> {
                long now = System.nanoTime();
                lastAnswerNanos.accumulateAndGet(now, Math::max);
                if (failure != null) {
                    countError(describe(failure));
                } else if (failureKind == null) {
                    long micros = Math.max(0, (now - intendedNanos(index)) / 1_000);
                    latency.recordValue(micros);
                    perSecond.get((int) (index / rate)).recordValue(micros);
                    succeeded.increment();
                } else {
                    countError(failureKind);
                }
                outstanding.countDown();
                connections.release();
                dispatch();
            });
        }

        private void countError(String kind) {
            errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
        }

        /** Waits for every answer up to the request timeout (plus slack) after the last request was due. */
        void awaitAnswers() {
            long waitMillis = requestTimeout.toMillis() + 5_000;
            try {
                if (!outstanding.await(waitMillis, TimeUnit.MILLISECONDS)) {
                    abandoned.set(true);
                    long missing = outstanding.getCount();
                    errors.computeIfAbsent("unanswered", k -> new LongAdder()).add(missing);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for answers", e);
            }
        }

        void showProgress(String label, PrintStream out) {
            long elapsed = Math.min(seconds, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos));
            int width = 30;
            int filled = (int) (width * elapsed / seconds);
            long answered = scheduled - outstanding.getCount();
            long errorCount = errors.values().stream().mapToLong(LongAdder::sum).sum();
            out.printf(Locale.ROOT, "\r%-22s [%s%s] %3d/%d s  sent %,d  answered %,d  errors %,d  in flight %d ",
                    label, "#".repeat(filled), " ".repeat(width - filled), elapsed, seconds, released, answered,
                    errorCount, maxConnections - connections.availablePermits());
            out.flush();
        }

        LoadResult result() {
            SortedMap<String, Long> counted = new TreeMap<>();
            errors.forEach((kind, count) -> counted.put(kind, count.sum()));
            double elapsedSeconds = (lastAnswerNanos.get() - startNanos) / 1e9;
            return new LoadResult(scheduled, succeeded.sum(), counted, latency.copy(),
                    perSecond.stream().map(Histogram::copy).toList(), elapsedSeconds);
        }
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause.getClass().getSimpleName();
    }
}
