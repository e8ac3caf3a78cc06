package dev.justsaying.localaws.sns;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;
import org.elasticmq.rest.sqs.SQSRestServer;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Throughput of the SNS endpoint on this machine, against the ceiling of the SQS behind it. In one JVM: an ElasticMQ,
 * an {@link SnsServer} delivering into it, and SDK v2 async clients. After a warm-up, each repeat measures, in turn:
 * <ol>
 *   <li>Publish/s: concurrent async Publish calls, timed until every message is delivered into the queue;</li>
 *   <li>PublishBatch messages/s: concurrent batches of ten, timed the same way;</li>
 *   <li>raw SendMessageBatch messages/s straight into the same ElasticMQ.</li>
 * </ol>
 * The queue's message count is checked after every SNS run. Bounded: each run gives up after 30 s.
 * Run: {@code mvn -o -q -pl local-aws test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.justsaying.localaws.sns.SnsThroughputBenchmark}
 */
public final class SnsThroughputBenchmark {

    private static final String REGION = "eu-west-1";
    private static final int MESSAGES = 10_000;
    private static final int WARM_UP_MESSAGES = 20_000;
    private static final int WARM_UP_ROUNDS = 2;
    private static final int REPEATS = 6;
    private static final int PUBLISHES_IN_FLIGHT = 64;
    private static final int BATCHES_IN_FLIGHT = 8;
    private static final Duration RUN_LIMIT = Duration.ofSeconds(30);
    private static final String BODY = "{\"RestaurantId\":12345,\"Status\":\"Open\",\"Id\":\"3f1c2a4e-0000-4000-8000-000000000000\"}";

    private final SqsAsyncClient sqs;
    private final SnsAsyncClient sns;
    private final SnsServer server;
    private int runs;

    private SnsThroughputBenchmark(SqsAsyncClient sqs, SnsAsyncClient sns, SnsServer server) {
        this.sqs = sqs;
        this.sns = sns;
        this.server = server;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("logback.configurationFile", "dev/justsaying/localaws/sns/logback-sns-test.xml");
        int port = TwoRegionStack.freePort();
        SQSRestServer elasticMq = TwoRegionStack.startElasticMq(REGION, port);
        try (SqsAsyncClient sqs = SqsAsyncClient.builder().region(Region.of(REGION)).credentialsProvider(TwoRegionStack.CREDENTIALS)
                     .endpointOverride(URI.create("http://127.0.0.1:" + port))
                     .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(128)).build();
             SnsServer server = SnsServer.start(REGION, TwoRegionStack.ACCOUNT, 0, region -> Optional.of(sqs));
             SnsAsyncClient sns = SnsAsyncClient.builder().region(Region.of(REGION)).credentialsProvider(TwoRegionStack.CREDENTIALS)
                     .endpointOverride(server.endpoint())
                     .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(PUBLISHES_IN_FLIGHT)).build()) {
            new SnsThroughputBenchmark(sqs, sns, server).run();
        } finally {
            elasticMq.stopAndWait();
        }
    }

    private void run() throws Exception {
        System.out.printf("SNS endpoint throughput, %d cores, JDK %s, %d messages per run, %d publishes / %d batches in flight%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), MESSAGES,
                PUBLISHES_IN_FLIGHT, BATCHES_IN_FLIGHT);
        for (int round = 1; round <= WARM_UP_ROUNDS; round++) {
            publishRun(WARM_UP_MESSAGES);
            publishBatchRun(WARM_UP_MESSAGES);
            rawSendMessageBatchRun(WARM_UP_MESSAGES);
        }
        System.out.printf("warm-up done (%d rounds of %d messages each way: the JIT needs them)%n", WARM_UP_ROUNDS, WARM_UP_MESSAGES);
        List<double[]> results = new ArrayList<>();
        for (int repeat = 1; repeat <= REPEATS; repeat++) {
            long cpu = processCpuNanos();
            double publish = publishRun(MESSAGES);
            double publishCpu = (processCpuNanos() - cpu) / 1e3 / MESSAGES;
            cpu = processCpuNanos();
            double batch = publishBatchRun(MESSAGES);
            double batchCpu = (processCpuNanos() - cpu) / 1e3 / MESSAGES;
            cpu = processCpuNanos();
            double raw = rawSendMessageBatchRun(MESSAGES);
            double rawCpu = (processCpuNanos() - cpu) / 1e3 / MESSAGES;
            results.add(new double[] {publish, batch, raw});
            System.out.printf(Locale.ROOT, "repeat %d: Publish %,.0f/s (%.0f us CPU/msg) | PublishBatch %,.0f msg/s (%.0f us) | "
                    + "raw SendMessageBatch %,.0f msg/s (%.0f us) | PublishBatch = %.0f%% of raw%n",
                    repeat, publish, publishCpu, batch, batchCpu, raw, rawCpu, 100 * batch / raw);
        }
        System.out.printf(Locale.ROOT, "median of %d: Publish %,.0f/s | PublishBatch %,.0f msg/s | raw SendMessageBatch %,.0f msg/s"
                + " | PublishBatch = %.0f%% of raw (median of the repeats' ratios) | %s%n", results.size(),
                median(results, result -> result[0]), median(results, result -> result[1]), median(results, result -> result[2]),
                100 * median(results, result -> result[1] / result[2]), server.deliveryStats());
    }

    private static double median(List<double[]> results, ToDoubleFunction<double[]> metric) {
        double[] values = results.stream().mapToDouble(metric).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    /** CPU time of the whole process (clients, SNS endpoint and ElasticMQ alike), in nanoseconds. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** A fresh topic with one raw subscription to a fresh queue; returns {topicArn, queueUrl}. */
    private String[] topicWithQueue() {
        runs++;
        String queueUrl = sqs.createQueue(request -> request.queueName("bench-" + runs)).join().queueUrl();
        String topicArn = sns.createTopic(request -> request.name("bench-" + runs)).join().topicArn();
        sns.subscribe(request -> request.topicArn(topicArn).protocol("sqs")
                .endpoint("arn:aws:sqs:" + REGION + ":" + TwoRegionStack.ACCOUNT + ":bench-" + runs)
                .attributes(Map.of("RawMessageDelivery", "true"))).join();
        return new String[] {topicArn, queueUrl};
    }

    private double publishRun(int messages) throws Exception {
        String[] target = topicWithQueue();
        long deliveredBefore = server.deliveryStats().delivered();
        long start = System.nanoTime();
        runConcurrently(messages, PUBLISHES_IN_FLIGHT,
                ignored -> sns.publish(request -> request.topicArn(target[0]).message(BODY)));
        return finish(target[1], messages, deliveredBefore, start);
    }

    private double publishBatchRun(int messages) throws Exception {
        String[] target = topicWithQueue();
        long deliveredBefore = server.deliveryStats().delivered();
        List<PublishBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            entries.add(PublishBatchRequestEntry.builder().id("e" + i).message(BODY).build());
        }
        long start = System.nanoTime();
        runConcurrently(messages / 10, BATCHES_IN_FLIGHT, ignored -> sns.publishBatch(request -> request.topicArn(target[0])
                .publishBatchRequestEntries(entries)).thenAccept(response -> {
                    if (!response.failed().isEmpty()) {
                        throw new IllegalStateException("PublishBatch entries failed: " + response.failed());
                    }
                }));
        return finish(target[1], messages, deliveredBefore, start);
    }

    private double rawSendMessageBatchRun(int messages) throws Exception {
        runs++;
        String queueUrl = sqs.createQueue(request -> request.queueName("bench-raw-" + runs)).join().queueUrl();
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            entries.add(SendMessageBatchRequestEntry.builder().id("e" + i).messageBody(BODY).build());
        }
        long start = System.nanoTime();
        runConcurrently(messages / 10, BATCHES_IN_FLIGHT,
                ignored -> sqs.sendMessageBatch(request -> request.queueUrl(queueUrl).entries(entries)));
        double rate = messages / ((System.nanoTime() - start) / 1e9);
        checkQueueHolds(queueUrl, messages);
        return rate;
    }

    /** Waits until SNS has delivered every message of the run, checks the queue's count, returns messages/s. */
    private double finish(String queueUrl, int messages, long deliveredBefore, long start) throws Exception {
        long deadline = start + RUN_LIMIT.toNanos();
        while (server.deliveryStats().delivered() - deliveredBefore < messages) {
            if (System.nanoTime() > deadline || server.deliveryStats().failed() > 0) {
                throw new IllegalStateException("Run did not complete: " + server.deliveryStats());
            }
            TimeUnit.MILLISECONDS.sleep(1);
        }
        double rate = messages / ((System.nanoTime() - start) / 1e9);
        checkQueueHolds(queueUrl, messages);
        return rate;
    }

    private void checkQueueHolds(String queueUrl, int messages) {
        String count = sqs.getQueueAttributes(request -> request.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).join()
                .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
        if (Integer.parseInt(count) != messages) {
            throw new IllegalStateException("Queue holds " + count + " messages, expected " + messages);
        }
        sqs.deleteQueue(request -> request.queueUrl(queueUrl)).join();
    }

    /** Issues {@code calls} async calls with at most {@code inFlight} outstanding and waits for all of them. */
    private static void runConcurrently(int calls, int inFlight, IntFunction<CompletableFuture<?>> call) throws Exception {
        Semaphore permits = new Semaphore(inFlight);
        AtomicInteger completed = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CompletableFuture<Void> allDone = new CompletableFuture<>();
        for (int i = 0; i < calls && failure.get() == null; i++) {
            if (!permits.tryAcquire(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("Calls stopped completing");
            }
            call.apply(i).whenComplete((result, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
                permits.release();
                if (completed.incrementAndGet() == calls) {
                    allDone.complete(null);
                }
            });
        }
        if (failure.get() == null) {
            allDone.get(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("A call failed", failure.get());
        }
    }
}
