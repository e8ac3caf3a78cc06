package dev.justsaying.localaws;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The standalone local cloud: {@code java -jar local-aws.jar --regions eu-west-1,eu-central-1} prints one line per
 * endpoint, {@code <region> <service> <url>}, then {@code ready}, and serves until Ctrl-C. Scripts in any
 * language can wait for {@code ready} and read the endpoints from the lines before it.
 */
@Command(name = "local-aws", mixinStandardHelpOptions = true, version = "local-aws 0.1.0",
        sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "A Docker-free local cloud on 127.0.0.1: per region an SQS (ElasticMQ) and an SNS endpoint,",
            "and one DynamoDB Local, all in memory. Prints '<region> <service> <url>' per endpoint, then",
            "'ready', and runs until Ctrl-C. Any credentials are accepted (DynamoDB: letters and digits)."
        })
public final class LocalAwsMain implements Callable<Integer> {

    @Option(names = "--regions", split = ",", paramLabel = "REGION", defaultValue = "eu-west-1",
            description = "Regions to serve, comma-separated; the first is the primary (default: ${DEFAULT-VALUE}).")
    private List<String> regions;

    @Option(names = "--account-id", paramLabel = "ID", defaultValue = LocalAws.DEFAULT_ACCOUNT_ID,
            description = "The 12-digit account id in every ARN (default: ${DEFAULT-VALUE}).")
    private String accountId;

    @Option(names = "--sqs-ports", split = ",", paramLabel = "PORT",
            description = "Fixed SQS ports, one per region in the order of --regions (default: free ports).")
    private List<Integer> sqsPorts = List.of();

    @Option(names = "--sns-ports", split = ",", paramLabel = "PORT",
            description = "Fixed SNS ports, one per region in the order of --regions (default: free ports).")
    private List<Integer> snsPorts = List.of();

    @Option(names = "--dynamodb-port", paramLabel = "PORT", defaultValue = "0",
            description = "A fixed DynamoDB port (default: a free port).")
    private int dynamoDbPort;

    @Option(names = "--no-dynamodb", description = "Do not start DynamoDB Local.")
    private boolean withoutDynamoDb;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    private final CountDownLatch stopped = new CountDownLatch(1);

    public static void main(String[] args) {
        // Before the first logger exists: a quiet console configuration of our own, not a logback.xml that
        // would leak into the applications that put this jar on their classpath.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "local-aws-logback.xml");
        }
        int exitCode = new CommandLine(new LocalAwsMain()).execute(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        LocalAws.Builder builder = configure();
        PrintWriter out = spec.commandLine().getOut();
        LocalAws aws = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            aws.close();
            stopped.countDown();
        }, "local-aws-shutdown"));
        aws.endpoints().forEach(out::println);
        out.println("ready");
        out.flush();
        stopped.await();
        return 0;
    }

    private LocalAws.Builder configure() {
        checkOnePortPerRegion("--sqs-ports", sqsPorts);
        checkOnePortPerRegion("--sns-ports", snsPorts);
        LocalAws.Builder builder = LocalAws.builder();
        try {
            builder.accountId(accountId).dynamoDbPort(dynamoDbPort);
            for (int i = 0; i < regions.size(); i++) {
                builder.region(regions.get(i), portAt(sqsPorts, i), portAt(snsPorts, i));
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        if (withoutDynamoDb) {
            builder.withoutDynamoDb();
        }
        return builder;
    }

    private void checkOnePortPerRegion(String option, List<Integer> ports) {
        if (!ports.isEmpty() && ports.size() != regions.size()) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " needs one port per region: "
                    + regions.size() + " regions, " + ports.size() + " ports");
        }
    }

    private static int portAt(List<Integer> ports, int index) {
        return ports.isEmpty() ? 0 : ports.get(index);
    }
}
