package dev.justsaying.bench.load;

import java.util.Locale;

/**
 * CPU seconds (user + system) of the processes a load benchmark runs, so far or over a run: the service's JVM, the
 * stack's JVM ({@link StackMode#SEPARATE}; NaN when the stack is inside the service's JVM) and PostgreSQL (NaN when
 * not measured, e.g. against {@code --url}).
 */
record CpuUse(double serviceJvm, double stackJvm, double postgres) {

    /** Nothing measured (a service given by {@code --url}). */
    static final CpuUse UNMEASURED = new CpuUse(Double.NaN, Double.NaN, Double.NaN);

    /** The markdown header cells of {@link #perThousandCells}. */
    static final String HEADER_CELLS = "CPU s/1k (service JVM) | CPU s/1k (stack JVM) | CPU s/1k (PostgreSQL)";

    /** What was used between {@code earlier} and this reading. */
    CpuUse minus(CpuUse earlier) {
        return new CpuUse(serviceJvm - earlier.serviceJvm, stackJvm - earlier.stackJvm, postgres - earlier.postgres);
    }

    /** This use per 1,000 of {@code count} (requests, commands) as three markdown cells, "n/a" where not measured. */
    String perThousandCells(long count) {
        return cell(serviceJvm, count) + " | " + cell(stackJvm, count) + " | " + cell(postgres, count);
    }

    private static String cell(double seconds, long count) {
        return Double.isNaN(seconds) || count <= 0 ? "n/a"
                : String.format(Locale.ROOT, "%.2f", seconds * 1000 / count);
    }
}
