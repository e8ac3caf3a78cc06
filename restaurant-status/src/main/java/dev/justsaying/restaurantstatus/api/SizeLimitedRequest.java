package dev.justsaying.restaurantstatus.api;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;

/**
 * A request whose body fails to read past a limit: the guard for bodies sent without a {@code Content-Length}
 * (chunked), whose size is only known while they are read. {@link ApiProblems} turns the failure into a 413.
 */
final class SizeLimitedRequest extends HttpServletRequestWrapper {

    private final long limit;

    SizeLimitedRequest(HttpServletRequest request, long limit) {
        super(request);
        this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        ServletInputStream body = super.getInputStream();
        return new ServletInputStream() {
            private long read;

            @Override
            public int read() throws IOException {
                int next = body.read();
                count(next < 0 ? 0 : 1);
                return next;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = body.read(buffer, offset, length);
                count(Math.max(n, 0));
                return n;
            }

            private void count(int bytes) throws BodyTooLargeException {
                read += bytes;
                if (read > limit) {
                    throw new BodyTooLargeException(limit);
                }
            }

            @Override
            public boolean isFinished() {
                return body.isFinished();
            }

            @Override
            public boolean isReady() {
                return body.isReady();
            }

            @Override
            public void setReadListener(ReadListener listener) {
                body.setReadListener(listener);
            }
        };
    }

    /** The body went past the limit while it was read. */
    static final class BodyTooLargeException extends IOException {

        private static final long serialVersionUID = 1L;

        BodyTooLargeException(long limit) {
            super("The body may be at most " + limit + " bytes");
        }
    }
}
