package dev.justsaying.localaws.sns;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP forwarder on 127.0.0.1 to a local port that can be switched off (open connections cut, new ones closed at
 * once: the client sees connection errors) and on again, to put a server out of reach without stopping it.
 */
final class SwitchableTcpProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "test-tcp-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean reachable = true;

    SwitchableTcpProxy(int targetPort) {
        this.targetPort = targetPort;
        try {
            this.listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        } catch (IOException noPort) {
            throw new UncheckedIOException(noPort);
        }
        threads.execute(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Cuts every open connection and refuses new ones until {@link #restore()}. */
    void cut() {
        reachable = false;
        open.forEach(SwitchableTcpProxy::closeQuietly);
    }

    void restore() {
        reachable = true;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (!reachable) {
                    closeQuietly(client);
                    continue;
                }
                Socket upstream = new Socket(InetAddress.getByName("127.0.0.1"), targetPort);
                open.add(client);
                open.add(upstream);
                threads.execute(() -> pump(client, upstream));
                threads.execute(() -> pump(upstream, client));
            } catch (IOException closedOrRefused) {
                // the listener was closed, or the target refused: the client's connection ends either way
            }
        }
    }

    private void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException cut) {
            // one side went away
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        cut();
        threads.shutdownNow();
    }
}
