package dev.justsaying.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;

/**
 * An endpoint on 127.0.0.1 where nothing listens, for tests of an unreachable service. (Taking a local-aws region
 * down and up again would have to re-bind its port, which another process may have taken meanwhile.)
 */
final class UnreachableEndpoint {

    private UnreachableEndpoint() {
    }

    static URI uri() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
