package dev.justsaying.ops;

/**
 * A failure the CLI explains in one line and turns into its exit code: {@link #UNREACHABLE} when an endpoint or the
 * API cannot be reached, {@link #NOT_FOUND} for an unknown queue, command or group, {@link #FAILED} for the rest.
 * Usage errors stay picocli's own (exit code 2).
 */
final class OpsFailure extends RuntimeException {

    /** Anything else that went wrong: refused, an unexpected answer. */
    static final int FAILED = 1;
    /** Connection refused, timed out, host unknown. */
    static final int UNREACHABLE = 3;
    /** The queue, command or subscription group does not exist. */
    static final int NOT_FOUND = 4;

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    private OpsFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    static OpsFailure unreachable(String message, Throwable cause) {
        return new OpsFailure(UNREACHABLE, message, cause);
    }

    static OpsFailure notFound(String message) {
        return new OpsFailure(NOT_FOUND, message, null);
    }

    static OpsFailure failed(String message) {
        return new OpsFailure(FAILED, message, null);
    }

    int exitCode() {
        return exitCode;
    }
}
