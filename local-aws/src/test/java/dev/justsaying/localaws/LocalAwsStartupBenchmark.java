package dev.justsaying.localaws;

/**
 * Prints how long the whole stack (two regions and DynamoDB) takes to start and to stop, first in a cold JVM and then
 * warmed. Run: {@code mvn -q -pl local-aws test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.justsaying.localaws.LocalAwsStartupBenchmark}.
 */
public final class LocalAwsStartupBenchmark {

    private LocalAwsStartupBenchmark() {
    }

    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        for (int i = 1; i <= repeats; i++) {
            long start = System.nanoTime();
            LocalAws aws = LocalAws.start("eu-west-1", "eu-central-1");
            long started = System.nanoTime();
            aws.close();
            long stopped = System.nanoTime();
            System.out.printf("start %d (%s): %d ms to start 2 regions + DynamoDB, %d ms to stop%n", i,
                    i == 1 ? "cold JVM" : "warm", (started - start) / 1_000_000, (stopped - started) / 1_000_000);
        }
    }
}
