package dev.justsaying.bench.load;

import dev.justsaying.bench.load.OldVsNew.Api;
import dev.justsaying.bench.load.OldVsNew.Measurement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * The old-vs-new figures as a Markdown table, the issue-7 targets checked against them, and two SVG charts
 * (latency percentiles per rate; latency over time at the top rate), written into one directory.
 */
final class OldVsNewReport {

    static final String REPORT = "report.md";
    static final String BY_RATE_CHART = "latency-by-rate.svg";
    static final String OVER_TIME_CHART = "latency-over-time.svg";

    /** Issue 7: the 202 path at this rate must meet the limits below. */
    private static final int TARGET_RATE = 500;
    private static final double TARGET_P50_MS = 2;
    private static final double TARGET_P99_MS = 10;
    private static final double TARGET_P999_MS = 25;
    private static final double TARGET_P99_RATIO = 20;

    private static final String LEGACY_COLOUR = "#c0392b";
    private static final String QUEUED_COLOUR = "#1f5fa8";

    private final List<Measurement> measured;
    private final String command;
    private final String environment;

    OldVsNewReport(List<Measurement> measured, String command, String environment) {
        this.measured = List.copyOf(measured);
        this.command = command;
        this.environment = environment;
    }

    static String header() {
        return "| rate/s | API | sent | 2xx | errors | achieved/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms "
                + "| " + CpuUse.HEADER_CELLS + " |\n" + "|---".repeat(11 + CpuUse.COLUMNS) + "|";
    }

    static String row(Measurement m) {
        LoadResult r = m.result();
        String errors = r.errors().isEmpty() ? "0" : r.errors().entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%,d %s", e.getValue(), e.getKey()))
                .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "| %d | %s | %,d | %,d | %s | %,.0f | %s | %s | %s | %s | %s | %s |",
                m.rate(), m.api().label, r.scheduled(), r.succeeded(), errors, r.achievedPerSecond(),
                millis(r, 50), millis(r, 90), millis(r, 99), millis(r, 99.9), r.succeeded() == 0 ? "–"
                        : String.format(Locale.ROOT, "%.1f", r.maxMillis()),
                m.cpu().perThousandCells(r.scheduled()));
    }

    String table() {
        return header() + "\n" + measured.stream().map(OldVsNewReport::row).collect(Collectors.joining("\n"));
    }

    /** The issue-7 targets against what the 202 path measured at 500 req/s (or says that rate was not run). */
    String targets() {
        Optional<Measurement> queued = at(TARGET_RATE, Api.QUEUED);
        Optional<Measurement> legacy = at(TARGET_RATE, Api.LEGACY);
        if (queued.isEmpty() || legacy.isEmpty()) {
            return "Issue-7 targets are stated at " + TARGET_RATE + " req/s, which this run did not include.";
        }
        LoadResult q = queued.get().result();
        LoadResult l = legacy.get().result();
        double ratio = l.percentileMillis(99) / q.percentileMillis(99);
        return String.join("\n",
                "| issue-7 target (202 path at " + TARGET_RATE + " req/s) | measured | met? |",
                "|---|---|---|",
                target("p50 ≤ " + (int) TARGET_P50_MS + " ms", q.percentileMillis(50), TARGET_P50_MS, q),
                target("p99 ≤ " + (int) TARGET_P99_MS + " ms", q.percentileMillis(99), TARGET_P99_MS, q),
                target("p99.9 ≤ " + (int) TARGET_P999_MS + " ms", q.percentileMillis(99.9), TARGET_P999_MS, q),
                String.format(Locale.ROOT, "| p99 ≥ %.0f× lower than legacy | %.1f× (legacy p99 %.1f ms) | %s |",
                        TARGET_P99_RATIO, ratio, l.percentileMillis(99), ratio >= TARGET_P99_RATIO ? "yes" : "no"),
                String.format(Locale.ROOT, "| errors: none | %,d | %s |", q.errorCount(),
                        q.errorCount() == 0 ? "yes" : "no"));
    }

    private static String target(String name, double measuredMs, double limitMs, LoadResult result) {
        boolean met = result.succeeded() > 0 && measuredMs <= limitMs;
        return String.format(Locale.ROOT, "| %s | %.2f ms | %s |", name, measuredMs, met ? "yes" : "no");
    }

    void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(BY_RATE_CHART), byRateChart().toSvg(), StandardCharsets.UTF_8);
        Files.writeString(directory.resolve(OVER_TIME_CHART), overTimeChart().toSvg(), StandardCharsets.UTF_8);
        Files.writeString(directory.resolve(REPORT), markdown(), StandardCharsets.UTF_8);
    }

    private String markdown() {
        return String.join("\n",
                "# Old vs new: restaurant-status legacy API vs queued API",
                "",
                "Written by `dev.justsaying.bench.load.OldVsNew`. Open-loop load: a fixed arrival rate, each latency "
                        + "from the request's intended send time (so queueing is not hidden), 2xx answers only; "
                        + "other outcomes are counted under errors. CPU is user + system time per 1,000 requests sent "
                        + "(`/proc/<pid>/stat`) of the service's JVM, of the local stack's JVM (ElasticMQ, SNS, "
                        + "DynamoDB Local, the Twilio stub; n/a with `--stack in-process`: then it is inside the "
                        + "service's JVM) and of PostgreSQL's processes. " + CpuUse.EXCLUDING_JIT,
                "",
                "Command: `" + command + "`",
                "",
                "Environment: " + environment,
                "",
                table(),
                "",
                targets(),
                "",
                "![latency percentiles per rate](" + BY_RATE_CHART + ")",
                "",
                "![latency over time at the top rate](" + OVER_TIME_CHART + ")",
                "");
    }

    private SvgLineChart byRateChart() {
        SvgLineChart chart = new SvgLineChart("Latency by arrival rate (open loop)",
                "requests per second (log scale)", "latency, ms (log scale)", true);
        for (Api api : Api.values()) {
            String colour = colour(api);
            chart.add(byRate(api, "p50", "6 4", colour, r -> r.percentileMillis(50)))
                    .add(byRate(api, "p99", "", colour, r -> r.percentileMillis(99)))
                    .add(byRate(api, "p99.9", "2 3", colour, r -> r.percentileMillis(99.9)));
        }
        return chart;
    }

    private SvgLineChart.Series byRate(Api api, String name, String dash, String colour,
                                       ToDoubleFunction<LoadResult> value) {
        List<double[]> points = measured.stream().filter(m -> m.api() == api && m.result().succeeded() > 0)
                .map(m -> new double[] {m.rate(), value.applyAsDouble(m.result())}).toList();
        return new SvgLineChart.Series(api.label + " " + name, colour, dash, points);
    }

    private SvgLineChart overTimeChart() {
        int topRate = measured.stream().mapToInt(Measurement::rate).max().orElse(0);
        SvgLineChart chart = new SvgLineChart("Latency over time at " + topRate + " req/s",
                "second of the run (by intended send time)", "latency, ms (log scale)", false);
        for (Api api : Api.values()) {
            at(topRate, api).ifPresent(m -> chart
                    .add(overTime(m, "p50", "6 4", 50))
                    .add(overTime(m, "p99", "", 99))
                    .add(overTime(m, "max", "2 3", 100)));
        }
        return chart;
    }

    private static SvgLineChart.Series overTime(Measurement m, String name, String dash, double percentile) {
        List<double[]> points = new ArrayList<>();
        List<Histogram> seconds = m.result().perSecondMicros();
        for (int second = 0; second < seconds.size(); second++) {
            Histogram histogram = seconds.get(second);
            if (histogram.getTotalCount() > 0) {
                points.add(new double[] {second + 1, histogram.getValueAtPercentile(percentile) / 1e3});
            }
        }
        return new SvgLineChart.Series(m.api().label + " " + name, colour(m.api()), dash, points);
    }

    private Optional<Measurement> at(int rate, Api api) {
        return measured.stream().filter(m -> m.rate() == rate && m.api() == api).findFirst();
    }

    private static String colour(Api api) {
        return api == Api.LEGACY ? LEGACY_COLOUR : QUEUED_COLOUR;
    }

    private static String millis(LoadResult result, double percentile) {
        return result.succeeded() == 0 ? "–"
                : String.format(Locale.ROOT, "%.2f", result.percentileMillis(percentile));
    }
}
