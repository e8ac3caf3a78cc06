package dev.justsaying.restaurantstatus.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code stack} role's only endpoint, on 127.0.0.1: {@code GET /properties} answers where the service finds
 * the stack's parts, the very properties {@link LocalStackInitializer} sets for a stack in the service's own JVM
 * ({@link Properties} text). A service started with {@code restaurant-status.local.stack-url} reads them once.
 */
final class LocalStackServer implements AutoCloseable {

    static final String PROPERTIES_PATH = "/properties";

    private static final Logger log = LoggerFactory.getLogger(LocalStackServer.class);

    private final HttpServer server;

    private LocalStackServer(HttpServer server) {
        this.server = server;
    }

    /** Serves {@code stack}'s properties on {@code port} (0: a free one) and logs how to run the service against it. */
    static LocalStackServer start(LocalStack stack, int port) {
        byte[] properties = propertiesText(stack);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            server.createContext(PROPERTIES_PATH, exchange -> answer(exchange, properties));
            server.start();
            LocalStackServer started = new LocalStackServer(server);
            log.info("""

                    The local stack for restaurant-status is running (Ctrl-C stops it); it serves nothing else
                      run the service  java -jar restaurant-status/target/restaurant-status.jar \
                    --restaurant-status.local.stack-url={} [--restaurant-status.roles=api|worker] [--server.port=N]
                      its properties   {}{}
                      PostgreSQL       {}
                      Twilio stub      {}
                      local AWS        {}""",
                    started.url(), started.url(), PROPERTIES_PATH, stack.jdbcUrl(), stack.twilio().endpoint(),
                    stack.aws().endpoints());
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the local stack's properties on port " + port, e);
        }
    }

    /** Where the service finds this stack: the value of {@code restaurant-status.local.stack-url}. */
    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static byte[] propertiesText(LocalStack stack) {
        Properties properties = new Properties();
        LocalStackInitializer.properties(stack)
                .forEach((name, value) -> properties.setProperty(name, value.toString()));
        StringWriter text = new StringWriter();
        try {
            properties.store(text, "restaurant-status local stack");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void answer(HttpExchange exchange, byte[] properties) throws IOException {
        try (exchange) {
            boolean get = "GET".equals(exchange.getRequestMethod());
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=ISO-8859-1");
            exchange.sendResponseHeaders(get ? 200 : 405, get ? properties.length : -1);
            if (get) {
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(properties);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
