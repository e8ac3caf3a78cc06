package dev.justsaying.localaws;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBRequestHandler;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBServerHandler;

/**
 * DynamoDB Local, in memory, served by a Jetty of our own so that it binds 127.0.0.1 only (its own launcher binds
 * every interface) and sends no telemetry (its launcher configures telemetry; we never do).
 */
final class LocalDynamoDb implements AutoCloseable {

    private final LocalDynamoDBRequestHandler requests;
    private final Server jetty;
    private final int port;

    private LocalDynamoDb(LocalDynamoDBRequestHandler requests, Server jetty, int port) {
        this.requests = requests;
        this.jetty = jetty;
        this.port = port;
    }

    /** Starts an empty in-memory DynamoDB on a free port of 127.0.0.1; all clients share one database. */
    static LocalDynamoDb start() {
        LocalDynamoDBRequestHandler requests = null;
        Server jetty = new Server();
        try {
            requests = new LocalDynamoDBRequestHandler(0, true, null, true, false);
            LocalDynamoDBServerHandler handler = new LocalDynamoDBServerHandler(requests, null);
            ServerConnector connector = new ServerConnector(jetty);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            jetty.addConnector(connector);
            // DynamoDBProxyServer only builds its handler tree here; its own (all-interfaces) server is never started.
            jetty.setHandler(new DynamoDBProxyServer(0, handler).setUpHandler(handler));
            jetty.start();
            return new LocalDynamoDb(requests, jetty, connector.getLocalPort());
        } catch (Exception e) {
            stopQuietly(jetty);
            if (requests != null) {
                requests.shutdown();
            }
            throw new IllegalStateException("DynamoDB Local did not start: " + e.getMessage(), e);
        }
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        stopQuietly(jetty);
        requests.shutdown();
    }

    private static void stopQuietly(Server jetty) {
        try {
            jetty.stop();
        } catch (Exception ignored) {
            // Stopping is best effort: the JVM-wide state it holds is in memory and goes with the handler.
        }
    }
}
