package dev.justsaying.bench.library;

import dev.justsaying.MessagingBus;
import dev.justsaying.bench.library.LibraryThroughput.BenchMessage;
import dev.justsaying.handle.HandleResult;
import dev.justsaying.subscribe.SubscriptionGroup;
import dev.justsaying.wire.Destination;
import dev.justsaying.wire.MessageMetadata;
import dev.justsaying.wire.MessageSerializer;
import dev.justsaying.wire.MessageWriter;
import dev.justsaying.wire.OutboundMessage;
import dev.justsaying.wire.SdkMessageAttributes;
import dev.justsaying.wire.WireOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Bounded memory under a backlog: a producer keeps a large backlog on the queue (local-aws in its own process) while
 * the bus drains {@code --messages} through a slow handler. The bus must hold no more than its buffer, its
 * concurrency limit and its settling room, however large the backlog: the benchmark samples the messages held (in
 * flight, buffered) and this JVM's heap after each GC, and prints their high-water marks. Run it with a small
 * {@code -Xmx} to prove the point: {@code bench/run -Xmx256m dev.justsaying.bench.library.BoundedMemory}.
 */
@Command(name = "bounded-memory", mixinStandardHelpOptions = true)
public final class BoundedMemory implements Callable<Integer> {

    private static final String QUEUE = "bench-backlog";

    @Option(names = "--messages", description = "messages through the handler (default ${DEFAULT-VALUE})")
    int messages = 1_000_000;

    @Option(names = "--handler-millis", description = "how long the handler takes (default ${DEFAULT-VALUE})")
    int handlerMillis = 20;

    @Option(names = "--concurrency", description = "the group's concurrency limit (default ${DEFAULT-VALUE})")
    int concurrency = 50;

    @Option(names = "--pollers", description = "pollers on the queue (default ${DEFAULT-VALUE})")
    int pollers = 4;

    @Option(names = "--buffer", description = "the group's buffer, messages (default ${DEFAULT-VALUE})")
    int buffer = 40;

    @Option(names = "--backlog", description = "messages the producer keeps ahead of the handler (default ${DEFAULT-VALUE})")
    int backlog = 100_000;

    @Option(names = "--timeout-minutes", description = "give up after (default ${DEFAULT-VALUE})")
    int timeoutMinutes = 20;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BoundedMemory()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        AtomicLong handled = new AtomicLong();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostRunning = new AtomicInteger();
        long start = System.nanoTime();
        String loadBefore = LibraryThroughput.loadAverage();
        long mostHeld = 0;
        long mostBuffered = 0;
        long heapAfterGc = 0;
        long heapPeak;
        try (LocalAwsProcess aws = LocalAwsProcess.start("3g");
             SqsAsyncClient sqs = aws.sqsClient(200, new ExecutionInterceptor() { });
             SnsAsyncClient sns = aws.snsClient()) {
            String url = sqs.createQueue(b -> b.queueName(QUEUE)).join().queueUrl();
            MessagingBus bus = MessagingBus.builder()
                    .messaging(m -> m.inRegion(LocalAwsProcess.REGION))
                    .client(c -> c.withClients(region -> sqs, region -> sns))
                    .subscriptions(s -> s.forQueue(BenchMessage.class, q -> q.queue(QUEUE).group("slow"))
                            .withSubscriptionGroup("slow", g -> g.pollersPerQueue(pollers).bufferSize(buffer)
                                    .concurrencyLimit(concurrency).receiveWait(Duration.ofSeconds(1))))
                    .handlers(h -> h.handle(BenchMessage.class, (message, context) -> {
                        mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                        try {
                            TimeUnit.MILLISECONDS.sleep(handlerMillis);
                        } finally {
                            running.decrementAndGet();
                        }
                        handled.incrementAndGet();
                        return HandleResult.success();
                    }))
                    .build();
            Thread producer = new Thread(() -> produce(sqs, url, handled), "producer");
            producer.setDaemon(true);
            try {
                bus.start().join();
                producer.start();
                SubscriptionGroup group = bus.subscriptionGroup("slow");
                long nextReport = System.nanoTime();
                long deadline = start + TimeUnit.MINUTES.toNanos(timeoutMinutes);
                while (handled.get() < messages) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("only " + handled.get() + " handled in " + timeoutMinutes
                                + " minutes");
                    }
                    int buffered = group.buffered();
                    mostBuffered = Math.max(mostBuffered, buffered);
                    mostHeld = Math.max(mostHeld, buffered + group.concurrencyLimit().inFlight());
                    heapAfterGc = Math.max(heapAfterGc, heapAfterLastGc());
                    if (System.nanoTime() >= nextReport) {
                        System.out.printf(Locale.ROOT, "%5.0f s: %,d handled, %,d in flight, %,d buffered, heap "
                                        + "after GC %.1f MiB, load %s%n", (System.nanoTime() - start) / 1e9,
                                handled.get(), group.concurrencyLimit().inFlight(), buffered,
                                heapAfterLastGc() / 1048576.0, LibraryThroughput.loadAverage());
                        nextReport += TimeUnit.SECONDS.toNanos(30);
                    }
                    TimeUnit.MILLISECONDS.sleep(50);
                }
            } finally {
                producer.interrupt();
                bus.close();
            }
            heapPeak = heapPeak();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%nBounded memory: %,d messages through a %d ms handler, concurrency %d, "
                        + "%d pollers, buffer %d, backlog kept at up to %,d; JDK %s, -Xmx %d MiB%n", messages,
                handlerMillis, concurrency, pollers, buffer, backlog, System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() / 1048576);
        System.out.printf(Locale.ROOT, "took %.0f s (%.0f msg/s), load average %s before, %s after%n", seconds,
                messages / seconds, loadBefore, LibraryThroughput.loadAverage());
        System.out.printf(Locale.ROOT, "most handlers running at once: %d (limit %d)%n", mostRunning.get(), concurrency);
        System.out.printf(Locale.ROOT, "most messages buffered: %d (buffer %d); most buffered + handling: %d%n",
                mostBuffered, buffer, mostHeld);
        System.out.printf(Locale.ROOT, "heap high-water after GC: %.1f MiB; sum of the heap pools' peaks (with garbage): %.1f MiB%n",
                heapAfterGc / 1048576.0, heapPeak / 1048576.0);
        System.out.println("command: bench/run -Xmx" + Runtime.getRuntime().maxMemory() / 1048576 + "m "
                + BoundedMemory.class.getName() + " --messages " + messages + " --handler-millis " + handlerMillis
                + " --concurrency " + concurrency + " --pollers " + pollers + " --buffer " + buffer
                + " --backlog " + backlog);
        return 0;
    }

    /** Sends in batches of ten, eight calls in flight, staying at most {@code backlog} ahead of the handler. */
    private void produce(SqsAsyncClient sqs, String url, AtomicLong handled) {
        MessageWriter writer = new MessageWriter(new MessageSerializer(WireOptions.defaults()));
        Semaphore calls = new Semaphore(8);
        try {
            for (int sent = 0; sent < messages; sent += 10) {
                while (sent - handled.get() >= backlog) {
                    TimeUnit.MILLISECONDS.sleep(20);
                }
                List<SendMessageBatchRequestEntry> entries = new ArrayList<>(10);
                for (int i = 0; i < Math.min(10, messages - sent); i++) {
                    OutboundMessage body = writer.write(new BenchMessage("b-" + (sent + i), sent + i),
                            MessageMetadata.newMessage(), Destination.QUEUE);
                    entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(body.body())
                            .messageAttributes(SdkMessageAttributes.toSqs(body.attributes())).build());
                }
                calls.acquire();
                CompletableFuture<?> call = sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entries));
                call.whenComplete((response, error) -> calls.release());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long heapAfterLastGc() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterGc = pool.getCollectionUsage();
            if (pool.getType() == MemoryType.HEAP && afterGc != null) {
                used += afterGc.getUsed();
            }
        }
        return used;
    }

    private static long heapPeak() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
