package dev.justsaying.bench.failover;

import dev.justsaying.MessagingBus;
import dev.justsaying.localaws.LocalAws;
import dev.justsaying.monitoring.MessageMonitor;
import dev.justsaying.region.FailoverPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What a publisher sees when its primary region goes down: publishes/s and publish latency (p50, p99, max) before,
 * during and after an outage of the primary, failed publishes, and the time from the outage's start to the first
 * publish that succeeded in the failover region. Publishes are started at a fixed rate whatever the earlier ones do
 * (open loop), and each latency is taken from its scheduled start, so a stall shows in full.
 */
@Command(name = "failover-benchmark", mixinStandardHelpOptions = true,
        description = "Publish latency and throughput across a primary-region outage, on two local-aws regions.")
public final class FailoverBenchmark implements Callable<Integer> {

    private static final String PRIMARY = "eu-west-1";
    private static final String SECONDARY = "eu-central-1";
    private static final long TICK_MILLIS = 10;

    @Option(names = "--rate", description = "Publishes started per second (default ${DEFAULT-VALUE}).")
    int rate = 500;

    @Option(names = "--warmup-seconds", description = "Healthy publishing before measuring (default ${DEFAULT-VALUE}).")
    int warmupSeconds = 15;

    @Option(names = "--phase-seconds", description = "Length of each measured phase (default ${DEFAULT-VALUE}).")
    int phaseSeconds = 10;

    @Option(names = "--repeats", description = "Outages, one after the other (default ${DEFAULT-VALUE}).")
    int repeats = 2;

    @Option(names = "--failures-before-failover", description = "FailoverPolicy threshold (default ${DEFAULT-VALUE}).")
    int failuresBeforeFailover = 3;

    @Option(names = "--probe-interval-ms", description = "FailoverPolicy probe interval (default ${DEFAULT-VALUE}).")
    long probeIntervalMillis = 500;

    @Option(names = "--minimum-time-away-ms", description = "FailoverPolicy hysteresis (default ${DEFAULT-VALUE}).")
    long minimumTimeAwayMillis = 3_000;

    /** A small event. */
    record Ping(long sequence) {
    }

    /** The publishes started while one phase ran. */
    private static final class Phase {
        final String name;
        final Histogram latencyMicros = new ConcurrentHistogram(3);
        final AtomicLong failed = new AtomicLong();
        final AtomicLong started = new AtomicLong();
        volatile long startNanos;
        volatile long endNanos;

        Phase(String name) {
            this.name = name;
        }
    }

    private volatile Phase current;
    private volatile long outageStartNanos;
    private volatile long firstFailoverSuccessNanos;
    private final AtomicLong switches = new AtomicLong();

    public static void main(String[] args) {
        System.exit(new CommandLine(new FailoverBenchmark()).execute(args));
    }

    @Override
    public Integer call() {
        System.out.printf("command: bench/run " + FailoverBenchmark.class.getName() + " --rate %d --warmup-seconds %d --phase-seconds %d --repeats %d "
                        + "--failures-before-failover %d --probe-interval-ms %d --minimum-time-away-ms %d%n",
                rate, warmupSeconds, phaseSeconds, repeats, failuresBeforeFailover, probeIntervalMillis,
                minimumTimeAwayMillis);
        System.out.printf("JDK %s, %d cores%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        try (LocalAws aws = LocalAws.builder().regions(PRIMARY, SECONDARY).withoutDynamoDb().start();
             MessagingBus bus = bus(aws)) {
            bus.start().join();
            current = new Phase("warm-up");
            ticker.scheduleAtFixedRate(new Pacer(bus), 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
            runFor(current, warmupSeconds);
            List<Phase> measured = new ArrayList<>();
            List<Long> timesToFailover = new ArrayList<>();
            for (int repeat = 1; repeat <= repeats; repeat++) {
                measured.add(runFor(new Phase(repeat + " before"), phaseSeconds));
                firstFailoverSuccessNanos = 0;
                outageStartNanos = System.nanoTime();
                aws.region(PRIMARY).faults().outage();
                measured.add(runFor(new Phase(repeat + " outage"), phaseSeconds));
                aws.region(PRIMARY).faults().restore();
                timesToFailover.add(firstFailoverSuccessNanos == 0 ? -1
                        : TimeUnit.NANOSECONDS.toMillis(firstFailoverSuccessNanos - outageStartNanos));
                measured.add(runFor(new Phase(repeat + " after"), phaseSeconds));
                waitForPrimary(bus);
            }
            ticker.shutdownNow();
            settle(measured);
            print(measured, timesToFailover);
            return 0;
        } finally {
            ticker.shutdownNow();
        }
    }

    private MessagingBus bus(LocalAws aws) {
        return MessagingBus.builder()
                .messaging(m -> m.inRegion(PRIMARY).withFailoverRegion(SECONDARY)
                        .withAutomaticFailover(FailoverPolicy.builder()
                                .failuresBeforeFailover(failuresBeforeFailover)
                                .probeInterval(Duration.ofMillis(probeIntervalMillis))
                                .minimumTimeAway(Duration.ofMillis(minimumTimeAwayMillis)).build()))
                .client(c -> c.withClients(region -> aws.region(region).sqsAsyncClient(),
                        region -> aws.region(region).snsAsyncClient()))
                .publications(p -> p.withTopic(Ping.class, t -> t.topic("failover-bench")))
                .monitor(new MessageMonitor() {
                    @Override
                    public void activeRegionChanged(String from, String to, String cause) {
                        switches.incrementAndGet();
                    }
                })
                .build();
    }

    /** Makes {@code phase} current for {@code seconds}; publishes started meanwhile count for it. */
    private Phase runFor(Phase phase, int seconds) {
        Phase previous = current;
        phase.startNanos = System.nanoTime();
        current = phase;
        if (previous != null && previous != phase) {
            previous.endNanos = phase.startNanos;
        }
        sleep(TimeUnit.SECONDS.toMillis(seconds));
        phase.endNanos = System.nanoTime();
        return phase;
    }

    /** Keeps publishing (as warm-up) until the primary is active again, so every repeat starts alike. */
    private void waitForPrimary(MessagingBus bus) {
        current = new Phase("between repeats");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!bus.interrogate().activeRegion().equals(PRIMARY) && System.nanoTime() < deadline) {
            sleep(100);
        }
    }

    /** Waits up to 30 s for the publishes still under way, so each phase's figures are whole. */
    private void settle(List<Phase> phases) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && phases.stream()
                .anyMatch(phase -> phase.latencyMicros.getTotalCount() + phase.failed.get() < phase.started.get())) {
            sleep(100);
        }
    }

    private void print(List<Phase> phases, List<Long> timesToFailover) {
        System.out.println();
        System.out.println("| phase | started | failed | publishes/s | p50 ms | p99 ms | max ms |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Phase phase : phases) {
            Histogram latency = phase.latencyMicros;
            double seconds = (phase.endNanos - phase.startNanos) / 1e9;
            System.out.printf(Locale.ROOT, "| %s | %,d | %d | %,.0f | %.1f | %.1f | %.1f |%n", phase.name,
                    phase.started.get(), phase.failed.get(), latency.getTotalCount() / seconds,
                    latency.getValueAtPercentile(50) / 1e3, latency.getValueAtPercentile(99) / 1e3,
                    latency.getMaxValue() / 1e3);
        }
        System.out.println();
        System.out.println("outage start → first publish succeeded in " + SECONDARY + ": " + timesToFailover + " ms");
        System.out.println("region switches: " + switches.get());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Starts the publishes each tick owes to the rate, without waiting for earlier ones. */
    private final class Pacer implements Runnable {
        private final MessagingBus bus;
        private final long startNanos = System.nanoTime();
        private long started;

        Pacer(MessagingBus bus) {
            this.bus = bus;
        }

        @Override
        public void run() {
            long now = System.nanoTime();
            long owed = (now - startNanos) * rate / 1_000_000_000L;
            while (started < owed) {
                long intended = startNanos + started * 1_000_000_000L / rate;
                publish(started++, intended);
            }
        }

        private void publish(long sequence, long intendedNanos) {
            Phase phase = current;
            phase.started.incrementAndGet();
            bus.publisher().publish(new Ping(sequence)).whenComplete((result, error) -> {
                long end = System.nanoTime();
                if (error != null) {
                    phase.failed.incrementAndGet();
                    return;
                }
                phase.latencyMicros.recordValue(Math.max(0, (end - intendedNanos) / 1_000));
                if (result.region().equals(SECONDARY) && firstFailoverSuccessNanos == 0 && outageStartNanos != 0
                        && end > outageStartNanos) {
                    firstFailoverSuccessNanos = end;
                }
            });
        }
    }
}
