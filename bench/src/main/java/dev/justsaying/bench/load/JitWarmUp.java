package dev.justsaying.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * The load benchmarks' warm-up: unmeasured load for at least the benchmark's own minimum, then, window after window,
 * until the JIT compilers of the service's JVM and the stack's JVM have settled — each used less than {@code
 * --jit-settled-share} of one core over the last window — or {@code --warmup-max-seconds} have passed. Measured on
 * a cold JVM, a step's figures are mostly C2 compiling (two cores saturated by it for minutes), not the service. A
 * picocli mixin, so every load benchmark has the same options; it prints each warm-up's outcome and keeps them for
 * the report's environment line.
 */
final class JitWarmUp {

    /** Length of the windows the settle rule judges, after the minimum. */
    static final int WINDOW_SECONDS = 10;

    @Option(names = "--warmup-until-settled", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Keep warming up after the minimum (--warmup-seconds) in " + WINDOW_SECONDS + " s windows "
                    + "until the JIT compiler threads of the service's and the stack's JVM have settled, up to "
                    + "--warmup-max-seconds (default on; --no-warmup-until-settled: the minimum only).")
    boolean untilSettled = true;

    @Option(names = "--warmup-max-seconds", description = "Longest warm-up while waiting for the JIT to settle "
            + "(default ${DEFAULT-VALUE}).")
    int maxSeconds = 240;

    @Option(names = "--jit-settled-share", description = "The JIT has settled when each JVM's compiler threads used "
            + "less than this share of one core over the last window (default ${DEFAULT-VALUE}).")
    double settledShare = 0.05;

    private final List<String> outcomes = new ArrayList<>();

    /**
     * Warms up with {@code load} (called with a number of seconds to keep the load up): {@code minimumSeconds}
     * first, then {@link #WINDOW_SECONDS} at a time until settled; {@code cpu} reads the processes' CPU so far.
     */
    void forSeconds(String label, Supplier<CpuUse> cpu, int minimumSeconds, IntConsumer load) {
        run(label, cpu, () -> load.accept(minimumSeconds), () -> load.accept(WINDOW_SECONDS));
    }

    /** Warms up with {@code batch} (e.g. a drain of some commands), repeated until settled; at least once. */
    void batches(String label, Supplier<CpuUse> cpu, Runnable batch) {
        run(label, cpu, batch, batch);
    }

    private void run(String label, Supplier<CpuUse> cpu, Runnable first, Runnable window) {
        long started = System.nanoTime();
        long windowStarted = started;
        CpuUse before = cpu.get();
        first.run();
        while (true) {
            CpuUse now = cpu.get();
            long ended = System.nanoTime();
            Shares shares = Shares.of(now.minus(before), (ended - windowStarted) / 1e9);
            double elapsed = (ended - started) / 1e9;
            boolean settled = shares.settled(settledShare);
            if (!untilSettled || !shares.measured() || settled || elapsed >= maxSeconds) {
                String outcome = label + ": " + describe(shares, settled, elapsed, (ended - windowStarted) / 1e9);
                System.out.println(outcome);
                outcomes.add(outcome);
                return;
            }
            before = now;
            windowStarted = ended;
            window.run();
        }
    }

    private String describe(Shares shares, boolean settled, double elapsed, double windowSeconds) {
        String seconds = String.format(Locale.ROOT, "%.0f s", elapsed);
        if (!shares.measured()) {
            return seconds + ", JIT not measured";
        }
        String busy = String.format(Locale.ROOT, "compiler threads %s (service JVM) / %s (stack JVM) of a core over "
                + "the last %.0f s", percent(shares.service()), percent(shares.stack()), windowSeconds);
        if (!untilSettled) {
            return seconds + " (not waiting for the JIT): " + busy;
        }
        return (settled ? "JIT settled after " : "JIT not settled after ") + seconds + ": " + busy;
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "n/a" : String.format(Locale.ROOT, "%.0f %%", share * 100);
    }

    /** The outcome of every warm-up so far, for the report's environment line. */
    String outcomes() {
        return outcomes.isEmpty() ? "no warm-up" : String.join("; ", outcomes);
    }

    /** A report's environment line ({@link OldVsNew#environment}) followed by the outcome of every warm-up. */
    String environment(String loadBefore) {
        return OldVsNew.environment(loadBefore) + "; " + outcomes();
    }

    /** These options as a command line's text. */
    String commandLine() {
        return String.format(Locale.ROOT, "--%swarmup-until-settled --warmup-max-seconds %d --jit-settled-share %s",
                untilSettled ? "" : "no-", maxSeconds, settledShare);
    }

    /**
     * The share of one core the JIT compiler threads of the service's and the stack's JVM used over a window (NaN
     * where not measured: no stack JVM, no {@code /proc}, or {@code --url}).
     */
    record Shares(double service, double stack) {

        static Shares of(CpuUse used, double seconds) {
            return new Shares(used.serviceCompiler() / seconds, used.stackCompiler() / seconds);
        }

        /** Whether either JVM's compiler threads were measured at all. */
        boolean measured() {
            return !Double.isNaN(service) || !Double.isNaN(stack);
        }

        /** Settled: something was measured, and every measured JVM's compilers stayed below {@code share}. */
        boolean settled(double share) {
            return measured() && below(service, share) && below(stack, share);
        }

        private static boolean below(double used, double share) {
            return Double.isNaN(used) || used < share;
        }
    }
}
