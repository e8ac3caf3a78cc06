package dev.justsaying.restaurantstatus.local;

import dev.justsaying.localaws.LocalAws;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the service needs, in this JVM, on 127.0.0.1: {@link LocalAws} (SQS and SNS per region, DynamoDB
 * Local), an embedded PostgreSQL in a temporary directory of its own, and a {@link TwilioStub}. Closing it stops
 * them all and deletes the database files.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    private final LocalAws aws;
    private final EmbeddedPostgres postgres;
    private final TwilioStub twilio;
    private final Deque<AutoCloseable> resources;

    private LocalStack(LocalAws aws, EmbeddedPostgres postgres, TwilioStub twilio, Deque<AutoCloseable> resources) {
        this.aws = aws;
        this.postgres = postgres;
        this.twilio = twilio;
        this.resources = resources;
    }

    /** Starts the stack; if any part fails to start, the parts already running are stopped before it throws. */
    public static LocalStack start(List<String> regions, Duration smsDelay) {
        Deque<AutoCloseable> resources = new ArrayDeque<>();
        boolean started = false;
        try {
            long startNanos = System.nanoTime();
            LocalAws aws = LocalAws.builder().regions(regions.toArray(String[]::new)).start();
            resources.push(aws);
            Path dataRoot = Files.createTempDirectory("restaurant-status-postgres");
            resources.push(() -> deleteRecursively(dataRoot));
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(dataRoot.resolve("binaries").toFile())
                    .setDataDirectory(dataRoot.resolve("data"))
                    .setCleanDataDirectory(true)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setRegisterShutdownHook(false)   // stopped in order by close(), after the app's pool
                    .start();
            resources.push(postgres);
            TwilioStub twilio = TwilioStub.start(smsDelay);
            resources.push(twilio);
            log.info("Local stack up in {} ms: regions {}, DynamoDB {}, PostgreSQL port {}, Twilio stub {}",
                    (System.nanoTime() - startNanos) / 1_000_000, regions, aws.dynamoDbEndpoint(), postgres.getPort(),
                    twilio.endpoint());
            started = true;
            return new LocalStack(aws, postgres, twilio, resources);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (!started) {
                closeAll(resources);
            }
        }
    }

    public LocalAws aws() {
        return aws;
    }

    /** The JDBC URL of the service's database. */
    public String jdbcUrl() {
        return jdbcUrl("postgres");
    }

    /** The JDBC URL of another database of the same server (e.g. to administer the service's one). */
    public String jdbcUrl(String database) {
        return postgres.getJdbcUrl("postgres", database);
    }

    public TwilioStub twilio() {
        return twilio;
    }

    @Override
    public void close() {
        closeAll(resources);
        log.info("Local stack stopped");
    }

    private static void closeAll(Deque<AutoCloseable> resources) {
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                log.warn("Could not stop part of the local stack", e);
            }
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
