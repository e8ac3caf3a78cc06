package dev.justsaying.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * restaurant-status started as a child JVM ({@code java -jar}) on a free 127.0.0.1 port, so a benchmark measures
 * it in a process of its own and can read that process's CPU time from {@code /proc}: the service (API and/or
 * Worker), or its local stack alone (the {@code stack} role, for services started against it). Closing it stops it
 * (gracefully, then forcibly with its child processes); so does the benchmark's JVM exiting before that (Ctrl-C).
 */
final class ServiceProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Ready, not merely up: health answers while the bus is still creating its queues (its lifecycle starts after the
     * web server), and a request then gets a 503; readiness follows the bus's start.
     */
    private static final String READY = "/actuator/health/readiness";
    /** What a process of the stack role serves (restaurant-status's LocalStackServer). */
    private static final String STACK_PROPERTIES = "/properties";

    /** The local profile's startup line naming the embedded PostgreSQL's port. */
    private static final Pattern POSTGRES_PORT = Pattern.compile("PostgreSQL port (\\d+)");

    private final Process process;
    private final URI url;
    private final Path log;
    private final Thread stopOnExit = new Thread(this::stop, "stop-restaurant-status");
    private volatile Optional<ProcessHandle> postgres = Optional.empty();

    private ServiceProcess(Process process, URI url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /**
     * Starts {@code jar} with {@code --server.port} and Spring settings given as environment variables ({@code
     * RESTAURANT_STATUS_ROLES=api}), logging to {@code log}; waits for health.
     */
    static ServiceProcess start(Path jar, Map<String, String> environment, Path log) throws IOException {
        return start(jar, environment, log, READY);
    }

    /**
     * Starts {@code jar} in the {@code stack} role (the local stack alone, no service), logging to {@code log}; waits
     * until it serves its properties. A service started with {@code RESTAURANT_STATUS_LOCAL_STACK_URL} set to its
     * {@link #url()} runs against it.
     */
    static ServiceProcess startStack(Path jar, Path log) throws IOException {
        return start(jar, Map.of("RESTAURANT_STATUS_ROLES", "stack"), log, STACK_PROPERTIES);
    }

    private static ServiceProcess start(Path jar, Map<String, String> environment, Path log, String readyPath)
            throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with "
                    + "mvn -B -q -pl restaurant-status -am package -DskipTests");
        }
        int port = freePort();
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-jar", jar.toString(), "--server.port=" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        ServiceProcess service = new ServiceProcess(process, URI.create("http://127.0.0.1:" + port), log);
        try {
            service.awaitReady(readyPath, log);
            service.postgres = postmaster(log);
            return service;
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
    }

    URI url() {
        return url;
    }

    /**
     * An endpoint of the local AWS stack this process runs ({@code service}: sqs, sns, dynamodb), as its startup log
     * lists them ({@code <region> <service> <url>}), so a benchmark can call the same servers directly.
     */
    URI localAwsEndpoint(String region, String service) throws IOException {
        Pattern endpoint = Pattern.compile(Pattern.quote(region) + " " + Pattern.quote(service)
                + " (http://127\\.0\\.0\\.1:\\d+)");
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.map(endpoint::matcher).filter(Matcher::find).findFirst()
                    .map(found -> URI.create(found.group(1)))
                    .orElseThrow(() -> new IllegalStateException("no " + region + " " + service
                            + " endpoint in " + log + " (does this process run the local stack?)"));
        }
    }

    /** Throws if the service has stopped (crashed, or killed from outside) since it became healthy. */
    void requireRunning() {
        if (!process.isAlive()) {
            throw new IllegalStateException("restaurant-status stopped during the run (exit code "
                    + process.exitValue() + ")");
        }
    }

    /** CPU seconds (user + system) the service's JVM has used so far, in all and in its JIT compiler threads. */
    ProcCpu.Jvm jvmCpu() {
        return ProcCpu.jvm(process.pid());
    }

    /**
     * CPU seconds of the embedded PostgreSQL this process started (the postmaster and its backends: they run detached
     * from the JVM, found by the port it logs), or NaN if it started none.
     */
    double postgresCpuSeconds() {
        return postgres.map(postmaster -> Stream.concat(Stream.of(postmaster), postmaster.descendants())
                        .mapToDouble(handle -> ProcCpu.seconds(handle.pid())).sum())
                .orElse(Double.NaN);
    }

    private static Optional<ProcessHandle> postmaster(Path log) throws IOException {
        Matcher port;
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            port = lines.map(POSTGRES_PORT::matcher).filter(Matcher::find).findFirst().orElse(null);
        }
        if (port == null) {
            return Optional.empty();
        }
        List<String> wanted = List.of("-p", port.group(1));
        return ProcessHandle.allProcesses()
                .filter(handle -> handle.info().command().filter(command -> command.endsWith("/bin/postgres"))
                        .isPresent())
                .filter(handle -> handle.info().arguments()
                        .map(arguments -> Collections.indexOfSubList(List.of(arguments), wanted) >= 0)
                        .orElse(false))
                .findFirst();
    }

    private void awaitReady(String readyPath, Path log) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(url.resolve(readyPath))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("restaurant-status exited with " + process.exitValue()
                        + " while starting; see " + log);
            }
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet: poll again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for restaurant-status", e);
            }
            pause();
        }
        throw new IllegalStateException("restaurant-status not ready after " + START_TIMEOUT + "; see " + log);
    }

    /** Polling interval while the service starts (not a synchronization: readiness is what is waited for). */
    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException exiting) {
            // the JVM is already shutting down: the hook runs (stop() again, harmless) or has run
        }
    }

    private void stop() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        postgres.filter(ProcessHandle::isAlive).ifPresent(ProcessHandle::destroy);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
