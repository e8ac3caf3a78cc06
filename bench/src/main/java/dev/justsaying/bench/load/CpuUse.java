package dev.justsaying.bench.load;

import java.util.Locale;

/**
 * CPU seconds (user + system) of the processes a load benchmark runs, so far or over a run: the service's JVM and of
 * that its JIT compiler threads, the stack's JVM and its compiler threads ({@link StackMode#SEPARATE}; NaN when the
 * stack is inside the service's JVM) and PostgreSQL (no JIT threads; NaN when not measured, e.g. against {@code
 * --url}). A compiler part is NaN where {@code /proc} has no per-thread times ({@link ProcCpu}). The only place that
 * turns these into report cells, so every load benchmark shows the same columns.
 */
record CpuUse(double serviceJvm, double serviceCompiler, double stackJvm, double stackCompiler, double postgres) {

    /** Nothing measured (a service given by {@code --url}). */
    static final CpuUse UNMEASURED = new CpuUse(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** The markdown header cells of {@link #perThousandCells}, {@link #COLUMNS} of them. */
    static final String HEADER_CELLS = "CPU s/1k (service JVM) | excl. JIT (service JVM) | CPU s/1k (stack JVM) "
            + "| excl. JIT (stack JVM) | CPU s/1k (PostgreSQL)";

    /** What the report says about the {@code excl. JIT} columns, under its description of the CPU columns. */
    static final String EXCLUDING_JIT = "`excl. JIT`: the same JVM's CPU without its JIT compiler threads' (`C1/C2 "
            + "CompilerThre…` in `/proc/<pid>/task/*/stat`), i.e. without compiling.";

    /** How many cells {@link #perThousandCells} gives. */
    static final int COLUMNS = 5;

    /** A reading of the service's JVM, the stack's JVM (null when in the service's) and PostgreSQL. */
    static CpuUse of(ProcCpu.Jvm service, ProcCpu.Jvm stack, double postgres) {
        return new CpuUse(service.total(), service.compiler(), stack == null ? Double.NaN : stack.total(),
                stack == null ? Double.NaN : stack.compiler(), postgres);
    }

    /** What was used between {@code earlier} and this reading. */
    CpuUse minus(CpuUse earlier) {
        return new CpuUse(serviceJvm - earlier.serviceJvm, serviceCompiler - earlier.serviceCompiler,
                stackJvm - earlier.stackJvm, stackCompiler - earlier.stackCompiler, postgres - earlier.postgres);
    }

    /**
     * This use per 1,000 of {@code count} (requests, commands) as {@link #COLUMNS} markdown cells: each JVM's total
     * next to it without its JIT compiler threads, then PostgreSQL; "n/a" where not measured.
     */
    String perThousandCells(long count) {
        return String.join(" | ", cell(serviceJvm, count), cell(serviceJvm - serviceCompiler, count),
                cell(stackJvm, count), cell(stackJvm - stackCompiler, count), cell(postgres, count));
    }

    private static String cell(double seconds, long count) {
        return Double.isNaN(seconds) || count <= 0 ? "n/a"
                : String.format(Locale.ROOT, "%.2f", seconds * 1000 / count);
    }
}
