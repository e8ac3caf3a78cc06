package dev.justsaying.restaurantstatus.api;

import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A request the API turns down, as the RFC 9457 problem to answer with (and, if given, when to try again). An
 * answer, not a bug: it records no stack trace (filling in a request thread's deep stack is most of an overloaded
 * API's cost of a 503); a cause keeps its own.
 */
public final class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ProblemDetail problem;
    private final Duration retryAfter;

    private ProblemException(HttpStatus status, String title, String detail, Duration retryAfter, Throwable cause) {
        super(detail, cause, false, false);
        this.problem = ProblemDetail.forStatusAndDetail(status, detail);
        this.problem.setTitle(title);
        this.retryAfter = retryAfter;
    }

    public static ProblemException of(HttpStatus status, String title, String detail) {
        return new ProblemException(status, title, detail, null, null);
    }

    /** 503: nothing was accepted; the client may try the same request again after {@code retryAfter}. */
    public static ProblemException unavailable(String detail, Duration retryAfter, Throwable cause) {
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable", detail, retryAfter, cause);
    }

    /** Adds a member to the problem, e.g. the ids that were not found. */
    public ProblemException with(String name, Object value) {
        problem.setProperty(name, value);
        return this;
    }

    public ProblemDetail problem() {
        return problem;
    }

    /** When the client may try again, if that is worth saying. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
