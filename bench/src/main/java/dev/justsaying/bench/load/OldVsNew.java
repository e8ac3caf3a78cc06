package dev.justsaying.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The original article's comparison: the old in-process API ({@code PUT /legacy/restaurants/{id}/status}, SQL and
 * SMS in the request, 200) against the new queued one ({@code PUT /restaurants/{id}/status}, 202) under the same
 * open-loop load, rate after rate, the two paths alternating. Starts restaurant-status as a child process on the
 * local profile, its local stack in a JVM of its own by default ({@code --stack}), or targets {@code --url}; reports
 * latency percentiles, throughput, errors and the CPU per 1,000 requests of the service's JVM, the stack's JVM and
 * PostgreSQL, and writes a Markdown report with SVG charts.
 */
@Command(name = "old-vs-new", mixinStandardHelpOptions = true,
        description = "Legacy (SQL + SMS in the request) vs queued (202) restaurant-status API under open-loop load.")
public final class OldVsNew implements Callable<Integer> {

    private static final String BODY = "{\"status\":\"CLOSED\",\"reason\":\"load test\",\"notify\":%b}";
    private static final int RESTAURANTS = 1000;
    private static final String ACTIVE_REQUESTS = "/actuator/metrics/http.server.requests.active";
    private static final Pattern ACTIVE_TASKS =
            Pattern.compile("\"ACTIVE_TASKS\",\\s*\"value\"\\s*:\\s*([0-9.]+)");
    private static final Duration QUIET_TIMEOUT = Duration.ofMinutes(3);

    /** The two APIs compared. */
    enum Api {
        LEGACY("legacy", "/legacy/restaurants/{id}/status"),
        QUEUED("new (202)", "/restaurants/{id}/status");

        final String label;
        final String path;

        Api(String label, String path) {
            this.label = label;
            this.path = path;
        }
    }

    /** One run of one API at one rate, with the CPU seconds spent during it. */
    record Measurement(int rate, Api api, LoadResult result, CpuUse cpu) { }

    @Option(names = "--url", description = "Target this running service (127.0.0.1/localhost) instead of starting one.")
    String url;

    @Option(names = "--jar", description = "The service jar to start (default ${DEFAULT-VALUE}).")
    Path jar = Path.of("restaurant-status/target/restaurant-status.jar");

    @Option(names = "--stack", converter = StackMode.Converter.class, description = "Where the started service's "
            + "local stack runs: separate (a JVM of its own, started once: the service JVM's CPU is the service's) or "
            + "in-process (inside the service's JVM, as the README's run command has it); default separate.")
    StackMode stack = StackMode.SEPARATE;

    @Option(names = "--roles", description = "restaurant-status.roles of the started service (default ${DEFAULT-VALUE}:"
            + " the API tier alone, as deployed; 'api,worker' adds the Worker and its backlog to the same process).")
    String roles = "api";

    @Option(names = "--service-java-options", description = "JVM options of the started service, passed as "
            + "JDK_JAVA_OPTIONS (e.g. a JFR recording or GC flags; default none).")
    String serviceJavaOptions = "";

    @Option(names = "--apis", split = ",", description = "The paths to run: LEGACY, QUEUED or both (default "
            + "${DEFAULT-VALUE}); QUEUED alone profiles the 202 path without the legacy path's load.")
    List<Api> apis = List.of(Api.LEGACY, Api.QUEUED);

    @Option(names = "--rates", split = ",", description = "Requests per second, in order (default ${DEFAULT-VALUE}).")
    List<Integer> rates = List.of(50, 100, 200, 500);

    @Option(names = "--seconds", description = "Length of each measured run (default ${DEFAULT-VALUE}).")
    int seconds = 30;

    @Option(names = "--warmup-seconds", description = "Least unmeasured load per API first, at the first rate "
            + "(default ${DEFAULT-VALUE}; see --warmup-until-settled).")
    int warmupSeconds = 15;

    @Mixin
    JitWarmUp warmUp = new JitWarmUp();

    @Option(names = "--warmup-rate", description = "Requests per second while warming up (default: the first rate).")
    Integer warmupRate;

    @Option(names = "--pause-seconds", description = "Quiet time between runs, after the service has no request "
            + "in progress (default ${DEFAULT-VALUE}).")
    int pauseSeconds = 3;

    @Option(names = "--max-connections", description = "Most requests in flight (default ${DEFAULT-VALUE}).")
    int maxConnections = 512;

    @Option(names = "--timeout-seconds", description = "A request's time limit (default ${DEFAULT-VALUE}).")
    int timeoutSeconds = 30;

    @Option(names = "--out", description = "Report directory (default ${DEFAULT-VALUE}).")
    Path out = Path.of("bench/results/old-vs-new");

    public static void main(String[] args) {
        System.exit(new CommandLine(new OldVsNew()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        String command = commandLine();
        String loadBefore = loadAverage();
        System.out.println("command: " + command);
        System.out.printf("JDK %s, %d cores, load average %s%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), loadBefore);
        try (LocalDeployment deployment = url == null ? LocalDeployment.start(stack, jar, out) : null;
             ServiceProcess service = deployment == null ? null : deployment.startService(Map.of(
                     "RESTAURANT_STATUS_ROLES", roles, "JDK_JAVA_OPTIONS", serviceJavaOptions),
                     out.resolve("service.log"))) {
            String target = service != null ? service.url().toString() : url;
            List<Measurement> measured = measure(deployment, service, target);
            String environment = warmUp.environment(loadBefore);
            OldVsNewReport report = new OldVsNewReport(measured, command, environment);
            System.out.println();
            System.out.println(report.table());
            System.out.println(report.targets());
            report.write(out);
            System.out.println("report: " + out.resolve(OldVsNewReport.REPORT));
            return 0;
        }
    }

    private List<Measurement> measure(LocalDeployment deployment, ServiceProcess service, String target) {
        OpenLoopLoad load = new OpenLoopLoad(maxConnections, Duration.ofSeconds(timeoutSeconds));
        PrintStream progress = System.err;
        for (Api api : apis) {
            warmUp.forSeconds("warm-up " + api.label, () -> cpu(deployment, service), warmupSeconds,
                    runSeconds -> load.run(target, template(api), warmupRate(), runSeconds, "warm-up " + api.label,
                            progress));
            awaitQuiet(target);
        }
        List<Measurement> measured = new ArrayList<>();
        System.out.println(OldVsNewReport.header());
        for (int index = 0; index < rates.size(); index++) {
            int rate = rates.get(index);
            List<Api> order = new ArrayList<>(apis);
            if (index % 2 == 1) {
                Collections.reverse(order);
            }
            for (Api api : order) {
                awaitQuiet(target);
                CpuUse before = cpu(deployment, service);
                LoadResult result = load.run(target, template(api), rate, seconds, api.label + " @" + rate + "/s",
                        progress);
                Measurement measurement = new Measurement(rate, api, result,
                        cpu(deployment, service).minus(before));
                System.out.println(OldVsNewReport.row(measurement));
                measured.add(measurement);
            }
        }
        return measured;
    }

    /** The CPU seconds so far; not measured when targeting --url (no process to read). */
    private static CpuUse cpu(LocalDeployment deployment, ServiceProcess service) {
        return deployment == null ? CpuUse.UNMEASURED : deployment.cpu(service);
    }

    /** The request of {@code api}'s path, over 1,000 restaurants with one body (shared with other benchmarks). */
    static RequestTemplate template(Api api) {
        return template(api, true);
    }

    /** The same, with {@code notify} as given: false asks the Worker to text nobody. */
    static RequestTemplate template(Api api, boolean notify) {
        return new RequestTemplate("PUT", api.path, BODY.formatted(notify), apiKey(), RESTAURANTS);
    }

    /** The local profile's placeholder key unless RESTAURANT_STATUS_API_KEY says otherwise. */
    static String apiKey() {
        String key = System.getenv("RESTAURANT_STATUS_API_KEY");
        return key == null || key.isBlank() ? "local-dev-key" : key;
    }

    /**
     * Waits (up to {@link #QUIET_TIMEOUT}) until the service has no request in progress but the one asking
     * (Spring's {@code http.server.requests.active}), then {@code --pause-seconds}: requests the last run left
     * behind, e.g. an overloaded legacy run's, must not run into the next one. An answer that does not come in time
     * means the service is still busy.
     */
    private void awaitQuiet(String target) {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest active = HttpRequest.newBuilder(URI.create(target).resolve(ACTIVE_REQUESTS))
                .timeout(Duration.ofSeconds(20)).build();
        long deadline = System.nanoTime() + QUIET_TIMEOUT.toNanos();
        try {
            while (!quiet(client, active)) {
                if (System.nanoTime() > deadline) {
                    System.err.println("still busy after " + QUIET_TIMEOUT + "; going on");
                    break;
                }
                TimeUnit.SECONDS.sleep(1);
            }
            TimeUnit.SECONDS.sleep(pauseSeconds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static boolean quiet(HttpClient client, HttpRequest active) throws InterruptedException {
        try {
            HttpResponse<String> answer = client.send(active, HttpResponse.BodyHandlers.ofString());
            Matcher tasks = ACTIVE_TASKS.matcher(answer.body());
            return answer.statusCode() != 200 || !tasks.find() || Double.parseDouble(tasks.group(1)) <= 1;
        } catch (HttpTimeoutException busy) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ACTIVE_REQUESTS + " from " + active.uri(), e);
        }
    }

    private String commandLine() {
        return String.format(Locale.ROOT, "old-vs-new %s--roles %s --service-java-options '%s' --apis %s --rates %s "
                        + "--seconds %d --warmup-seconds %d "
                        + "--warmup-rate %d %s --pause-seconds %d --max-connections %d --timeout-seconds %d",
                url == null ? "--jar " + jar + " --stack " + stack.option + " " : "--url " + url + " ", roles,
                serviceJavaOptions,
                String.join(",", apis.stream().map(Api::name).toList()),
                String.join(",", rates.stream().map(String::valueOf).toList()), seconds, warmupSeconds,
                warmupRate(), warmUp.commandLine(), pauseSeconds, maxConnections, timeoutSeconds);
    }

    /** Requests per second while warming up: {@code --warmup-rate}, else the first rate. */
    private int warmupRate() {
        return warmupRate == null ? rates.get(0) : warmupRate;
    }

    /** The line every load report opens with: when, on which JDK and cores, and the load average before and after. */
    static String environment(String loadBefore) {
        return String.format(Locale.ROOT, "%s, JDK %s, %d cores, load average before %s, after %s", Instant.now(),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), loadBefore,
                loadAverage());
    }

    /** The 1, 5 and 15 minute load averages from {@code /proc/loadavg}, or "unknown". */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
