package dev.justsaying.bench.library;

import com.sun.management.OperatingSystemMXBean;
import dev.justsaying.MessagingBus;
import dev.justsaying.handle.HandleResult;
import dev.justsaying.publish.AutoBatching;
import dev.justsaying.subscribe.SubscriptionGroup;
import dev.justsaying.wire.Destination;
import dev.justsaying.wire.MessageMetadata;
import dev.justsaying.wire.MessageSerializer;
import dev.justsaying.wire.MessageWriter;
import dev.justsaying.wire.OutboundMessage;
import dev.justsaying.wire.SdkMessageAttributes;
import dev.justsaying.wire.WireOptions;
import io.awspring.cloud.sqs.listener.SqsMessageListenerContainer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The library's throughput against the raw SDK and Spring Cloud AWS, with local-aws in a process of its own so this
 * JVM's CPU time is the client's:
 *
 * <ul>
 *   <li><b>consume</b>, at each concurrency limit {@code c}: {@code c/10} raw receive(10)+DeleteMessageBatch loops;
 *       the bus with {@code c/10} pollers, prefetch 10 and concurrency limit {@code c} (no-op handler, heartbeat on);
 *       Spring Cloud AWS's {@code SqsMessageListenerContainer} with {@code maxConcurrentMessages c}, 10 per poll
 *       (no-op listener). Each drains the same pre-filled queue; the rate counts to the last message handled (raw:
 *       deleted), the CPU per message to the queue being empty;</li>
 *   <li><b>publish</b>: single publishes through the auto-batching publisher and without it, against a raw
 *       SendMessageBatch loop of pre-written bodies, the same number of messages in flight.</li>
 * </ul>
 * A warm-up round, then {@code --repeats} rounds, the contenders' order rotating from round to round so drift hits
 * each; every row carries the load average, and the ratios are taken within one round.
 */
@Command(name = "library-throughput", mixinStandardHelpOptions = true)
public final class LibraryThroughput implements Callable<Integer> {

    private static final String CONSUME_QUEUE = "bench-consume";
    private static final String PUBLISH_QUEUE = "bench-publish";
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    @Option(names = "--messages", description = "messages per run (default ${DEFAULT-VALUE})")
    int messages = 20_000;

    @Option(names = "--concurrency", split = ",",
            description = "consume concurrency limits, multiples of 10; pollers = limit/10 (default ${DEFAULT-VALUE})")
    List<Integer> concurrency = List.of(10, 50, 100);

    @Option(names = "--in-flight", description = "messages being published at once, every contender (default ${DEFAULT-VALUE})")
    int inFlight = 80;

    @Option(names = "--repeats", description = "measured rounds after the warm-up round (default ${DEFAULT-VALUE})")
    int repeats = 2;

    @Option(names = "--contenders", split = ",",
            description = "consumers to run: raw, bus, spring (default ${DEFAULT-VALUE}); fewer for profiling one")
    List<String> contenders = List.of("raw", "bus", "spring");

    @Option(names = "--skip-publish", description = "consume only")
    boolean skipPublish;

    @Option(names = "--skip-consume", description = "publish only")
    boolean skipConsume;

    /** A message for the bus to consume and publish. */
    public record BenchMessage(String id, int sequence) {
    }

    /** One measured run. */
    private record Run(String what, int level, String contender, int round, double seconds, double clientCpuMicros,
                       double serverCpuMicros, String calls, String load) {
        double rate(int messages) {
            return messages / seconds;
        }
    }

    /** Something that consumes the queue: started, it runs until the count reaches the messages put there. */
    private interface Consumer extends AutoCloseable {
        String name();

        /** Consumes until {@code handled} reaches the target, then stops taking more. */
        void drain(int target);

        @Override
        default void close() {
        }
    }

    private final List<Run> runs = new ArrayList<>();
    private final CallCounter calls = new CallCounter();
    private LocalAwsProcess aws;
    private SqsAsyncClient sqs;
    private String consumeUrl;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LibraryThroughput()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        for (int level : concurrency) {
            if (level < 10 || level % 10 != 0) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "a concurrency limit is a multiple of 10, was " + level);
            }
        }
        System.out.printf("Library throughput: %d messages per run, JDK %s, %d cores, load average %s%n", messages,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), loadAverage());
        List<OutboundMessage> bodies = bodies();
        try (LocalAwsProcess server = LocalAwsProcess.start("2g");
             SqsAsyncClient client = server.sqsClient(500, calls);
             SnsAsyncClient sns = server.snsClient()) {
            aws = server;
            sqs = client;
            consumeUrl = sqs.createQueue(b -> b.queueName(CONSUME_QUEUE)).join().queueUrl();
            String publishUrl = sqs.createQueue(b -> b.queueName(PUBLISH_QUEUE)).join().queueUrl();
            Map<Integer, List<Consumer>> consumers = new LinkedHashMap<>();
            MessagingBus batching = publisher(sns, true);
            MessagingBus unbatched = publisher(sns, false);
            try {
                if (!skipConsume) {
                    for (int level : concurrency) {
                        List<Consumer> atLevel = new ArrayList<>();
                        if (contenders.contains("raw")) {
                            atLevel.add(new RawLoops(level / 10));
                        }
                        if (contenders.contains("bus")) {
                            atLevel.add(busConsumer(sns, level));
                        }
                        if (contenders.contains("spring")) {
                            atLevel.add(new SpringContainer(level));
                        }
                        consumers.put(level, atLevel);
                    }
                }
                for (int round = 0; round <= repeats; round++) {
                    int current = round;
                    for (var level : consumers.entrySet()) {
                        for (Consumer consumer : rotated(level.getValue(), round)) {
                            fill(consumeUrl, bodies);
                            consume(level.getKey(), consumer, round);
                        }
                    }
                    if (!skipPublish) {
                        List<Runnable> publishers = List.of(
                                () -> publish("bus auto-batching, " + inFlight + " in flight", current,
                                        () -> publishWithBus(batching), publishUrl),
                                () -> publish("raw SendMessageBatch, " + inFlight / 10 + " calls in flight",
                                        current, () -> sendBatches(publishUrl, bodies, inFlight / 10), publishUrl),
                                () -> publish("bus one SendMessage each, " + inFlight + " in flight", current,
                                        () -> publishWithBus(unbatched), publishUrl));
                        rotated(publishers.subList(0, 2), round).forEach(Runnable::run);
                        publishers.get(2).run();
                    }
                }
            } finally {
                consumers.values().forEach(list -> list.forEach(Consumer::close));
                unbatched.close();
                batching.close();
            }
        }
        printSummary();
        return 0;
    }

    private static <T> List<T> rotated(List<T> items, int round) {
        List<T> order = new ArrayList<>(items);
        Collections.rotate(order, -(round % items.size()));
        return order;
    }

    private void consume(int level, Consumer consumer, int round) {
        calls.takeCounts();
        Duration serverBefore = aws.cpuTime();
        long cpuBefore = OS.getProcessCpuTime();
        long start = System.nanoTime();
        consumer.drain(messages);
        long handledAt = System.nanoTime();
        waitUntilEmpty(consumeUrl);
        long cpu = OS.getProcessCpuTime() - cpuBefore;
        Duration server = aws.cpuTime().minus(serverBefore);
        record(new Run("consume", level, consumer.name(), round, (handledAt - start) / 1e9, cpu / 1e3 / messages,
                server.toNanos() / 1e3 / messages, callsMade(), loadAverage()));
    }

    /** The SQS calls since the last look, but the benchmark's own queue-depth checks. */
    private String callsMade() {
        Map<String, Long> counts = calls.takeCounts();
        counts.remove("GetQueueAttributes");
        return counts.entrySet().stream().map(entry -> entry.getKey() + " " + entry.getValue())
                .collect(Collectors.joining(", "));
    }

    private void publish(String contender, int round, Runnable publishing, String url) {
        calls.takeCounts();
        Duration serverBefore = aws.cpuTime();
        long cpuBefore = OS.getProcessCpuTime();
        long start = System.nanoTime();
        publishing.run();
        long seconds = System.nanoTime() - start;
        long cpu = OS.getProcessCpuTime() - cpuBefore;
        Duration server = aws.cpuTime().minus(serverBefore);
        record(new Run("publish", inFlight, contender, round, seconds / 1e9, cpu / 1e3 / messages,
                server.toNanos() / 1e3 / messages, callsMade(), loadAverage()));
        sqs.purgeQueue(b -> b.queueUrl(url)).join();
    }

    private void record(Run run) {
        runs.add(run);
        System.out.println(format(run));
    }

    private String format(Run run) {
        return String.format(Locale.ROOT, "%-7s | %3d | %-40s | %-7s | %7.2f | %8.0f | %8.1f | %8.1f | %-14s | %s",
                run.what(), run.level(), run.contender(), run.round() == 0 ? "warm-up" : "run " + run.round(),
                run.seconds(), run.rate(messages), run.clientCpuMicros(), run.serverCpuMicros(), run.load(),
                run.calls());
    }

    /** Every run, then the ratios each target is about, within each measured round. */
    private void printSummary() {
        System.out.printf("%n%-7s | %3s | %-40s | %-7s | %7s | %8s | %8s | %8s | %-14s | %s%n", "what", "c",
                "contender", "run", "seconds", "msg/s", "µs CPU/m", "server", "load average", "SQS calls");
        runs.forEach(run -> System.out.println(format(run)));
        System.out.println();
        System.out.println("ratios within each measured round (rate; client CPU per message):");
        for (int round = 1; round <= repeats; round++) {
            int r = round;
            Map<String, Run> byKey = runs.stream().filter(run -> run.round() == r)
                    .collect(Collectors.toMap(run -> run.what() + run.level() + run.contender().split(",")[0],
                            run -> run, (a, b) -> a, LinkedHashMap::new));
            for (int level : skipConsume || contenders.size() < 3 ? List.<Integer>of() : concurrency) {
                Run bus = byKey.get("consume" + level + "bus");
                Run raw = byKey.get("consume" + level + "raw receive(10)+DeleteMessageBatch x" + level / 10);
                Run spring = byKey.get("consume" + level + "Spring Cloud AWS container");
                System.out.printf(Locale.ROOT,
                        "run %d, c=%3d: bus/raw rate %5.1f %% (target >= 90), bus/Spring rate %4.2fx (target >= 1.25),"
                                + " bus/raw CPU per message %4.2fx (target <= 1.1), Spring/raw CPU %4.2fx%n",
                        round, level, 100 * bus.rate(messages) / raw.rate(messages),
                        bus.rate(messages) / spring.rate(messages), bus.clientCpuMicros() / raw.clientCpuMicros(),
                        spring.clientCpuMicros() / raw.clientCpuMicros());
            }
            if (!skipPublish) {
                Run bus = byKey.get("publish" + inFlight + "bus auto-batching");
                Run raw = byKey.get("publish" + inFlight + "raw SendMessageBatch");
                System.out.printf(Locale.ROOT, "run %d, publish: auto-batching/raw rate %5.1f %% (target >= 90)%n",
                        round, 100 * bus.rate(messages) / raw.rate(messages));
            }
        }
        System.out.println("µs CPU/m: this JVM's CPU time (the consumer or publisher) per message; server: local-aws's");
        System.out.println("command: bench/run " + LibraryThroughput.class.getName() + " --messages " + messages
                + " --concurrency " + concurrency.stream().map(String::valueOf).collect(Collectors.joining(","))
                + " --in-flight " + inFlight + " --repeats " + repeats + (skipPublish ? " --skip-publish" : "")
                + (skipConsume ? " --skip-consume" : ""));
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
    private void fill(String url, List<OutboundMessage> bodies) {
        sendBatches(url, bodies, 8);
    }

    private void sendBatches(String url, List<OutboundMessage> bodies, int callsInFlight) {
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

    private void waitUntilEmpty(String url) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).join().attributes();
            if (attributes.values().stream().allMatch("0"::equals)) {
                return;
            }
            sleep(20);
        }
        throw new IllegalStateException("the queue did not empty within 2 minutes");
    }

    private MessagingBus publisher(SnsAsyncClient sns, boolean autoBatching) {
        MessagingBus bus = MessagingBus.builder()
                .messaging(m -> m.inRegion(LocalAwsProcess.REGION))
                .client(c -> c.withClients(region -> sqs, region -> sns))
                .publications(p -> {
                    p.withQueue(BenchMessage.class, q -> q.queue(PUBLISH_QUEUE));
                    if (autoBatching) {
                        p.withAutoBatching(AutoBatching.defaults());
                    }
                })
                .build();
        bus.start().join();
        return bus;
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
        waitFor(done::get, messages);
    }

    private Consumer busConsumer(SnsAsyncClient sns, int level) {
        AtomicLong handled = new AtomicLong();
        int pollers = level / 10;
        MessagingBus bus = MessagingBus.builder()
                .messaging(m -> m.inRegion(LocalAwsProcess.REGION))
                .client(c -> c.withClients(region -> sqs, region -> sns))
                .subscriptions(s -> s.forQueue(BenchMessage.class, q -> q.queue(CONSUME_QUEUE).group("bench"))
                        .withSubscriptionGroup("bench", g -> g.pollersPerQueue(pollers).bufferSize(10 * pollers)
                                .concurrencyLimit(level).receiveWait(Duration.ofSeconds(1))))
                .handlers(h -> h.handle(BenchMessage.class, (message, context) -> {
                    handled.incrementAndGet();
                    return HandleResult.success();
                }))
                .build();
        bus.start().join();
        SubscriptionGroup group = bus.subscriptionGroup("bench");
        pause(group);
        return new Consumer() {
            @Override
            public String name() {
                return "bus, " + pollers + " pollers";
            }

            @Override
            public void drain(int target) {
                handled.set(0);
                group.resume();
                waitFor(handled::get, target);
                pause(group);
            }

            @Override
            public void close() {
                bus.close();
            }
        };
    }

    /** {@code pollers} loops, each: receive up to 10, delete them in one batch call (not awaited), receive again. */
    private final class RawLoops implements Consumer {
        private final int pollers;

        RawLoops(int pollers) {
            this.pollers = pollers;
        }

        @Override
        public String name() {
            return "raw receive(10)+DeleteMessageBatch x" + pollers;
        }

        /** Returns once every loop has ended, so none takes messages meant for the next run. */
        @Override
        public void drain(int target) {
            AtomicLong deleted = new AtomicLong();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger loops = new AtomicInteger(pollers);
            for (int i = 0; i < pollers; i++) {
                receiveLoop(deleted, running, loops);
            }
            waitFor(deleted::get, target);
            running.set(false);
            while (loops.get() > 0) {
                sleep(5);
            }
        }

        private void receiveLoop(AtomicLong deleted, AtomicBoolean running, AtomicInteger loops) {
            if (!running.get()) {
                loops.decrementAndGet();
                return;
            }
            sqs.receiveMessage(b -> b.queueUrl(consumeUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .whenComplete((response, error) -> {
                        if (error == null && !response.messages().isEmpty()) {
                            List<Message> received = response.messages();
                            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(received.size());
                            for (int i = 0; i < received.size(); i++) {
                                entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                                        .receiptHandle(received.get(i).receiptHandle()).build());
                            }
                            sqs.deleteMessageBatch(b -> b.queueUrl(consumeUrl).entries(entries))
                                    .thenAccept(deletion -> deleted.addAndGet(deletion.successful().size()));
                        }
                        receiveLoop(deleted, running, loops);
                    });
        }
    }

    /**
     * Spring Cloud AWS's listener container, built and started for each run (its start, two quick SQS calls, counts
     * in the run), stopped after it; its acknowledgements keep their defaults (batched, at most 1 s apart).
     */
    private final class SpringContainer implements Consumer {
        private final int level;

        SpringContainer(int level) {
            this.level = level;
        }

        @Override
        public String name() {
            return "Spring Cloud AWS container";
        }

        @Override
        public void drain(int target) {
            AtomicLong handled = new AtomicLong();
            SqsMessageListenerContainer<Object> container = SqsMessageListenerContainer.builder()
                    .sqsAsyncClient(sqs)
                    .queueNames(CONSUME_QUEUE)
                    .configure(options -> options.maxConcurrentMessages(level).maxMessagesPerPoll(10)
                            .pollTimeout(Duration.ofSeconds(1)))
                    .messageListener(message -> handled.incrementAndGet())
                    .build();
            container.start();
            try {
                waitFor(handled::get, target);
            } finally {
                container.stop();
            }
        }
    }

    private static void waitFor(LongSupplier count, long target) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (count.getAsLong() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + count.getAsLong() + " of " + target + " in 10 minutes");
            }
            sleep(2);
        }
    }

    private static void pause(SubscriptionGroup group) {
        group.pause();
        while (group.isReceiving()) {
            sleep(5);
        }
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "n/a";
        }
    }

    /** The benchmark's own polling of its counters: short beside runs of seconds. */
    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
