package dev.justsaying.localaws;

import dev.justsaying.localaws.sns.SnsServer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A local cloud in one JVM: per region an SQS endpoint (ElasticMQ) and an SNS endpoint of our own, plus one
 * DynamoDB endpoint (DynamoDB Local, in memory), every server on 127.0.0.1.
 *
 * <pre>{@code
 * try (LocalAws aws = LocalAws.builder().regions("eu-west-1", "eu-central-1").start()) {
 *     SqsClient sqs = aws.region("eu-west-1").sqsClient();
 *     aws.region("eu-west-1").faults().outage();   // connections refused until restore()
 * }
 * }</pre>
 *
 * <p>Every endpoint sits behind a fault-injecting front, so tests can take a region (or DynamoDB) down, slow it
 * or make it fail, whichever client they use. Queue and topic ARNs carry their region and the account id, and a
 * topic in one region can deliver to a queue in another.
 */
public final class LocalAws implements AutoCloseable {

    /** The account id the stack uses unless told otherwise. */
    public static final String DEFAULT_ACCOUNT_ID = "000000000000";

    private static final Logger log = LoggerFactory.getLogger(LocalAws.class);
    private static final Pattern REGION_NAME = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    private final String accountId;
    private final Map<String, LocalRegion> regions;
    private final URI dynamoDbEndpoint;
    private final Faults dynamoDbFaults;
    private final SdkClients dynamoDbClients;
    private final Deque<AutoCloseable> resources;

    private LocalAws(String accountId, Map<String, LocalRegion> regions, URI dynamoDbEndpoint, Faults dynamoDbFaults,
                     SdkClients dynamoDbClients, Deque<AutoCloseable> resources) {
        this.accountId = accountId;
        this.regions = regions;
        this.dynamoDbEndpoint = dynamoDbEndpoint;
        this.dynamoDbFaults = dynamoDbFaults;
        this.dynamoDbClients = dynamoDbClients;
        this.resources = resources;
    }

    /** A builder with no regions yet and the default account id. */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts a stack with these regions (the first is the primary), free ports and DynamoDB. */
    public static LocalAws start(String... regions) {
        return builder().regions(regions).start();
    }

    /** Placeholder credentials that the local endpoints accept; useful to build clients of your own. */
    public static AwsCredentialsProvider credentials() {
        return SdkClients.PLACEHOLDER_CREDENTIALS;
    }

    public String accountId() {
        return accountId;
    }

    /** The regions in the order they were configured; the first is the primary. */
    public List<LocalRegion> regions() {
        return List.copyOf(regions.values());
    }

    /** The region of this name; fails naming the regions the stack has. */
    public LocalRegion region(String name) {
        LocalRegion region = regions.get(name);
        if (region == null) {
            throw new IllegalArgumentException("no region " + name + " in this stack; it has " + regions.keySet());
        }
        return region;
    }

    /** The first configured region. */
    public LocalRegion primaryRegion() {
        return regions.values().iterator().next();
    }

    /** The DynamoDB endpoint; fails if the stack was built without DynamoDB. */
    public URI dynamoDbEndpoint() {
        return requireDynamoDb();
    }

    /** The faults of the DynamoDB endpoint. */
    public Faults dynamoDbFaults() {
        requireDynamoDb();
        return dynamoDbFaults;
    }

    /** A DynamoDB client signed for the primary region (DynamoDB Local keeps one database for all regions). */
    public DynamoDbClient dynamoDbClient() {
        URI endpoint = requireDynamoDb();
        return dynamoDbClients.get(DynamoDbClient.class,
                () -> SdkClients.sync(DynamoDbClient.builder(), primaryRegion().name(), endpoint));
    }

    public DynamoDbAsyncClient dynamoDbAsyncClient() {
        URI endpoint = requireDynamoDb();
        return dynamoDbClients.get(DynamoDbAsyncClient.class,
                () -> SdkClients.async(DynamoDbAsyncClient.builder(), primaryRegion().name(), endpoint));
    }

    /** Every endpoint, one per region and service; DynamoDB is listed under the primary region. */
    public List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        regions.values().forEach(region -> endpoints.addAll(region.endpoints()));
        if (dynamoDbEndpoint != null) {
            endpoints.add(new Endpoint(primaryRegion().name(), "dynamodb", dynamoDbEndpoint));
        }
        return Collections.unmodifiableList(endpoints);
    }

    private URI requireDynamoDb() {
        if (dynamoDbEndpoint == null) {
            throw new IllegalStateException("this stack was built without DynamoDB");
        }
        return dynamoDbEndpoint;
    }

    /** Stops every server and closes every client, newest first. */
    @Override
    public void close() {
        closeAll(resources);
    }

    private static void closeAll(Deque<AutoCloseable> resources) {
        RuntimeException failure = null;
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("local-aws did not close cleanly", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Collects the shape of a stack; {@link #start()} brings it up. Not thread-safe. */
    public static final class Builder {
        private final Map<String, int[]> regionPorts = new LinkedHashMap<>();
        private String accountId = DEFAULT_ACCOUNT_ID;
        private boolean dynamoDb = true;
        private int dynamoDbPort;

        private Builder() {
        }

        /** Adds regions on free ports; the first region added is the primary. */
        public Builder regions(String... names) {
            for (String name : names) {
                region(name);
            }
            return this;
        }

        /** Adds a region on free ports. */
        public Builder region(String name) {
            return region(name, 0, 0);
        }

        /** Adds a region whose SQS and SNS listen on fixed ports ({@code 0} = a free port). */
        public Builder region(String name, int sqsPort, int snsPort) {
            Objects.requireNonNull(name, "region name");
            if (!REGION_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name + "' is not a region name like eu-west-1");
            }
            if (regionPorts.containsKey(name)) {
                throw new IllegalArgumentException("region " + name + " is configured twice");
            }
            regionPorts.put(name, new int[] {checkPort(sqsPort), checkPort(snsPort)});
            return this;
        }

        /** The 12-digit account id in every ARN (default {@value #DEFAULT_ACCOUNT_ID}). */
        public Builder accountId(String id) {
            if (id == null || !ACCOUNT_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("an account id is 12 digits, was '" + id + "'");
            }
            accountId = id;
            return this;
        }

        /** DynamoDB on a fixed port ({@code 0} = a free port). */
        public Builder dynamoDbPort(int port) {
            dynamoDbPort = checkPort(port);
            return this;
        }

        /** Leaves DynamoDB out, for tests that only need SQS and SNS (it saves about a second of start-up). */
        public Builder withoutDynamoDb() {
            dynamoDb = false;
            return this;
        }

        private static int checkPort(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("a port is between 0 (any free port) and 65535, was " + port);
            }
            return port;
        }

        /** Starts every server, in parallel; on failure, stops what had started and throws. */
        public LocalAws start() {
            if (regionPorts.isEmpty()) {
                throw new IllegalStateException("a local cloud needs at least one region, e.g. regions(\"eu-west-1\")");
            }
            long startedAt = System.nanoTime();
            Deque<AutoCloseable> resources = new ArrayDeque<>();
            EventLoopGroup proxyLoops = new NioEventLoopGroup(2, new DefaultThreadFactory("local-aws-proxy", true));
            resources.push(() -> proxyLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly());
            ExecutorService starter = Executors.newFixedThreadPool(regionPorts.size() + 1,
                    new DefaultThreadFactory("local-aws-start", true));
            try {
                Map<String, LocalRegion> regions = new LinkedHashMap<>();
                Map<String, LocalRegion> deliveryTargets = new ConcurrentHashMap<>();
                List<CompletableFuture<LocalRegion>> startingRegions = new ArrayList<>();
                regionPorts.forEach((name, ports) -> startingRegions.add(CompletableFuture.supplyAsync(
                        () -> startRegion(name, ports[0], ports[1], proxyLoops, resources, deliveryTargets), starter)));
                Faults dynamoDbFaults = new Faults("dynamodb");
                CompletableFuture<URI> startingDynamoDb = dynamoDb
                        ? CompletableFuture.supplyAsync(() -> startDynamoDb(dynamoDbFaults, proxyLoops, resources), starter)
                        : CompletableFuture.completedFuture(null);
                for (CompletableFuture<LocalRegion> starting : startingRegions) {
                    LocalRegion region = starting.join();
                    regions.put(region.name(), region);
                }
                URI dynamoDbEndpoint = startingDynamoDb.join();
                SdkClients dynamoDbClients = new SdkClients();
                push(resources, dynamoDbClients);
                LocalAws aws = new LocalAws(accountId, Collections.unmodifiableMap(regions), dynamoDbEndpoint,
                        dynamoDbFaults, dynamoDbClients, resources);
                log.info("local-aws started in {} ms: {}", (System.nanoTime() - startedAt) / 1_000_000,
                        aws.endpoints());
                return aws;
            } catch (RuntimeException e) {
                closeAll(resources);
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                throw new IllegalStateException("local-aws did not start: " + cause.getMessage(), cause);
            } finally {
                starter.shutdownNow();
            }
        }

        /**
         * One region: SQS and SNS, each behind its fault-injecting front. SNS delivers through the SQS fronts of the
         * stack's regions (its own or another), so a region's faults hit deliveries into it too.
         */
        private LocalRegion startRegion(String name, int sqsPort, int snsPort, EventLoopGroup loops,
                                        Deque<AutoCloseable> resources, Map<String, LocalRegion> deliveryTargets) {
            Faults faults = new Faults(name);
            FaultInjectingProxy sqsFront = push(resources,
                    FaultInjectingProxy.open(name + " sqs", sqsPort, faults, loops, new SqsPolicyShim()));
            LocalSqs sqs = push(resources, LocalSqs.start(name, accountId, sqsFront.port()));
            sqsFront.forwardTo(loopback(sqs.port()));
            FaultInjectingProxy snsFront = push(resources, FaultInjectingProxy.open(name + " sns", snsPort, faults, loops));
            SdkClients clients = push(resources, new SdkClients());
            SnsServer sns = push(resources, SnsServer.start(name, accountId, 0, target ->
                    Optional.ofNullable(deliveryTargets.get(target)).map(LocalRegion::sqsAsyncClient)));
            snsFront.forwardTo(loopback(sns.port()));
            LocalRegion region = new LocalRegion(name, accountId, urlOf(sqsFront), urlOf(snsFront), faults, clients,
                    sns::deliveryStats);
            deliveryTargets.put(name, region);
            return region;
        }

        private URI startDynamoDb(Faults faults, EventLoopGroup loops, Deque<AutoCloseable> resources) {
            FaultInjectingProxy front = push(resources,
                    FaultInjectingProxy.open("dynamodb", dynamoDbPort, faults, loops));
            LocalDynamoDb dynamoDb = push(resources, LocalDynamoDb.start());
            front.forwardTo(loopback(dynamoDb.port()));
            return urlOf(front);
        }

        private static <T extends AutoCloseable> T push(Deque<AutoCloseable> resources, T resource) {
            synchronized (resources) {
                resources.push(resource);
            }
            return resource;
        }

        private static InetSocketAddress loopback(int port) {
            return new InetSocketAddress("127.0.0.1", port);
        }

        private static URI urlOf(FaultInjectingProxy front) {
            return URI.create("http://127.0.0.1:" + front.port());
        }
    }
}
