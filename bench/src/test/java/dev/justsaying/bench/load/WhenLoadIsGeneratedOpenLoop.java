package dev.justsaying.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generator against a tiny JDK HttpServer on 127.0.0.1. The number of requests is exact, not approximate: the
 * schedule is rate × seconds intended sends, computed rather than timed, and the run waits for every answer, so a
 * slow machine makes requests late (and their latencies long) but never fewer or more.
 */
class WhenLoadIsGeneratedOpenLoop {

    private static final PrintStream NO_PROGRESS = new PrintStream(OutputStream.nullOutputStream());
    private static final RequestTemplate TEMPLATE =
            new RequestTemplate("PUT", "/restaurants/{id}/status", "{\"status\":\"CLOSED\"}", "test-key", 1000);

    private final AtomicInteger arrivals = new AtomicInteger();
    private final Queue<String> seen = new ConcurrentLinkedQueue<>();
    private final ExecutorService handlers = Executors.newFixedThreadPool(8);
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        server.createContext("/", this::answer);
        server.setExecutor(handlers);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        handlers.shutdownNow();
    }

    /** Every 4th arrival is answered 500, the others 202; each request is remembered as "METHOD path key body". */
    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
            int status = arrivals.incrementAndGet() % 4 == 0 ? 500 : 202;
            exchange.sendResponseHeaders(status, -1);
        }
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void itSendsRateTimesSecondsRequestsMadeFromTheTemplate() {
        LoadResult result = new OpenLoopLoad(16, Duration.ofSeconds(30)).run(url(), TEMPLATE, 50, 2, "test",
                NO_PROGRESS);

        assertThat(arrivals).hasValue(100);
        assertThat(result.scheduled()).isEqualTo(100);
        assertThat(result.perSecondMicros()).hasSize(2);
        assertThat(seen).allSatisfy(request -> assertThat(request)
                .matches("PUT /restaurants/([1-9][0-9]{0,2}|1000)/status Bearer test-key \\{\"status\":\"CLOSED\"}"));
    }

    @Test
    void itCountsAnswersOtherThan2xxAsErrorsByStatus() {
        LoadResult result = new OpenLoopLoad(16, Duration.ofSeconds(30)).run(url(), TEMPLATE, 40, 2, "test",
                NO_PROGRESS);

        assertThat(result.errors()).containsExactlyEntriesOf(Map.of("HTTP 500", 20L));
        assertThat(result.succeeded()).isEqualTo(60);
        assertThat(result.latencyMicros().getTotalCount()).isEqualTo(60);
        assertThat(result.perSecondMicros().stream().mapToLong(h -> h.getTotalCount()).sum()).isEqualTo(60);
    }

    @Test
    void itCountsRequestsThatCannotConnectByTheirException() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        LoadResult result = new OpenLoopLoad(4, Duration.ofSeconds(30))
                .run("http://127.0.0.1:" + closedPort, TEMPLATE, 20, 1, "test", NO_PROGRESS);

        assertThat(result.succeeded()).isZero();
        assertThat(result.errors()).containsExactlyEntriesOf(Map.of("ConnectException", 20L));
    }

    @Test
    void itRefusesTargetsOtherThanLoopback() {
        OpenLoopLoad load = new OpenLoopLoad(4, Duration.ofSeconds(5));
        for (String url : List.of("http://example.com/", "http://10.0.0.1:8080", "http://127.0.0.1.example.com/",
                "ftp://127.0.0.1/")) {
            assertThatThrownBy(() -> load.run(url, TEMPLATE, 10, 1, "test", NO_PROGRESS))
                    .as(url).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("127.0.0.1");
        }
        assertThat(arrivals).hasValue(0);
        assertThat(OpenLoopLoad.requireLoopback("http://localhost:8080")).hasPort(8080);
    }
}
