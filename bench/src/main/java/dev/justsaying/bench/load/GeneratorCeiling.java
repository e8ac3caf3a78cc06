package dev.justsaying.bench.load;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How fast {@link OpenLoopLoad} itself is: it loads a JDK HttpServer in the same JVM that answers 202 at once, so
 * whatever latency it reports at a rate is the generator's (and the loopback's) own floor. Run it before trusting a
 * comparison at that rate.
 */
@Command(name = "generator-ceiling", mixinStandardHelpOptions = true,
        description = "The load generator against a no-op local HTTP server: its own latency floor per rate.")
public final class GeneratorCeiling implements Callable<Integer> {

    @Option(names = "--rates", split = ",", description = "Requests per second (default ${DEFAULT-VALUE}).")
    List<Integer> rates = List.of(500, 1000);

    @Option(names = "--seconds", description = "Length of each run (default ${DEFAULT-VALUE}).")
    int seconds = 20;

    @Option(names = "--max-connections", description = "Most requests in flight (default ${DEFAULT-VALUE}).")
    int maxConnections = 512;

    public static void main(String[] args) {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        System.exit(new CommandLine(new GeneratorCeiling()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        ExecutorService handlers = Executors.newFixedThreadPool(4);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(202, -1);
            }
        });
        server.setExecutor(handlers);
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            RequestTemplate template = new RequestTemplate("PUT", "/restaurants/{id}/status",
                    "{\"status\":\"CLOSED\",\"reason\":\"load test\",\"notify\":true}", "key", 1000);
            OpenLoopLoad load = new OpenLoopLoad(maxConnections, Duration.ofSeconds(30));
            load.run(url, template, rates.get(0), seconds, "warm-up", System.err);
            System.out.println("| rate/s | sent | 2xx | errors | achieved/s | p50 ms | p99 ms | p99.9 ms | max ms |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            for (int rate : rates) {
                LoadResult r = load.run(url, template, rate, seconds, rate + "/s", System.err);
                System.out.printf(Locale.ROOT, "| %d | %,d | %,d | %,d | %,.0f | %.2f | %.2f | %.2f | %.1f |%n", rate,
                        r.scheduled(), r.succeeded(), r.errorCount(), r.achievedPerSecond(), r.percentileMillis(50),
                        r.percentileMillis(99), r.percentileMillis(99.9), r.maxMillis());
            }
            return 0;
        } finally {
            server.stop(0);
            handlers.shutdownNow();
        }
    }
}
