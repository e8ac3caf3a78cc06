package dev.justsaying.localaws;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that starts one {@link LocalAws} per test class and stops it after the class.
 *
 * <pre>{@code
 * class WhenAMessageIsPublished {
 *     @RegisterExtension
 *     static final LocalAwsExtension aws = LocalAwsExtension.withRegions("eu-west-1", "eu-central-1");
 *
 *     @Test void itArrives() { SqsClient sqs = aws.get().region("eu-west-1").sqsClient(); ... }
 * }
 * }</pre>
 *
 * <p>With {@code @ExtendWith(LocalAwsExtension.class)} the stack has the single region {@code eu-west-1}. Test
 * methods and constructors may take a {@link LocalAws} parameter. Faults injected by a test are cleared after it,
 * so one failing chaos test cannot break the next.
 */
public final class LocalAwsExtension implements BeforeAllCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalAwsExtension.class);

    private final List<String> regions;
    private final boolean dynamoDb;
    private volatile LocalAws current;

    /** One region, {@code eu-west-1}, with DynamoDB. */
    public LocalAwsExtension() {
        this(List.of("eu-west-1"), true);
    }

    private LocalAwsExtension(List<String> regions, boolean dynamoDb) {
        this.regions = regions;
        this.dynamoDb = dynamoDb;
    }

    /** A stack with these regions (the first is the primary) and DynamoDB. */
    public static LocalAwsExtension withRegions(String... regions) {
        return new LocalAwsExtension(List.copyOf(Arrays.asList(regions)), true);
    }

    /** The same regions without DynamoDB, which starts faster. */
    public LocalAwsExtension withoutDynamoDb() {
        return new LocalAwsExtension(regions, false);
    }

    /** The running stack; only valid inside the test class's lifecycle. */
    public LocalAws get() {
        LocalAws aws = current;
        if (aws == null) {
            throw new IllegalStateException("local-aws is not running: use it from a test or a @BeforeAll method");
        }
        return aws;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        StartedStack started = context.getStore(NAMESPACE).getOrComputeIfAbsent(StartedStack.class,
                ignored -> new StartedStack(build()), StartedStack.class);
        current = started.aws;
    }

    private LocalAws build() {
        LocalAws.Builder builder = LocalAws.builder().regions(regions.toArray(String[]::new));
        if (!dynamoDb) {
            builder.withoutDynamoDb();
        }
        return builder.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        LocalAws aws = current;
        if (aws != null) {
            aws.regions().forEach(region -> region.faults().restore());
            if (dynamoDb) {
                aws.dynamoDbFaults().restore();
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalAws.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return get();
    }

    /** Closes the stack when JUnit closes the test class's store (JUnit closes AutoCloseable values). */
    private final class StartedStack implements AutoCloseable {
        private final LocalAws aws;

        StartedStack(LocalAws aws) {
            this.aws = aws;
        }

        @Override
        public void close() {
            current = null;
            aws.close();
        }
    }
}
