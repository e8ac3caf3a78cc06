package dev.justsaying.bench.library;

import dev.justsaying.localaws.LocalAws;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * local-aws (SQS only, one region) in a JVM of its own ({@code java -jar local-aws/target/local-aws.jar}), so the
 * benchmark's process CPU time is the client's alone and the server's can be read apart from it. Closing it (or the
 * benchmark's JVM exiting) stops it.
 */
final class LocalAwsProcess implements AutoCloseable {

    static final String REGION = "eu-west-1";
    private static final Path JAR = Path.of("local-aws/target/local-aws.jar");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final Process process;
    private final Endpoints endpoints;
    private final Thread stopOnExit;

    private LocalAwsProcess(Process process, Endpoints endpoints) {
        this.process = process;
        this.endpoints = endpoints;
        this.stopOnExit = new Thread(process::destroyForcibly, "stop-local-aws");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /** Starts it with the given maximum heap (it holds every queued message) and waits for its {@code ready}. */
    static LocalAwsProcess start(String maxHeap) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: build it with "
                    + "mvn -B -q -pl local-aws -am package -DskipTests (bench/run does)");
        }
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeap, "-jar", JAR.toString(), "--regions", REGION, "--no-dynamodb")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<Endpoints> ready = CompletableFuture.supplyAsync(() -> readEndpoints(process));
        try {
            return new LocalAwsProcess(process, ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("local-aws did not start within " + START_TIMEOUT, e);
        }
    }

    /** Reads {@code <region> <service> <url>} lines up to {@code ready}, then drains the rest so the child never blocks. */
    private static Endpoints readEndpoints(Process process) {
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            URI sqs = null;
            URI sns = null;
            String line;
            while ((line = lines.readLine()) != null && !line.equals("ready")) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length == 3 && parts[1].equals("sqs")) {
                    sqs = URI.create(parts[2]);
                } else if (parts.length == 3 && parts[1].equals("sns")) {
                    sns = URI.create(parts[2]);
                }
            }
            if (sqs == null || sns == null || line == null) {
                throw new IllegalStateException("local-aws ended before it was ready");
            }
            Thread drain = new Thread(() -> lines.lines().forEach(ignored -> { }), "local-aws-output");
            drain.setDaemon(true);
            drain.start();
            return new Endpoints(sqs, sns);
        } catch (IOException e) {
            throw new IllegalStateException("reading local-aws's output failed", e);
        }
    }

    /** An SQS client on the endpoint: Netty, up to {@code connections} connections; {@code calls} hears each call. */
    SqsAsyncClient sqsClient(int connections, ExecutionInterceptor calls) {
        return SqsAsyncClient.builder().region(Region.of(REGION)).endpointOverride(endpoints.sqs)
                .credentialsProvider(LocalAws.credentials())
                .overrideConfiguration(o -> o.addExecutionInterceptor(calls))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(connections))
                .build();
    }

    /** An SNS client on the endpoint (a bus wants one even if it only uses queues). */
    SnsAsyncClient snsClient() {
        return SnsAsyncClient.builder().region(Region.of(REGION)).endpointOverride(endpoints.sns)
                .credentialsProvider(LocalAws.credentials())
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()).build();
    }

    /** CPU time the server process has used so far. */
    Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private record Endpoints(URI sqs, URI sns) {
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing to remove
        }
    }
}
