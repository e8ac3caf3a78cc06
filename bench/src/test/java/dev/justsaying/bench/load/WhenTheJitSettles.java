package dev.justsaying.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class WhenTheJitSettles {

    private static CpuUse compilers(double service, double stack) {
        return new CpuUse(100, service, 100, stack, 1);
    }

    @Test
    void bothJvmsMustUseLessThanTheShareOfACoreOverTheWindow() {
        assertThat(JitWarmUp.Shares.of(compilers(0.3, 0.2), 10).settled(0.05)).isTrue();
        assertThat(JitWarmUp.Shares.of(compilers(0.3, 0.6), 10).settled(0.05)).isFalse();
        assertThat(JitWarmUp.Shares.of(compilers(0.6, 0.2), 10).settled(0.05)).isFalse();
        assertThat(JitWarmUp.Shares.of(compilers(0.6, 0.2), 20).settled(0.05)).isTrue();
    }

    @Test
    void aJvmNotMeasuredIsLeftOutButNothingMeasuredNeverSettles() {
        assertThat(JitWarmUp.Shares.of(compilers(0.3, Double.NaN), 10).settled(0.05)).isTrue();
        assertThat(JitWarmUp.Shares.of(CpuUse.UNMEASURED, 10).measured()).isFalse();
        assertThat(JitWarmUp.Shares.of(CpuUse.UNMEASURED, 10).settled(0.05)).isFalse();
    }

    @Command
    static final class Benchmark {
        @Mixin
        JitWarmUp warmUp = new JitWarmUp();
    }

    /** Readings of the compiler seconds so far: each warm-up step adds the next amount. */
    private static final class Compiling {
        private final Deque<Double> steps;
        private double sofar;

        Compiling(Double... steps) {
            this.steps = new ArrayDeque<>(List.of(steps));
        }

        CpuUse read() {
            return new CpuUse(sofar, sofar, Double.NaN, Double.NaN, Double.NaN);
        }

        void step(int seconds) {
            sofar += steps.pop();
        }
    }

    @Test
    void theWarmUpGoesOnWhileTheCompilersAreBusyAndStopsOnceQuiet() {
        Benchmark benchmark = CommandLine.populateCommand(new Benchmark(), "--jit-settled-share", "1000000");
        Compiling compiling = new Compiling(1e9, 1e9, 0.0);
        benchmark.warmUp.forSeconds("warm-up", compiling::read, 0, compiling::step);

        assertThat(compiling.steps).isEmpty();
        assertThat(benchmark.warmUp.outcomes()).startsWith("warm-up: JIT settled after");
    }

    @Test
    void theMaximumEndsAWarmUpThatNeverSettlesAndTheMinimumOnlyWhenNotWaiting() {
        Benchmark bounded = CommandLine.populateCommand(new Benchmark(), "--warmup-max-seconds", "0");
        Compiling busy = new Compiling(1e9, 1e9);
        bounded.warmUp.forSeconds("warm-up", busy::read, 0, busy::step);
        assertThat(busy.steps).hasSize(1);
        assertThat(bounded.warmUp.outcomes()).startsWith("warm-up: JIT not settled after");

        Benchmark minimumOnly = CommandLine.populateCommand(new Benchmark(), "--no-warmup-until-settled");
        Compiling alsoBusy = new Compiling(1e9, 1e9);
        minimumOnly.warmUp.forSeconds("warm-up", alsoBusy::read, 0, alsoBusy::step);
        assertThat(alsoBusy.steps).hasSize(1);
        assertThat(minimumOnly.warmUp.commandLine()).startsWith("--no-warmup-until-settled");
    }

    @Test
    void withoutCompilerReadingsOnlyTheMinimumRuns() {
        Benchmark benchmark = new Benchmark();
        int[] steps = {0};
        benchmark.warmUp.forSeconds("warm-up", () -> CpuUse.UNMEASURED, 5, seconds -> steps[0]++);

        assertThat(steps[0]).isEqualTo(1);
        assertThat(benchmark.warmUp.outcomes()).isEqualTo("warm-up: 0 s, JIT not measured");
    }
}
