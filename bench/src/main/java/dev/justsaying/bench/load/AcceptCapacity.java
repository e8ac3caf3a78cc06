package dev.justsaying.bench.load;

import dev.justsaying.localaws.LocalAws;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * Issue 7 report 2: the highest rate the 202 path sustains with p99 ≤ 20 ms, next to the raw rates of the two calls
 * it makes — DynamoDB {@code PutItem} (conditional, a command-sized item) and SQS {@code SendMessage} (an
 * envelope-sized body) — made straight from this JVM with the AWS SDK's async clients against the very servers of
 * the service's local stack (their endpoints read from its startup log; the stack in a JVM of its own by default,
 * {@code --stack}), in the same run. Every target is stepped up the same rates, open loop, alternating order; a
 * step passes with no error, ≥ 98 % of the rate achieved and p99 ≤ 20 ms; a target stops after two failed steps.
 * Its capacity is its highest passing rate. Each step also has the CPU the processes used per 1,000 calls.
 */
@Command(name = "accept-capacity", mixinStandardHelpOptions = true,
        description = "Highest rate with p99 <= 20 ms: the 202 path vs raw DynamoDB PutItem and SQS SendMessage.")
public final class AcceptCapacity implements Callable<Integer> {

    private static final double P99_LIMIT_MS = 20;
    private static final double TARGET_SHARE = 0.8;
    private static final String REGION = "eu-west-1";
    private static final String RAW = "bench-raw-commands";
    /** About the size of the JustSaying envelope the API sends for a command. */
    private static final String ENVELOPE = "{\"Id\":\"%s\",\"TimeStamp\":\"%s\",\"RaisingComponent\":"
            + "\"restaurant-status\",\"Tenant\":\"all\",\"Conversation\":\"%s\",\"Message\":{\"commandId\":\"%s\","
            + "\"restaurantIds\":[42],\"status\":\"CLOSED\",\"reason\":\"load test\",\"notify\":true}}";

    /** What is stepped up. */
    enum Target {
        ACCEPT("202 path (PUT)"),
        PUT_ITEM("DynamoDB PutItem (raw SDK)"),
        SEND_MESSAGE("SQS SendMessage (raw SDK)");

        final String label;

        Target(String label) {
            this.label = label;
        }
    }

    /** One step of one target, with the CPU seconds used during it. */
    record Step(Target target, int rate, LoadResult result, CpuUse cpu) {
        boolean passed() {
            return result.errorCount() == 0 && result.achievedPerSecond() >= 0.98 * rate
                    && result.percentileMillis(99) <= P99_LIMIT_MS;
        }
    }

    @Option(names = "--jar", description = "The service jar to start (default ${DEFAULT-VALUE}).")
    Path jar = Path.of("restaurant-status/target/restaurant-status.jar");

    @Option(names = "--stack", converter = StackMode.Converter.class, description = "Where the started service's "
            + "local stack runs: separate (a JVM of its own: the service JVM's CPU is the service's, the raw calls go "
            + "to the stack's JVM) or in-process (inside the service's JVM, as the README's run command has it); "
            + "default separate.")
    StackMode stack = StackMode.SEPARATE;

    @Option(names = "--rates", split = ",", description = "Rates to step through, ascending (default "
            + "${DEFAULT-VALUE}).")
    List<Integer> rates = List.of(100, 200, 300, 400, 500, 600, 800, 1000, 1200, 1500);

    @Option(names = "--seconds", description = "Length of each step (default ${DEFAULT-VALUE}).")
    int seconds = 10;

    @Option(names = "--warmup-seconds", description = "Least unmeasured load per target first (default "
            + "${DEFAULT-VALUE}; see --warmup-until-settled).")
    int warmupSeconds = 15;

    @Mixin
    JitWarmUp warmUp = new JitWarmUp();

    @Option(names = "--warmup-rate", description = "Calls per second while warming up (default ${DEFAULT-VALUE}).")
    int warmupRate = 200;

    @Option(names = "--max-in-flight", description = "Most calls in flight per target (default ${DEFAULT-VALUE}).")
    int maxInFlight = 512;

    @Option(names = "--out", description = "Report directory (default ${DEFAULT-VALUE}).")
    Path out = Path.of("bench/results/accept-capacity");

    public static void main(String[] args) {
        System.exit(new CommandLine(new AcceptCapacity()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        String command = String.format(Locale.ROOT, "--stack %s --rates %s --seconds %d --warmup-seconds %d "
                        + "--warmup-rate %d %s --max-in-flight %d", stack.option,
                rates.stream().map(String::valueOf).collect(Collectors.joining(",")),
                seconds, warmupSeconds, warmupRate, warmUp.commandLine(), maxInFlight);
        String loadBefore = OldVsNew.loadAverage();
        System.out.println("command: bench/run " + AcceptCapacity.class.getName() + " " + command);
        System.out.printf("JDK %s, %d cores, load average %s%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), loadBefore);
        try (LocalDeployment deployment = LocalDeployment.start(stack, jar, out);
             ServiceProcess service = deployment.startService(Map.of("RESTAURANT_STATUS_ROLES", "api"),
                     out.resolve("service.log"));
             DynamoDbAsyncClient dynamo = DynamoDbAsyncClient.builder().region(Region.of(REGION))
                     .endpointOverride(deployment.localAwsEndpoint(service, REGION, "dynamodb"))
                     .credentialsProvider(LocalAws.credentials()).httpClientBuilder(http())
                     .overrideConfiguration(timeouts()).build();
             SqsAsyncClient sqs = SqsAsyncClient.builder().region(Region.of(REGION))
                     .endpointOverride(deployment.localAwsEndpoint(service, REGION, "sqs"))
                     .credentialsProvider(LocalAws.credentials()).httpClientBuilder(http())
                     .overrideConfiguration(timeouts()).build()) {
            // the 202 path goes through OpenLoopLoad's own HTTP client (no Call of its own)
            Map<Target, OpenLoopLoad.Call> calls = new EnumMap<>(Target.class);
            OpenLoopLoad load = new OpenLoopLoad(maxInFlight, Duration.ofSeconds(30));
            RequestTemplate accept = OldVsNew.template(OldVsNew.Api.QUEUED);
            calls.put(Target.PUT_ITEM, putItem(dynamo));
            calls.put(Target.SEND_MESSAGE, sendMessage(sqs));
            List<Step> steps = new ArrayList<>();
            Map<Target, Integer> failures = new EnumMap<>(Target.class);
            for (Target target : Target.values()) {
                warmUp.forSeconds("warm-up " + target.name(), () -> deployment.cpu(service), warmupSeconds,
                        runSeconds -> run(load, service.url(), accept, calls.get(target), warmupRate, runSeconds,
                                "warm-up " + target.name()));
                failures.put(target, 0);
            }
            System.out.println(header());
            for (int index = 0; index < rates.size(); index++) {
                int rate = rates.get(index);
                List<Target> order = new ArrayList<>(List.of(Target.values()));
                Collections.rotate(order, index);
                for (Target target : order) {
                    if (failures.get(target) >= 2) {
                        continue;
                    }
                    CpuUse before = deployment.cpu(service);
                    LoadResult result = run(load, service.url(), accept, calls.get(target), rate, seconds,
                            target.name() + " @" + rate + "/s");
                    Step step = new Step(target, rate, result, deployment.cpu(service).minus(before));
                    System.out.println(row(step));
                    steps.add(step);
                    failures.put(target, step.passed() ? 0 : failures.get(target) + 1);
                }
                if (failures.values().stream().allMatch(failed -> failed >= 2)) {
                    break;
                }
            }
            String environment = warmUp.environment(loadBefore);
            System.out.println();
            System.out.println(summary(steps));
            write(steps, command, environment);
            System.out.println("report: " + out.resolve("report.md"));
            return 0;
        }
    }

    private static LoadResult run(OpenLoopLoad load, URI service, RequestTemplate accept, OpenLoopLoad.Call call,
                                  int rate, int runSeconds, String label) {
        return call == null ? load.run(service.toString(), accept, rate, runSeconds, label, System.err)
                : load.run(call, rate, runSeconds, label, System.err);
    }

    private NettyNioAsyncHttpClient.Builder http() {
        return NettyNioAsyncHttpClient.builder().maxConcurrency(maxInFlight);
    }

    private static ClientOverrideConfiguration timeouts() {
        return ClientOverrideConfiguration.builder().apiCallTimeout(Duration.ofSeconds(30)).build();
    }

    /** A conditional PutItem of a command-like item into a table of the benchmark's own, as the API records one. */
    private static OpenLoopLoad.Call putItem(DynamoDbAsyncClient dynamo) {
        dynamo.createTable(r -> r.tableName(RAW)
                .keySchema(KeySchemaElement.builder().attributeName("commandId").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("commandId")
                        .attributeType(ScalarAttributeType.S).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)).join();
        return index -> dynamo.putItem(r -> r.tableName(RAW).item(commandItem(UUID.randomUUID().toString()))
                .conditionExpression("attribute_not_exists(commandId)")).thenApply(done -> (String) null);
    }

    /** A SendMessage of an envelope-sized body to a queue of the benchmark's own. */
    private static OpenLoopLoad.Call sendMessage(SqsAsyncClient sqs) {
        String queueUrl = sqs.createQueue(r -> r.queueName(RAW)).join().queueUrl();
        return index -> {
            String id = UUID.randomUUID().toString();
            String body = ENVELOPE.formatted(id, Instant.now(), id, id);
            return sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body)).thenApply(done -> (String) null);
        };
    }

    static String header() {
        return "| target | rate/s | achieved/s | errors | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | passed | "
                + CpuUse.HEADER_CELLS + " |\n" + "|---".repeat(10 + CpuUse.COLUMNS) + "|";
    }

    static String row(Step step) {
        LoadResult r = step.result();
        return String.format(Locale.ROOT, "| %s | %d | %.0f | %s | %.2f | %.2f | %.2f | %.2f | %.1f | %s | %s |",
                step.target().label, step.rate(), r.achievedPerSecond(),
                r.errorCount() == 0 ? "0" : r.errors().toString(), r.percentileMillis(50), r.percentileMillis(90),
                r.percentileMillis(99), r.percentileMillis(99.9), r.maxMillis(), step.passed() ? "yes" : "no",
                step.cpu().perThousandCells(r.scheduled()));
    }

    /** Each target's capacity, and whether the 202 path reaches 80 % of the lower raw one. */
    static String summary(List<Step> steps) {
        Map<Target, Integer> capacity = capacities(steps);
        StringBuilder text = new StringBuilder("| target | highest rate with p99 ≤ 20 ms, no errors |\n|---|---|\n");
        for (Target target : Target.values()) {
            text.append(String.format(Locale.ROOT, "| %s | %s |%n", target.label,
                    capacity.get(target) == 0 ? "none of the rates" : capacity.get(target) + "/s"));
        }
        int ceiling = Math.min(capacity.get(Target.PUT_ITEM), capacity.get(Target.SEND_MESSAGE));
        int accepted = capacity.get(Target.ACCEPT);
        text.append(ceiling == 0 ? "\ntarget ≥ 80 % of the lower raw rate: undecided (no raw rate passed)\n"
                : String.format(Locale.ROOT, "%ntarget 202 path ≥ %.0f %% of the lower raw rate (%d/s): %d/s = %.0f %%"
                        + " → %s%n", TARGET_SHARE * 100, ceiling, accepted, 100.0 * accepted / ceiling,
                        accepted >= TARGET_SHARE * ceiling ? "met" : "NOT met"));
        return text.toString();
    }

    private static Map<Target, Integer> capacities(List<Step> steps) {
        Map<Target, Integer> capacity = new EnumMap<>(Target.class);
        for (Target target : Target.values()) {
            capacity.put(target, steps.stream().filter(step -> step.target() == target && step.passed())
                    .mapToInt(Step::rate).max().orElse(0));
        }
        return capacity;
    }

    private void write(List<Step> steps, String command, String environment) throws IOException {
        Files.createDirectories(out);
        String[] colours = {"#d62728", "#1f77b4", "#2ca02c"};
        SvgLineChart chart = new SvgLineChart("p99 latency by rate, open loop", "calls per second (log scale)",
                "p99 milliseconds (log scale)", true);
        for (Target target : Target.values()) {
            chart.add(new SvgLineChart.Series(target.label, colours[target.ordinal()], "",
                    steps.stream().filter(step -> step.target() == target)
                            .map(step -> new double[] {step.rate(), step.result().percentileMillis(99)}).toList()));
        }
        List<double[]> limit = steps.stream().mapToInt(Step::rate).distinct().sorted()
                .mapToObj(rate -> new double[] {rate, P99_LIMIT_MS}).toList();
        chart.add(new SvgLineChart.Series("p99 limit, 20 ms", "#777777", "4 4", limit));
        Files.writeString(out.resolve("p99-by-rate.svg"), chart.toSvg(), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("report.md"), String.join("\n",
                "# Accept capacity vs its ceiling (issue 7 report 2)",
                "",
                "Command: `bench/run " + AcceptCapacity.class.getName() + " " + command + "`",
                "",
                "Environment: " + environment,
                "",
                "The 202 path through the service (API role only); the raw calls from the benchmark's JVM with the AWS"
                        + " SDK's async",
                "(Netty) clients against the same DynamoDB Local and ElasticMQ the service uses (in the local stack's"
                        + " JVM, or inside",
                "the service's with `--stack in-process`). A step passes with no error, ≥ 98 % of its rate achieved"
                        + " and p99 ≤ 20 ms",
                "(latency from each call's intended start). CPU: user + system seconds per 1,000 calls of the"
                        + " service's JVM, the stack's",
                "JVM (n/a with `--stack in-process`) and PostgreSQL. " + CpuUse.EXCLUDING_JIT,
                "",
                header(),
                String.join("\n", steps.stream().map(AcceptCapacity::row).toList()),
                "",
                summary(steps),
                "![p99 by rate](p99-by-rate.svg)",
                ""), StandardCharsets.UTF_8);
    }

    /** An item shaped like the command store's record of a just-accepted command (as the 202 path writes it). */
    static Map<String, AttributeValue> commandItem(String id) {
        String now = Instant.now().toString();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("commandId", AttributeValue.fromS(id));
        item.put("restaurantIds", AttributeValue.fromL(List.of(AttributeValue.fromN("42"))));
        item.put("status", AttributeValue.fromS("CLOSED"));
        item.put("reason", AttributeValue.fromS("load test"));
        item.put("notify", AttributeValue.fromBool(true));
        item.put("state", AttributeValue.fromS("Queued"));
        item.put("attempts", AttributeValue.fromN("0"));
        item.put("createdAt", AttributeValue.fromS(now));
        item.put("updatedAt", AttributeValue.fromS(now));
        item.put("expiresAt", AttributeValue.fromN(Long.toString(Instant.now().getEpochSecond() + 604_800)));
        return item;
    }
}
