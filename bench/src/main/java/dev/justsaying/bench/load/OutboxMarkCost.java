package dev.justsaying.bench.load;

import dev.justsaying.localaws.LocalAws;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Issue 7: what taking commands out of the outbox costs DynamoDB Local, per way of doing it. DynamoDB Local runs in a
 * JVM of its own (local-aws.jar), so its CPU time is the server's alone. A table shaped like the command store's
 * (the sparse keys-only index {@code unsent}) takes command-sized conditional {@code PutItem}s from several
 * closed-loop threads, as the API's request threads record commands, while one marker thread removes the outbox
 * attributes of the recorded ones: not at all, one {@code UpdateItem} each, or in {@code TransactWriteItems} of 25
 * or 100 updates (each with {@code attribute_exists}). Per way it prints the {@code PutItem} rate reached, its
 * latency, the marks made, the server's CPU per command, and what one mark call takes.
 */
@Command(name = "outbox-mark-cost", mixinStandardHelpOptions = true,
        description = "PutItem rate and DynamoDB Local CPU with no outbox mark, single UpdateItems, or transactions.")
public final class OutboxMarkCost implements Callable<Integer> {

    private static final Path JAR = Path.of("local-aws/target/local-aws.jar");
    private static final String REGION = "eu-west-1";
    private static final String UNSENT_SHARD = "unsentShard";
    private static final String UNSENT_SINCE = "unsentSince";

    /** How the marker thread takes recorded commands out of the outbox. */
    enum Marking {
        NONE(0), SINGLE_UPDATE(1), TRANSACTION_25(25), TRANSACTION_100(100);

        final int batch;

        Marking(int batch) {
            this.batch = batch;
        }
    }

    @Option(names = "--seconds", description = "Measured length per way of marking (default ${DEFAULT-VALUE}).")
    int seconds = 15;

    @Option(names = "--warmup-seconds", description = "Unmeasured load first (default ${DEFAULT-VALUE}).")
    int warmupSeconds = 15;

    @Option(names = "--writers", description = "Closed-loop PutItem threads (default ${DEFAULT-VALUE}).")
    int writers = 8;

    public static void main(String[] args) {
        System.exit(new CommandLine(new OutboxMarkCost()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        String loadBefore = OldVsNew.loadAverage();
        System.out.printf(Locale.ROOT, "command: bench/run %s --seconds %d --warmup-seconds %d --writers %d%n",
                OutboxMarkCost.class.getName(), seconds, warmupSeconds, writers);
        Process server = startServer();
        try (DynamoDbClient dynamo = DynamoDbClient.builder().region(Region.of(REGION))
                .endpointOverride(readDynamoDbEndpoint(server)).credentialsProvider(LocalAws.credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            String table = createTable(dynamo);
            run(dynamo, table, server, Marking.SINGLE_UPDATE, warmupSeconds);
            System.out.println("marking          puts/s  put p50 ms  put p99 ms  marks/s  marks/call  ms/mark call"
                    + "  calls/command  server CPU ms/command");
            for (Marking marking : Marking.values()) {
                System.out.println(run(dynamo, table, server, marking, seconds).row());
            }
            System.out.println(OldVsNew.environment(loadBefore));
            return 0;
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private Result run(DynamoDbClient dynamo, String table, Process server, Marking marking, int runSeconds)
            throws Exception {
        BlockingQueue<String> recorded = new ArrayBlockingQueue<>(1_000_000);
        Histogram putLatency = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        Histogram markLatency = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong marks = new AtomicLong();
        Duration cpuBefore = cpu(server);
        long start = System.nanoTime();
        List<CompletableFuture<Void>> threads = new ArrayList<>();
        for (int writer = 0; writer < writers; writer++) {
            threads.add(CompletableFuture.runAsync(() -> {
                while (running.get()) {
                    String id = UUID.randomUUID().toString();
                    long before = System.nanoTime();
                    dynamo.putItem(r -> r.tableName(table).item(item(id))
                            .conditionExpression("attribute_not_exists(commandId)"));
                    synchronized (putLatency) {
                        putLatency.recordValue(System.nanoTime() - before);
                    }
                    if (marking != Marking.NONE) {
                        recorded.add(id);
                    }
                }
            }, runnable -> new Thread(runnable, "put-" + threads.size()).start()));
        }
        Thread marker = new Thread(() -> mark(dynamo, table, marking, recorded, running, marks, markLatency),
                "marker");
        marker.start();
        TimeUnit.SECONDS.sleep(runSeconds);
        running.set(false);
        CompletableFuture.allOf(threads.toArray(CompletableFuture[]::new)).join();
        marker.join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        long puts = putLatency.getTotalCount();
        long markCalls = markLatency.getTotalCount();
        return new Result(marking, puts / elapsed, millis(putLatency, 50), millis(putLatency, 99),
                marks.get() / elapsed, markCalls == 0 ? 0 : (double) marks.get() / markCalls,
                markCalls == 0 ? 0 : markLatency.getMean() / 1e6, (double) (puts + markCalls) / puts,
                (cpu(server).minus(cpuBefore).toNanos() / 1e6) / puts);
    }

    /** Marks what the writers recorded, in the given way, until they stop (what is left then stays unmarked). */
    private static void mark(DynamoDbClient dynamo, String table, Marking marking, BlockingQueue<String> recorded,
                             AtomicBoolean running, AtomicLong marks, Histogram latency) {
        List<String> batch = new ArrayList<>();
        while (running.get()) {
            try {
                String first = recorded.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
            } catch (InterruptedException e) {
                return;
            }
            recorded.drainTo(batch, marking.batch - 1);
            long before = System.nanoTime();
            if (batch.size() == 1) {
                Update single = update(table, batch.get(0));
                dynamo.updateItem(r -> r.tableName(table).key(single.key())
                        .updateExpression(single.updateExpression())
                        .conditionExpression(single.conditionExpression()));
            } else {
                dynamo.transactWriteItems(r -> r.transactItems(batch.stream()
                        .map(id -> TransactWriteItem.builder().update(update(table, id)).build()).toList()));
            }
            latency.recordValue(System.nanoTime() - before);
            marks.addAndGet(batch.size());
            batch.clear();
        }
    }

    private static Update update(String table, String id) {
        return Update.builder().tableName(table).key(key(id))
                .updateExpression("REMOVE " + UNSENT_SHARD + ", " + UNSENT_SINCE)
                .conditionExpression("attribute_exists(commandId)").build();
    }

    /** One way of marking: the rates it left, the calls per command, and what the server and a mark call took. */
    private record Result(Marking marking, double putsPerSecond, double putP50, double putP99, double marksPerSecond,
                          double marksPerCall, double millisPerMarkCall, double callsPerCommand,
                          double serverCpuPerCommand) {
        String row() {
            return String.format(Locale.ROOT, "%-15s %7.0f %11.2f %11.2f %8.0f %11.1f %13.2f %14.3f %21.3f",
                    marking, putsPerSecond, putP50, putP99, marksPerSecond, marksPerCall, millisPerMarkCall,
                    callsPerCommand, serverCpuPerCommand);
        }
    }

    private static double millis(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e6;
    }

    private static Map<String, AttributeValue> item(String id) {
        Map<String, AttributeValue> item = AcceptCapacity.commandItem(id);
        item.put(UNSENT_SHARD, AttributeValue.fromS(Integer.toString(Math.floorMod(id.hashCode(), 4))));
        item.put(UNSENT_SINCE, AttributeValue.fromN(Long.toString(System.currentTimeMillis())));
        return item;
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("commandId", AttributeValue.fromS(id));
    }

    /** A table shaped like the command store's: the id as key, and the sparse keys-only index of unsent commands. */
    private static String createTable(DynamoDbClient dynamo) {
        String table = "bench-outbox-" + UUID.randomUUID();
        dynamo.createTable(r -> r.tableName(table)
                .keySchema(KeySchemaElement.builder().attributeName("commandId").keyType(KeyType.HASH).build())
                .attributeDefinitions(attribute("commandId", ScalarAttributeType.S),
                        attribute(UNSENT_SHARD, ScalarAttributeType.S), attribute(UNSENT_SINCE, ScalarAttributeType.N))
                .globalSecondaryIndexes(index -> index.indexName("unsent")
                        .keySchema(KeySchemaElement.builder().attributeName(UNSENT_SHARD).keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName(UNSENT_SINCE).keyType(KeyType.RANGE).build())
                        .projection(projection -> projection.projectionType(ProjectionType.KEYS_ONLY)))
                .billingMode(BillingMode.PAY_PER_REQUEST));
        return table;
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static Process startServer() throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: bench/run builds it");
        }
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toString(), "--regions", REGION).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Reads the server's endpoint lines up to {@code ready}, then drains the rest so it never blocks. */
    private static URI readDynamoDbEndpoint(Process server) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8));
        URI endpoint = null;
        String line;
        while ((line = lines.readLine()) != null && !line.equals("ready")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 3 && parts[1].equals("dynamodb")) {
                endpoint = URI.create(parts[2]);
            }
        }
        if (endpoint == null || line == null) {
            throw new IllegalStateException("local-aws ended before it was ready");
        }
        Thread drain = new Thread(() -> lines.lines().forEach(ignored -> { }), "local-aws-output");
        drain.setDaemon(true);
        drain.start();
        return endpoint;
    }

    private static Duration cpu(Process server) {
        return server.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }
}
