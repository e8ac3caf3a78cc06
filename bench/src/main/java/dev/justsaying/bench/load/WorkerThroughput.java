package dev.justsaying.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Issue 7 report 3: how many commands per second the Worker carries out end to end (Queued → Succeeded), with its
 * SQL batched (one {@code UPDATE … WHERE id = ANY(?)} per target status for a whole batch) or one {@code UPDATE}
 * per command (the legacy path's way, {@code restaurant-status.worker.sql-mode=per-command}), texting each
 * restaurant (SMS stub at 200 ms) or not. Per SQL mode it starts restaurant-status (API and Worker in one process,
 * local profile), against one local stack in a JVM of its own by default ({@code --stack}). Each run pauses the Worker's receiving (actuator {@code worker}), fills the queue through the
 * 202 path, resumes, and times the drain by the service's lifecycle histogram count, scraped every half second
 * together with the Worker's stage timers (state, sql, sms, event; and a whole try), so the Worker's rate is not
 * bounded by how fast the API accepts. Prints a table and writes a Markdown report with SVG charts.
 */
@Command(name = "worker-throughput", mixinStandardHelpOptions = true,
        description = "restaurant-status Worker: commands/s from a pre-filled queue, batched vs per-command SQL, "
                + "SMS off and on.")
public final class WorkerThroughput implements Callable<Integer> {

    private static final String LIFECYCLE_COUNT = CompletionTime.LIFECYCLE + "_count";
    private static final String STAGE = "restaurant_status_worker_stage_seconds";
    private static final String TRY = "restaurant_status_worker_command_seconds";
    /** The Worker's stages, then {@value #WHOLE_TRY}: one try of one command from its batch's start. */
    private static final List<String> TIMERS = List.of("state", "sql", "sms", "event", "try");
    private static final String WHOLE_TRY = "try";
    private static final Map<String, String> COLOURS = Map.of("state", "#1f77b4", "sql", "#d62728",
            "sms", "#2ca02c", "event", "#9467bd", WHOLE_TRY, "#000000");
    private static final String WORKER = "/actuator/worker";
    private static final String QUEUE_DEPTH = "restaurant_status_queue_depth";
    private static final String QUEUE_IN_FLIGHT = "restaurant_status_queue_in_flight";
    private static final String COMMANDS_QUEUE = "queue=\"restaurant-status-commands\"";
    private static final Pattern IN_FLIGHT = Pattern.compile("\"inFlight\"\\s*:\\s*(\\d+)");
    private static final Duration POLL = Duration.ofMillis(500);
    private static final double TARGET_RATIO = 5;
    private static final String BATCHED = "batched";
    private static final String PER_COMMAND = "per-command";

    /**
     * The drain at one moment: seconds since the Worker resumed, commands completed since the fill began, and the
     * Worker's timers (the stages and a whole try) as total seconds and counts so far.
     */
    record Snapshot(double seconds, long completed, Map<String, Double> sums, Map<String, Double> counts) {

        static Snapshot of(PrometheusScrape scrape, double seconds, double completedBefore) {
            Map<String, Double> sums = new HashMap<>();
            Map<String, Double> counts = new HashMap<>();
            for (String timer : TIMERS) {
                String metric = WHOLE_TRY.equals(timer) ? TRY : STAGE;
                String label = WHOLE_TRY.equals(timer) ? "outcome=\"succeeded\"" : "stage=\"" + timer + "\"";
                sums.put(timer, scrape.sum(metric + "_sum", label));
                counts.put(timer, scrape.sum(metric + "_count", label));
            }
            return new Snapshot(seconds, Math.round(scrape.sum(LIFECYCLE_COUNT, "") - completedBefore), sums, counts);
        }

        /** The mean of {@code timer} over what was timed since {@code earlier}, in ms; NaN if nothing was. */
        double meanMillis(Snapshot earlier, String timer) {
            double count = counts.get(timer) - earlier.counts.get(timer);
            return count <= 0 ? Double.NaN : (sums.get(timer) - earlier.sums.get(timer)) * 1000 / count;
        }
    }

    /**
     * One drain.
     *
     * @param accepted     commands the fill had accepted (202)
     * @param early        of those, completed before the Worker was resumed (received before the pause took hold)
     * @param drainSeconds from the resume to the scrape that first counted every accepted command completed
     * @param timeline     the snapshots from the resume on
     * @param cpu          the CPU seconds the processes used during the drain
     */
    record Measurement(String sqlMode, boolean sms, int repeat, long accepted, long early, double drainSeconds,
                       List<Snapshot> timeline, CpuUse cpu) {

        long drained() {
            return timeline.get(timeline.size() - 1).completed() - early;
        }

        double perSecond() {
            return drainSeconds <= 0 ? 0 : drained() / drainSeconds;
        }

        double meanMillis(String timer) {
            return timeline.get(timeline.size() - 1).meanMillis(timeline.get(0), timer);
        }

        String label() {
            return sqlMode + ", SMS " + (sms ? "on" : "off");
        }
    }

    @Option(names = "--jar", description = "The service jar to start (default ${DEFAULT-VALUE}).")
    Path jar = Path.of("restaurant-status/target/restaurant-status.jar");

    @Option(names = "--stack", converter = StackMode.Converter.class, description = "Where the local stack runs: "
            + "separate (a JVM of its own, started once for every service started: the service JVM's CPU is the "
            + "service's) or in-process (inside each service's JVM, as the README's run command has it); default "
            + "separate.")
    StackMode stack = StackMode.SEPARATE;

    @Option(names = "--sql-modes", split = ",", description = "restaurant-status.worker.sql-mode values to compare "
            + "(default ${DEFAULT-VALUE}).")
    List<String> sqlModes = List.of(BATCHED, PER_COMMAND);

    @Option(names = "--commands", description = "Commands per measured drain (default ${DEFAULT-VALUE}).")
    int commands = 4000;

    @Option(names = "--warmup-commands", description = "Commands per unmeasured drain, SMS off and on, after each "
            + "start; the pair repeats until the JIT settles, see --warmup-until-settled (default ${DEFAULT-VALUE}).")
    int warmupCommands = 1000;

    /** Warm-up by batches, not seconds: its minimum is one pair of warm-up drains. */
    @Mixin
    JitWarmUp warmUp = new JitWarmUp();

    @Option(names = "--fill-rate", description = "Requests per second while filling the queue (default "
            + "${DEFAULT-VALUE}).")
    int fillRate = 400;

    @Option(names = "--repeats", description = "Rounds; each starts every SQL mode afresh, the order alternating "
            + "(default ${DEFAULT-VALUE}).")
    int repeats = 2;

    @Option(names = "--worker-concurrency", description = "restaurant-status.worker.concurrency of the started "
            + "service (default ${DEFAULT-VALUE}).")
    int workerConcurrency = 64;

    @Option(names = "--parallelism", description = "restaurant-status.worker.parallelism (default: the service's "
            + "own, 40).")
    Integer parallelism;

    @Option(names = "--drain-timeout-seconds", description = "Longest wait for one drain (default ${DEFAULT-VALUE}).")
    int drainTimeoutSeconds = 300;

    @Option(names = "--out", description = "Report directory (default ${DEFAULT-VALUE}).")
    Path out = Path.of("bench/results/worker-throughput");

    private final HttpClient http = HttpClient.newHttpClient();

    public static void main(String[] args) {
        System.exit(new CommandLine(new WorkerThroughput()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        String command = commandLine();
        String loadBefore = OldVsNew.loadAverage();
        System.out.println("command: bench/run " + WorkerThroughput.class.getName() + " " + command);
        System.out.printf("JDK %s, %d cores, load average %s%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), loadBefore);
        OpenLoopLoad load = new OpenLoopLoad(512, Duration.ofSeconds(30));
        List<Measurement> measured = new ArrayList<>();
        System.out.println(header());
        try (LocalDeployment deployment = LocalDeployment.start(stack, jar, out)) {
            for (int repeat = 1; repeat <= repeats; repeat++) {
                List<String> modes = new ArrayList<>(sqlModes);
                if (repeat % 2 == 0) {
                    Collections.reverse(modes);
                }
                for (String mode : modes) {
                    try (ServiceProcess service = deployment.startService(environment(mode),
                            out.resolve("service-" + mode + ".log"))) {
                        warmUp.batches("warm-up " + mode + " round " + repeat, () -> deployment.cpu(service), () -> {
                            drain(deployment, service, load, mode, false, 0, warmupCommands);
                            drain(deployment, service, load, mode, true, 0, warmupCommands);
                        });
                        for (boolean sms : repeat % 2 == 1 ? List.of(false, true) : List.of(true, false)) {
                            Measurement measurement = drain(deployment, service, load, mode, sms, repeat, commands);
                            System.out.println(row(measurement));
                            measured.add(measurement);
                        }
                    }
                }
            }
        }
        String environment = warmUp.environment(loadBefore);
        System.out.println();
        System.out.println(ratios(measured));
        write(measured, command, environment);
        System.out.println("report: " + out.resolve("report.md"));
        return 0;
    }

    private Map<String, String> environment(String mode) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "RESTAURANT_STATUS_ROLES", "api,worker",
                "RESTAURANT_STATUS_WORKER_SQL_MODE", mode,
                "RESTAURANT_STATUS_WORKER_CONCURRENCY", Integer.toString(workerConcurrency)));
        if (parallelism != null) {
            environment.put("RESTAURANT_STATUS_WORKER_PARALLELISM", parallelism.toString());
        }
        return environment;
    }

    /** Pause, fill {@code count} commands through the 202 path, resume, and follow the drain to its end. */
    private Measurement drain(LocalDeployment deployment, ServiceProcess service, OpenLoopLoad load, String mode,
                              boolean sms, int repeat, int count) {
        URI target = service.url();
        String label = (repeat == 0 ? "warm-up " : "") + mode + " SMS " + (sms ? "on" : "off");
        awaitEmptyQueue(target);
        setPaused(target, true);
        awaitIdle(target);
        double completedBefore = PrometheusScrape.of(http, target).sum(LIFECYCLE_COUNT, "");
        LoadResult fill = load.run(target.toString(), OldVsNew.template(OldVsNew.Api.QUEUED, sms), fillRate,
                Math.max(1, count / fillRate), "fill " + label, System.err);
        PrometheusScrape atResume = PrometheusScrape.of(http, target);
        CpuUse cpuBefore = deployment.cpu(service);
        long resumed = System.nanoTime();
        setPaused(target, false);
        List<Snapshot> timeline = new ArrayList<>(List.of(Snapshot.of(atResume, 0, completedBefore)));
        long early = timeline.get(0).completed();
        long deadline = resumed + TimeUnit.SECONDS.toNanos(drainTimeoutSeconds);
        while (timeline.get(timeline.size() - 1).completed() < fill.succeeded() && System.nanoTime() < deadline) {
            pause(POLL);
            deployment.requireRunning(service);
            timeline.add(Snapshot.of(PrometheusScrape.of(http, target), (System.nanoTime() - resumed) / 1e9,
                    completedBefore));
            System.err.printf(Locale.ROOT, "\rdrain %s: %,d of %,d", label,
                    timeline.get(timeline.size() - 1).completed(), fill.succeeded());
        }
        System.err.println();
        Snapshot last = timeline.get(timeline.size() - 1);
        if (last.completed() < fill.succeeded()) {
            System.err.printf("drain %s: %,d commands not Succeeded after %d s%n", label,
                    fill.succeeded() - last.completed(), drainTimeoutSeconds);
        }
        return new Measurement(mode, sms, repeat, fill.succeeded(), early, last.seconds(), List.copyOf(timeline),
                deployment.cpu(service).minus(cpuBefore));
    }

    private void setPaused(URI target, boolean paused) {
        HttpRequest request = HttpRequest.newBuilder(target.resolve(WORKER)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + OldVsNew.apiKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"paused\": " + paused + "}")).build();
        HttpResponse<String> answer = send(request);
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("POST " + WORKER + " answered " + answer.statusCode() + ": "
                    + answer.body());
        }
    }

    /**
     * Waits (the Worker running) until the commands queue is empty by the service's own polled gauges (visible and
     * in flight, every region) and no command has completed for two seconds: commands left over by the last run
     * (retried ones, requests answered after the load gave up on them) must not count in the next.
     */
    private void awaitEmptyQueue(URI target) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(drainTimeoutSeconds);
        double lastCount = -1;
        int quietReadings = 0;
        while (quietReadings < 4) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the commands queue is not empty after " + drainTimeoutSeconds + " s");
            }
            PrometheusScrape scrape = PrometheusScrape.of(http, target);
            double queued = scrape.sum(QUEUE_DEPTH, COMMANDS_QUEUE) + scrape.sum(QUEUE_IN_FLIGHT, COMMANDS_QUEUE);
            double count = scrape.sum(LIFECYCLE_COUNT, "");
            quietReadings = queued == 0 && count == lastCount ? quietReadings + 1 : 0;
            lastCount = count;
            pause(POLL);
        }
    }

    /** Waits until the paused Worker has no command in flight (what it had received is done), twice in a row. */
    private void awaitIdle(URI target) {
        HttpRequest request = HttpRequest.newBuilder(target.resolve(WORKER)).timeout(Duration.ofSeconds(30)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(drainTimeoutSeconds);
        int idleReadings = 0;
        while (idleReadings < 2) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the Worker still has commands in flight after "
                        + drainTimeoutSeconds + " s");
            }
            Matcher inFlight = IN_FLIGHT.matcher(send(request).body());
            idleReadings = inFlight.find() && Integer.parseInt(inFlight.group(1)) == 0 ? idleReadings + 1 : 0;
            pause(POLL);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Between polls (what is waited for is a count, not the time). */
    private static void pause(Duration interval) {
        try {
            TimeUnit.MILLISECONDS.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static String header() {
        return "| round | SQL | SMS | commands | early | drain s | commands/s | " + CpuUse.HEADER_CELLS
                + " | try ms | state ms | sql ms | sms ms | event ms |\n" + "|---".repeat(12 + CpuUse.COLUMNS) + "|";
    }

    static String row(Measurement m) {
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT,
                "| %d | %s | %s | %,d | %,d | %.1f | %.1f | %s |", m.repeat(), m.sqlMode(), m.sms() ? "on" : "off",
                m.drained(), m.early(), m.drainSeconds(), m.perSecond(), m.cpu().perThousandCells(m.drained())));
        for (String timer : List.of(WHOLE_TRY, "state", "sql", "sms", "event")) {
            double mean = m.meanMillis(timer);
            row.append(Double.isNaN(mean) ? " – |" : String.format(Locale.ROOT, " %.1f |", mean));
        }
        return row.toString();
    }

    /** Batched over per-command commands/s, by SMS setting and round, and whether SMS off reaches 5×. */
    static String ratios(List<Measurement> measured) {
        StringBuilder text = new StringBuilder("| round | SMS | batched/s | per-command/s | batched ÷ per-command |\n"
                + "|---|---|---|---|---|\n");
        List<Double> smsOff = new ArrayList<>();
        for (Measurement batched : measured) {
            if (!batched.sqlMode().equals(BATCHED)) {
                continue;
            }
            Optional<Measurement> perCommand = measured.stream().filter(m -> m.sqlMode().equals(PER_COMMAND)
                    && m.sms() == batched.sms() && m.repeat() == batched.repeat()).findFirst();
            perCommand.ifPresent(other -> {
                double ratio = batched.perSecond() / other.perSecond();
                if (!batched.sms()) {
                    smsOff.add(ratio);
                }
                text.append(String.format(Locale.ROOT, "| %d | %s | %.1f | %.1f | %.2f× |%n", batched.repeat(),
                        batched.sms() ? "on" : "off", batched.perSecond(), other.perSecond(), ratio));
            });
        }
        text.append(smsOff.isEmpty() ? "\ntarget batched ≥ 5× per-command with SMS off: not measured\n"
                : String.format(Locale.ROOT, "%ntarget batched ≥ %.0f× per-command with SMS off: %s → %s%n",
                        TARGET_RATIO, smsOff.stream().map(r -> String.format(Locale.ROOT, "%.2f×", r)).toList(),
                        smsOff.stream().allMatch(r -> r >= TARGET_RATIO) ? "met" : "NOT met"));
        return text.toString();
    }

    private void write(List<Measurement> measured, String command, String environment) throws IOException {
        Files.createDirectories(out);
        int lastRound = measured.stream().mapToInt(Measurement::repeat).max().orElse(0);
        List<Measurement> last = measured.stream().filter(m -> m.repeat() == lastRound).toList();
        SvgLineChart drains = new SvgLineChart("Commands completed per second while the queue drains (round "
                + lastRound + ")", "seconds since the Worker resumed", "commands per second (log scale)", false);
        String[] colours = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd"};
        for (int index = 0; index < last.size(); index++) {
            Measurement m = last.get(index);
            drains.add(new SvgLineChart.Series(m.label(), colours[index % colours.length],
                    m.sms() ? "" : "6 4", rates(m.timeline())));
        }
        Files.writeString(out.resolve("drain.svg"), drains.toSvg(), StandardCharsets.UTF_8);
        List<String> charts = new ArrayList<>(List.of("![commands per second while draining](drain.svg)"));
        for (Measurement m : last) {
            String file = "stages-" + m.sqlMode() + "-sms-" + (m.sms() ? "on" : "off") + ".svg";
            SvgLineChart stages = new SvgLineChart("Worker stages, " + m.label() + ": mean per call, per second",
                    "seconds since the Worker resumed", "milliseconds (log scale)", false);
            for (String timer : TIMERS) {
                stages.add(new SvgLineChart.Series(WHOLE_TRY.equals(timer) ? "whole try" : timer,
                        COLOURS.get(timer), WHOLE_TRY.equals(timer) ? "6 4" : "", means(m.timeline(), timer)));
            }
            Files.writeString(out.resolve(file), stages.toSvg(), StandardCharsets.UTF_8);
            charts.add("![stages, " + m.label() + "](" + file + ")");
        }
        Files.writeString(out.resolve("report.md"), String.join("\n",
                "# Worker throughput (issue 7 report 3)",
                "",
                "Command: `bench/run " + WorkerThroughput.class.getName() + " " + command + "`",
                "",
                "Environment: " + environment,
                "",
                "`commands/s`: the commands drained from a pre-filled queue over the time from the Worker's resume to",
                "the scrape (every " + POLL.toMillis() + " ms) that first counted them all `Succeeded`. `early`: received"
                        + " before the pause took hold,",
                "not counted. Stage columns: mean per call over the drain (`try`: one command's try from its batch's"
                        + " start). CPU: user + system seconds per 1,000 commands drained, of the service's JVM, the",
                "local stack's JVM (n/a with `--stack in-process`: inside the service's JVM) and PostgreSQL.",
                CpuUse.EXCLUDING_JIT,
                "",
                header(),
                String.join("\n", measured.stream().map(WorkerThroughput::row).toList()),
                "",
                ratios(measured),
                String.join("\n", charts),
                ""), StandardCharsets.UTF_8);
    }

    /** Commands completed per second between consecutive snapshots, over a second or more each. */
    private static List<double[]> rates(List<Snapshot> timeline) {
        List<double[]> points = new ArrayList<>();
        Snapshot from = timeline.get(0);
        for (Snapshot to : timeline) {
            if (to.seconds() - from.seconds() >= 1) {
                points.add(new double[] {to.seconds(), (to.completed() - from.completed())
                        / (to.seconds() - from.seconds())});
                from = to;
            }
        }
        return points;
    }

    /** A timer's mean per call between consecutive snapshots a second or more apart, in ms. */
    private static List<double[]> means(List<Snapshot> timeline, String timer) {
        List<double[]> points = new ArrayList<>();
        Snapshot from = timeline.get(0);
        for (Snapshot to : timeline) {
            if (to.seconds() - from.seconds() >= 1) {
                double mean = to.meanMillis(from, timer);
                if (!Double.isNaN(mean)) {
                    points.add(new double[] {to.seconds(), mean});
                }
                from = to;
            }
        }
        return points;
    }

    private String commandLine() {
        return String.format(Locale.ROOT, "--stack %s --sql-modes %s --commands %d --warmup-commands %d %s "
                        + "--fill-rate %d --repeats %d --worker-concurrency %d%s --drain-timeout-seconds %d",
                stack.option, String.join(",", sqlModes), commands, warmupCommands, warmUp.commandLine(), fillRate,
                repeats, workerConcurrency,
                parallelism == null ? "" : " --parallelism " + parallelism, drainTimeoutSeconds);
    }
}
