package dev.justsaying.bench.library;

import dev.justsaying.MessagingBus;
import dev.justsaying.handle.HandleResult;
import dev.justsaying.localaws.LocalAws;
import dev.justsaying.publish.AutoBatching;
import dev.justsaying.subscribe.SubscriptionGroup;
import dev.justsaying.wire.Destination;
import dev.justsaying.wire.MessageMetadata;
import dev.justsaying.wire.MessageSerializer;
import dev.justsaying.wire.MessageWriter;
import dev.justsaying.wire.OutboundMessage;
import dev.justsaying.wire.SdkMessageAttributes;
import dev.justsaying.wire.WireOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The library's throughput against the raw SDK on one local cloud, in one JVM: consuming (the bus with N pollers
 * and a no-op handler vs N raw receive(10) + DeleteMessageBatch loops) and publishing (single publishes through the
 * auto-batching publisher, and without it, vs a raw SendMessageBatch loop, the same number of messages in flight).
 * Warms up, then
 * repeats with the contenders alternating so drift hits both; prints a table.
 */
@Command(name = "library-throughput", mixinStandardHelpOptions = true)
public final class LibraryThroughput implements Callable<Integer> {

    private static final String CONSUME_QUEUE = "bench-consume";
    private static final String PUBLISH_QUEUE = "bench-publish";

    @Option(names = "--messages", description = "messages per run (default ${DEFAULT-VALUE})")
    int messages = 30_000;

    @Option(names = "--pollers", description = "receive loops on the queue, both contenders (default ${DEFAULT-VALUE})")
    int pollers = 4;

    @Option(names = "--in-flight", description = "messages being published at once, both contenders (default ${DEFAULT-VALUE})")
    int inFlight = 80;

    @Option(names = "--repeats", description = "measured runs per contender after the warm-up (default ${DEFAULT-VALUE})")
    int repeats = 2;

    /** A message for the bus to consume and publish. */
    public record BenchMessage(String id, int sequence) {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new LibraryThroughput()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<String> rows = new ArrayList<>();
        AtomicLong handled = new AtomicLong();
        try (LocalAws aws = LocalAws.builder().regions("eu-west-1").withoutDynamoDb().start()) {
            SqsAsyncClient sqs = aws.primaryRegion().sqsAsyncClient();
            MessagingBus bus = MessagingBus.builder()
                    .messaging(m -> m.inRegion("eu-west-1"))
                    .client(c -> c.withClients(region -> aws.region(region).sqsAsyncClient(),
                            region -> aws.region(region).snsAsyncClient()))
                    .publications(p -> p.withQueue(BenchMessage.class, q -> q.queue(PUBLISH_QUEUE))
                            .withAutoBatching(AutoBatching.defaults()))
                    .subscriptions(s -> s.forQueue(BenchMessage.class, q -> q.queue(CONSUME_QUEUE).group("bench"))
                            .withSubscriptionGroup("bench", g -> g.pollersPerQueue(pollers).bufferSize(10 * pollers)
                                    .concurrencyLimit(64).receiveWait(Duration.ofSeconds(1))))
                    .handlers(h -> h.handle(BenchMessage.class, (message, context) -> {
                        handled.incrementAndGet();
                        return HandleResult.success();
                    }))
                    .build();
            MessagingBus unbatched = MessagingBus.builder()
                    .messaging(m -> m.inRegion("eu-west-1"))
                    .client(c -> c.withClients(region -> aws.region(region).sqsAsyncClient(),
                            region -> aws.region(region).snsAsyncClient()))
                    .publications(p -> p.withQueue(BenchMessage.class, q -> q.queue(PUBLISH_QUEUE)))
                    .build();
            try {
                bus.start().join();
                unbatched.start().join();
                SubscriptionGroup group = bus.subscriptionGroup("bench");
                pause(group);
                String consumeUrl = sqs.getQueueUrl(b -> b.queueName(CONSUME_QUEUE)).join().queueUrl();
                String publishUrl = sqs.getQueueUrl(b -> b.queueName(PUBLISH_QUEUE)).join().queueUrl();
                List<OutboundMessage> bodies = bodies();
                for (int run = 0; run <= repeats; run++) {
                    String label = run == 0 ? "warm-up" : "run " + run;
                    fill(sqs, consumeUrl, bodies);
                    rows.add(row("consume", "bus, " + pollers + " pollers", label,
                            time(() -> consumeWithBus(group, handled))));
                    fill(sqs, consumeUrl, bodies);
                    rows.add(row("consume", "raw receive(10)+DeleteMessageBatch x" + pollers, label,
                            time(() -> consumeRaw(sqs, consumeUrl))));
                    rows.add(row("publish", "bus auto-batching, " + inFlight + " in flight", label,
                            time(() -> publishWithBus(bus))));
                    sqs.purgeQueue(b -> b.queueUrl(publishUrl)).join();
                    rows.add(row("publish", "bus one SendMessage each, " + inFlight + " in flight", label,
                            time(() -> publishWithBus(unbatched))));
                    sqs.purgeQueue(b -> b.queueUrl(publishUrl)).join();
                    rows.add(row("publish", "raw SendMessageBatch, " + inFlight / 10 + " calls in flight", label,
                            time(() -> publishRaw(sqs, publishUrl, bodies))));
                    sqs.purgeQueue(b -> b.queueUrl(publishUrl)).join();
                }
            } finally {
                unbatched.close();
                bus.close();
            }
        }
        System.out.printf("%nLibrary throughput, %d messages per run, JDK %s, %d cores%n", messages,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        System.out.printf("%-8s | %-42s | %-7s | %8s | %8s%n", "what", "contender", "run", "seconds", "msg/s");
        rows.forEach(System.out::println);
        System.out.println("command: bench/run " + LibraryThroughput.class.getName() + " --messages " + messages + " --pollers " + pollers
                + " --in-flight " + inFlight + " --repeats " + repeats);
        return 0;
    }

    private String row(String what, String contender, String run, long nanos) {
        double seconds = nanos / 1e9;
        return String.format(Locale.ROOT, "%-8s | %-42s | %-7s | %8.2f | %8.0f", what, contender, run, seconds,
                messages / seconds);
    }

    private static long time(Runnable run) {
        long start = System.nanoTime();
        run.run();
        return System.nanoTime() - start;
    }

    private List<OutboundMessage> bodies() {
        MessageWriter writer = new MessageWriter(new MessageSerializer(WireOptions.defaults()));
        List<OutboundMessage> bodies = new ArrayList<>(messages);
        for (int i = 0; i < messages; i++) {
            bodies.add(writer.write(new BenchMessage("m-" + i, i), MessageMetadata.newMessage(), Destination.QUEUE));
        }
        return bodies;
    }

    /** Puts the messages on the queue with SendMessageBatch, eight calls in flight. */
    private static void fill(SqsAsyncClient sqs, String url, List<OutboundMessage> bodies) {
        sendBatches(sqs, url, bodies, 8);
    }

    private static void sendBatches(SqsAsyncClient sqs, String url, List<OutboundMessage> bodies, int callsInFlight) {
        Semaphore calls = new Semaphore(callsInFlight);
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (int from = 0; from < bodies.size(); from += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>(10);
            for (int i = from; i < Math.min(from + 10, bodies.size()); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i - from))
                        .messageBody(bodies.get(i).body())
                        .messageAttributes(SdkMessageAttributes.toSqs(bodies.get(i).attributes())).build());
            }
            calls.acquireUninterruptibly();
            sent.add(sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entries))
                    .whenComplete((response, error) -> calls.release()));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
    }

    private void consumeWithBus(SubscriptionGroup group, AtomicLong handled) {
        handled.set(0);
        group.resume();
        waitFor(handled::get);
        pause(group);
    }

    /**
     * {@code pollers} loops, each: receive up to 10, delete them in one batch call (not awaited), receive again.
     * Returns once every loop has ended, so none takes messages meant for the next run.
     */
    private void consumeRaw(SqsAsyncClient sqs, String url) {
        AtomicLong deleted = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger loops = new AtomicInteger(pollers);
        for (int i = 0; i < pollers; i++) {
            receiveLoop(sqs, url, deleted, running, loops);
        }
        waitFor(deleted::get);
        running.set(false);
        while (loops.get() > 0) {
            sleepBriefly();
        }
    }

    private void receiveLoop(SqsAsyncClient sqs, String url, AtomicLong deleted, AtomicBoolean running,
                             AtomicInteger loops) {
        if (!running.get()) {
            loops.decrementAndGet();
            return;
        }
        sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).whenComplete((response, error) -> {
            if (error == null && !response.messages().isEmpty()) {
                List<Message> received = response.messages();
                List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(received.size());
                for (int i = 0; i < received.size(); i++) {
                    entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                            .receiptHandle(received.get(i).receiptHandle()).build());
                }
                sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(entries))
                        .thenAccept(deletion -> deleted.addAndGet(deletion.successful().size()));
            }
            receiveLoop(sqs, url, deleted, running, loops);
        });
    }

    /** Single publishes, at most {@code inFlight} at once, through the bus's publisher. */
    private void publishWithBus(MessagingBus bus) {
        Semaphore window = new Semaphore(inFlight);
        AtomicLong done = new AtomicLong();
        for (int i = 0; i < messages; i++) {
            window.acquireUninterruptibly();
            bus.publisher().publish(new BenchMessage("p-" + i, i)).whenComplete((result, error) -> {
                done.incrementAndGet();
                window.release();
            });
        }
        waitFor(done::get);
    }

    private void publishRaw(SqsAsyncClient sqs, String url, List<OutboundMessage> bodies) {
        sendBatches(sqs, url, bodies, inFlight / 10);
    }

    private void waitFor(LongSupplier count) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (count.getAsLong() < messages) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + count.getAsLong() + " of " + messages + " in 10 minutes");
            }
            sleepBriefly();
        }
    }

    private static void pause(SubscriptionGroup group) {
        group.pause();
        while (group.isReceiving()) {
            sleepBriefly();
        }
    }

    /** The benchmark's own polling of its counters: 5 ms, short beside runs of seconds. */
    private static void sleepBriefly() {
        try {
            TimeUnit.MILLISECONDS.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
