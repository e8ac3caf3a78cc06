package dev.justsaying.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * CPU seconds (user + system) of a process from Linux's {@code /proc}: its total from {@code /proc/<pid>/stat}, and
 * for a JVM the part its JIT compiler threads ({@code C1 CompilerThre…}, {@code C2 CompilerThre…}, as {@code /proc}
 * truncates their names) used, summed from {@code /proc/<pid>/task/<tid>/stat}, so a benchmark can tell compiling
 * from serving. Without {@code /proc} the total comes from {@link ProcessHandle} and the compiler part is NaN.
 */
final class ProcCpu {

    private static final Path PROC = Path.of("/proc");
    private static final double TICKS_PER_SECOND = clockTicks();

    /** A JVM's CPU seconds so far: all of it, and its JIT compiler threads' (NaN when not readable). */
    record Jvm(double total, double compiler) { }

    private ProcCpu() {
    }

    /** CPU seconds {@code pid} has used so far (0 once it is gone). */
    static double seconds(long pid) {
        if (!Files.isDirectory(PROC)) {
            return ProcessHandle.of(pid).flatMap(handle -> handle.info().totalCpuDuration())
                    .map(duration -> duration.toNanos() / 1e9).orElse(0.0);
        }
        return read(PROC.resolve(Long.toString(pid)).resolve("stat")).map(ProcCpu::cpuTicks)
                .map(ticks -> ticks / TICKS_PER_SECOND).orElse(0.0);
    }

    /** CPU seconds the JVM {@code pid} has used so far, and those of its live JIT compiler threads. */
    static Jvm jvm(long pid) {
        double total = seconds(pid);
        Path tasks = PROC.resolve(Long.toString(pid)).resolve("task");
        if (!Files.isDirectory(tasks)) {
            return new Jvm(total, Double.NaN);
        }
        try (Stream<Path> threads = Files.list(tasks)) {
            long compilerTicks = threads.map(thread -> read(thread.resolve("stat")))
                    .flatMap(Optional::stream)
                    .filter(stat -> isCompilerThread(threadName(stat)))
                    .mapToLong(ProcCpu::cpuTicks).sum();
            return new Jvm(total, compilerTicks / TICKS_PER_SECOND);
        } catch (NoSuchFileException gone) {
            return new Jvm(total, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + tasks, e);
        }
    }

    /** utime + stime (fields 14 and 15) of a {@code stat} line, in clock ticks. */
    static long cpuTicks(String statLine) {
        // the name (field 2) is in parentheses and may hold spaces and parentheses itself: count from the last ')'
        String[] fields = statLine.substring(statLine.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** The name (field 2, {@code comm}) of a {@code stat} line, without its parentheses. */
    static String threadName(String statLine) {
        return statLine.substring(statLine.indexOf('(') + 1, statLine.lastIndexOf(')'));
    }

    /** Whether a thread of this name is one of HotSpot's JIT compiler threads. */
    static boolean isCompilerThread(String name) {
        return name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre");
    }

    private static Optional<String> read(Path stat) {
        try {
            return Optional.of(Files.readString(stat, StandardCharsets.US_ASCII));
        } catch (IOException gone) {
            // the process or thread ended between listing and reading
            return Optional.empty();
        }
    }

    private static double clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            return getconf.waitFor(10, TimeUnit.SECONDS)
                    && getconf.exitValue() == 0 ? Double.parseDouble(out) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
