package dev.justsaying.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WhenJitCompilerThreadsAreReadFromProc {

    /** A thread's stat line as /proc shows it: utime 1500 and stime 250 are fields 14 and 15. */
    private static String stat(String name) {
        return "4242 (" + name + ") S 4200 4200 4200 0 -1 1077936192 12 0 0 0 1500 250 0 0 20 0 40 0 7000 "
                + "4000000000 30000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 -1 1 0 0 0 0 0";
    }

    @Test
    void utimeAndStimeAreSummedEvenWhenTheNameHasSpacesAndParentheses() {
        assertThat(ProcCpu.cpuTicks(stat("C2 CompilerThre"))).isEqualTo(1750);
        assertThat(ProcCpu.cpuTicks(stat("odd ) name (x) 1 2"))).isEqualTo(1750);
        assertThat(ProcCpu.threadName(stat("odd ) name (x) 1 2"))).isEqualTo("odd ) name (x) 1 2");
    }

    @Test
    void onlyHotSpotsCompilerThreadsCountAsJit() {
        assertThat(ProcCpu.isCompilerThread(ProcCpu.threadName(stat("C2 CompilerThre")))).isTrue();
        assertThat(ProcCpu.isCompilerThread("C1 CompilerThre")).isTrue();
        assertThat(ProcCpu.isCompilerThread("GC Thread#0")).isFalse();
        assertThat(ProcCpu.isCompilerThread("http-nio-8080-exec-1")).isFalse();
        assertThat(ProcCpu.isCompilerThread("VM Thread")).isFalse();
    }

    @Test
    void thisJvmsCompilerThreadsAreFoundWhereProcHasThem() {
        ProcCpu.Jvm self = ProcCpu.jvm(ProcessHandle.current().pid());

        assertThat(self.total()).isPositive();
        if (!Double.isNaN(self.compiler())) {
            assertThat(self.compiler()).isBetween(0.0, self.total());
        }
    }
}
