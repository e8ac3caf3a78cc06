package dev.justsaying.restaurantstatus.support;

import static org.awaitility.Awaitility.await;

import dev.justsaying.restaurantstatus.RestaurantStatusApplication;
import dev.justsaying.restaurantstatus.local.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * restaurant-status with one role in a JVM of its own (started from this test's classpath), pointed at a {@link
 * LocalStack} running in the test's JVM, so that a test can kill it as an operator's {@code kill -9} would ({@link
 * #kill()}: SIGKILL, no shutdown hook, nothing flushed) and start another.
 */
public final class ChildService implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final URI url;

    private ChildService(Process process, URI url) {
        this.process = process;
        this.url = url;
    }

    /**
     * Starts a process with {@code role} ({@code api} or {@code worker}) and these extra arguments, its output to
     * {@code log}; returns once it has started (the child's own health endpoint answers 200).
     */
    public static ChildService start(String role, LocalStack stack, Path log, String... extraArguments) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                RestaurantStatusApplication.class.getName(),
                "--server.port=" + port));
        command.addAll(ServiceArguments.pointedAt(stack, "child-" + role, role));
        command.addAll(List.of(extraArguments));
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(ServiceArguments.AWS_ENVIRONMENT);
            ChildService child = new ChildService(builder.start(), URI.create("http://127.0.0.1:" + port));
            try {
                child.awaitHealthy(log);
                return child;
            } catch (RuntimeException e) {
                child.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where its HTTP server listens. */
    public URI url() {
        return url;
    }

    /** Kills it at once with SIGKILL (like {@code kill -9}) and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        waitFor(process);
    }

    /** Stops it (SIGTERM, then SIGKILL if it does not stop in time). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    private void awaitHealthy(Path log) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(url.resolve("/actuator/health/readiness"))   // after the bus started
                .timeout(Duration.ofSeconds(5)).build();
        await("restaurant-status child process to start, see " + log).atMost(START_TIMEOUT)
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .failFast("the child process exited, see " + log, () -> !process.isAlive())
                .until(() -> client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    private static void waitFor(Process process) {
        try {
            process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
