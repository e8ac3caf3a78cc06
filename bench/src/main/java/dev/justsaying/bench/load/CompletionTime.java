package dev.justsaying.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Issue 7 report 4: how long a queued command takes from its 202 to {@code Succeeded}. Starts restaurant-status
 * with the API and the Worker in one process, its local stack in a JVM of its own by default ({@code --stack}), or
 * targets {@code --url}; runs the 202 path open loop at each rate,
 * waits until the Worker has marked every accepted command, and takes the Queued→Succeeded percentiles from the
 * difference of the service's {@code restaurant_status_command_lifecycle_seconds} histogram scraped before and
 * after (so to the resolution of its buckets), with the CPU the processes used from the run's start to the drain's
 * end. Prints a table and writes a Markdown report with an SVG chart.
 */
@Command(name = "completion-time", mixinStandardHelpOptions = true,
        description = "Time from 202 to Succeeded of queued restaurant-status commands, by arrival rate.")
public final class CompletionTime implements Callable<Integer> {

    static final String LIFECYCLE = "restaurant_status_command_lifecycle_seconds";
    private static final double TARGET_P99_SECONDS = 2.0;
    private static final int TARGET_RATE = 200;
    private static final double[] PERCENTILES = {50, 90, 99, 100};

    /**
     * One rate's run: the load's answers, the commands it completed, when the last one was marked and the CPU used
     * until then.
     */
    record Measurement(int rate, LoadResult load, BucketHistogram completions, double secondsToDrain, CpuUse cpu) {
        /** Commands marked Succeeded per second, from the run's first send to the last completion. */
        double completedPerSecond() {
            return secondsToDrain <= 0 ? 0 : completions.count() / secondsToDrain;
        }
    }

    @Option(names = "--url", description = "Target this running service (API and Worker; 127.0.0.1/localhost).")
    String url;

    @Option(names = "--jar", description = "The service jar to start (default ${DEFAULT-VALUE}).")
    Path jar = Path.of("restaurant-status/target/restaurant-status.jar");

    @Option(names = "--stack", converter = StackMode.Converter.class, description = "Where the started service's "
            + "local stack runs: separate (a JVM of its own, started once: the service JVM's CPU is the service's) or "
            + "in-process (inside the service's JVM, as the README's run command has it); default separate.")
    StackMode stack = StackMode.SEPARATE;

    @Option(names = "--worker-concurrency", description = "The started service's Worker concurrency "
            + "(restaurant-status.worker.concurrency; default: the service's own, 100).")
    Integer workerConcurrency;

    @Option(names = "--rates", split = ",", description = "Requests per second, in order (default ${DEFAULT-VALUE}).")
    List<Integer> rates = List.of(50, 100, 200);

    @Option(names = "--seconds", description = "Length of each measured run (default ${DEFAULT-VALUE}).")
    int seconds = 60;

    @Option(names = "--warmup-seconds", description = "Least unmeasured load first (default ${DEFAULT-VALUE}; see "
            + "--warmup-until-settled).")
    int warmupSeconds = 30;

    @Mixin
    JitWarmUp warmUp = new JitWarmUp();

    @Option(names = "--warmup-rate", description = "Requests per second while warming up (default ${DEFAULT-VALUE}).")
    int warmupRate = 50;

    @Option(names = "--drain-timeout-seconds", description = "Longest wait after a run for its commands to complete "
            + "(default ${DEFAULT-VALUE}).")
    int drainTimeoutSeconds = 300;

    @Option(names = "--max-connections", description = "Most requests in flight (default ${DEFAULT-VALUE}).")
    int maxConnections = 512;

    @Option(names = "--timeout-seconds", description = "A request's time limit (default ${DEFAULT-VALUE}).")
    int timeoutSeconds = 30;

    @Option(names = "--out", description = "Report directory (default ${DEFAULT-VALUE}).")
    Path out = Path.of("bench/results/completion-time");

    private final HttpClient scraper = HttpClient.newHttpClient();

    public static void main(String[] args) {
        System.exit(new CommandLine(new CompletionTime()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        String command = commandLine();
        String loadBefore = OldVsNew.loadAverage();
        System.out.println("command: bench/run " + CompletionTime.class.getName() + " " + command);
        Map<String, String> environment = new HashMap<>(Map.of("RESTAURANT_STATUS_ROLES", "api,worker"));
        if (workerConcurrency != null) {
            environment.put("RESTAURANT_STATUS_WORKER_CONCURRENCY", workerConcurrency.toString());
        }
        try (LocalDeployment deployment = url == null ? LocalDeployment.start(stack, jar, out) : null;
             ServiceProcess service = deployment == null ? null
                     : deployment.startService(environment, out.resolve("service.log"))) {
            URI target = service != null ? service.url() : OpenLoopLoad.requireLoopback(url);
            Supplier<CpuUse> cpu = () -> deployment == null ? CpuUse.UNMEASURED : deployment.cpu(service);
            OpenLoopLoad load = new OpenLoopLoad(maxConnections, Duration.ofSeconds(timeoutSeconds));
            warmUp.forSeconds("warm-up", cpu, warmupSeconds,
                    runSeconds -> measure(load, target, cpu, warmupRate, runSeconds, "warm-up"));
            System.out.println(header());
            List<Measurement> measured = new ArrayList<>();
            for (int rate : rates) {
                Measurement measurement = measure(load, target, cpu, rate, seconds, "202 @" + rate + "/s");
                System.out.println(row(measurement));
                measured.add(measurement);
            }
            String machine = warmUp.environment(loadBefore);
            System.out.println();
            System.out.println(verdict(measured));
            write(measured, command, machine);
            System.out.println("report: " + out.resolve("report.md"));
            return 0;
        }
    }

    /** One open-loop run of the 202 path, then the wait until the Worker has marked its accepted commands. */
    private Measurement measure(OpenLoopLoad load, URI target, Supplier<CpuUse> cpu, int rate, int runSeconds,
                                String label) {
        BucketHistogram before = scrape(target);
        CpuUse cpuBefore = cpu.get();
        long started = System.nanoTime();
        LoadResult result = load.run(target.toString(), OldVsNew.template(OldVsNew.Api.QUEUED), rate, runSeconds,
                label, System.err);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(drainTimeoutSeconds);
        BucketHistogram completed = scrape(target).minus(before);
        long lastProgress = started;
        while (completed.count() < result.succeeded() && System.nanoTime() < deadline) {
            pollInterval();
            BucketHistogram now = scrape(target).minus(before);
            if (now.count() > completed.count()) {
                lastProgress = System.nanoTime();
            }
            completed = now;
            System.err.printf("\r%s: %,d of %,d commands succeeded", label, completed.count(), result.succeeded());
        }
        System.err.println();
        if (completed.count() < result.succeeded()) {
            System.err.printf("%s: %,d commands not Succeeded after %d s (failed or still queued)%n", label,
                    result.succeeded() - completed.count(), drainTimeoutSeconds);
        }
        return new Measurement(rate, result, completed, (lastProgress - started) / 1e9, cpu.get().minus(cpuBefore));
    }

    private BucketHistogram scrape(URI target) {
        return PrometheusScrape.of(scraper, target).histogram(LIFECYCLE);
    }

    /** Between scrapes while the queue drains (what is waited for is the count, not the time). */
    private static void pollInterval() {
        try {
            TimeUnit.SECONDS.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static String header() {
        return "| rate/s | 202s | succeeded | not succeeded | completed/s | p50 s | p90 s | p99 s | max s | "
                + CpuUse.HEADER_CELLS + " |\n" + "|---".repeat(9 + CpuUse.COLUMNS) + "|";
    }

    static String row(Measurement m) {
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %d | %,d | %,d | %,d | %.1f |", m.rate(),
                m.load().succeeded(), m.completions().count(), m.load().succeeded() - m.completions().count(),
                m.completedPerSecond()));
        for (double percentile : PERCENTILES) {
            row.append(' ').append(bucket(m.completions(), percentile)).append(" |");
        }
        return row.append(' ').append(m.cpu().perThousandCells(m.load().succeeded())).append(" |").toString();
    }

    /** A percentile as its bucket, "lower–upper" seconds. */
    private static String bucket(BucketHistogram completions, double percentile) {
        if (completions.count() == 0) {
            return "–";
        }
        BucketHistogram.Bucket bucket = completions.percentile(percentile);
        return String.format(Locale.ROOT, "%.3f–%s", bucket.lowerSeconds(), Double.isInfinite(bucket.upperSeconds())
                ? "∞" : String.format(Locale.ROOT, "%.3f", bucket.upperSeconds()));
    }

    /** Whether p99 ≤ 2 s held at 200 commands/s: met if its bucket lies below, not met if above, else undecided. */
    static String verdict(List<Measurement> measured) {
        return measured.stream().filter(m -> m.rate() == TARGET_RATE && m.completions().count() > 0).findFirst()
                .map(m -> {
                    BucketHistogram.Bucket p99 = m.completions().percentile(99);
                    String met = p99.upperSeconds() <= TARGET_P99_SECONDS ? "met"
                            : p99.lowerSeconds() >= TARGET_P99_SECONDS ? "NOT met" : "undecided (bucket spans 2 s)";
                    return String.format(Locale.ROOT, "target p99 ≤ %.0f s at %d/s: p99 in %s s → %s",
                            TARGET_P99_SECONDS, TARGET_RATE, bucket(m.completions(), 99), met);
                })
                .orElse("target p99 ≤ 2 s at 200/s: no run at 200/s");
    }

    private void write(List<Measurement> measured, String command, String environment) throws IOException {
        Files.createDirectories(out);
        SvgLineChart chart = new SvgLineChart("202 → Succeeded by arrival rate (bucket upper bounds)",
                "commands per second (log scale)", "seconds (log scale)", true)
                .add(series(measured, "p50", "6 4", 50))
                .add(series(measured, "p90", "4 2", 90))
                .add(series(measured, "p99", "", 99))
                .add(series(measured, "max", "2 3", 100));
        Files.writeString(out.resolve("completion-by-rate.svg"), chart.toSvg(), StandardCharsets.UTF_8);
        String bounds = measured.stream().findFirst().map(m -> m.completions().cumulative().keySet().stream()
                .filter(bound -> bound >= 0.1 && bound <= 10).map(bound -> String.format(Locale.ROOT, "%.3f", bound))
                .toList().toString()).orElse("[]");
        List<String> rows = measured.stream().map(CompletionTime::row).toList();
        Files.writeString(out.resolve("report.md"), String.join("\n",
                "# Completion time (202 → Succeeded)",
                "",
                "Command: `bench/run " + CompletionTime.class.getName() + " " + command + "`",
                "",
                "Environment: " + environment,
                "",
                "Percentiles are buckets (`lower–upper` seconds) of `" + LIFECYCLE + "`, the difference of two",
                "scrapes around each run; the buckets between 0.1 and 10 s are " + bounds + ". CPU: user + system",
                "seconds per 1,000 commands accepted, from the run's start to its drain's end, of the service's JVM,",
                "the local stack's JVM (n/a with `--stack in-process`: inside the service's JVM) and PostgreSQL.",
                CpuUse.EXCLUDING_JIT,
                "",
                header(),
                String.join("\n", rows),
                "",
                verdict(measured),
                "",
                "![completion percentiles by rate](completion-by-rate.svg)",
                ""), StandardCharsets.UTF_8);
    }

    private static SvgLineChart.Series series(List<Measurement> measured, String name, String dash,
                                              double percentile) {
        ToDoubleFunction<Measurement> upper = m -> m.completions().percentile(percentile).upperSeconds();
        List<double[]> points = measured.stream().filter(m -> m.completions().count() > 0)
                .filter(m -> Double.isFinite(upper.applyAsDouble(m)))
                .map(m -> new double[] {m.rate(), upper.applyAsDouble(m)}).toList();
        return new SvgLineChart.Series(name, "#1f77b4", dash, points);
    }

    private String commandLine() {
        return String.format(Locale.ROOT, "%s%s--rates %s --seconds %d --warmup-seconds %d --warmup-rate %d %s "
                        + "--drain-timeout-seconds %d --max-connections %d --timeout-seconds %d --out %s",
                url == null ? "--jar " + jar + " --stack " + stack.option + " " : "--url " + url + " ",
                workerConcurrency == null ? "" : "--worker-concurrency " + workerConcurrency + " ",
                String.join(",", rates.stream().map(String::valueOf).toList()), seconds, warmupSeconds, warmupRate,
                warmUp.commandLine(), drainTimeoutSeconds, maxConnections, timeoutSeconds, out);
    }
}
