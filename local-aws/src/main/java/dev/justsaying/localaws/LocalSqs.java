package dev.justsaying.localaws;

import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * ElasticMQ serving SQS for one region on a private port of 127.0.0.1. Its queue ARNs carry the region and the
 * account id, and its queue URLs carry the public port (the fault-injecting proxy), so a client that follows a
 * queue URL meets the same faults as one that uses the endpoint.
 */
final class LocalSqs implements AutoCloseable {

    private final SQSRestServer server;
    private final int port;

    private LocalSqs(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
    }

    static LocalSqs start(String region, String accountId, int publicPort) {
        SQSRestServer server = SQSRestServerBuilder
                .withInterface("127.0.0.1")
                .withPort(0)
                .withServerAddress(new NodeAddress("http", "127.0.0.1", publicPort, ""))
                .withAWSRegion(region)
                .withAWSAccountId(accountId)
                .start();
        try {
            return new LocalSqs(server, server.waitUntilStarted().localAddress().getPort());
        } catch (RuntimeException e) {
            server.stopAndWait();
            throw new IllegalStateException("ElasticMQ for " + region + " did not start: " + e.getMessage(), e);
        }
    }

    /** The private port ElasticMQ listens on (clients use the public one). */
    int port() {
        return port;
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
