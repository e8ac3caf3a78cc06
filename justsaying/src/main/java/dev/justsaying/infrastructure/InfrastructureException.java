package dev.justsaying.infrastructure;

import java.util.Objects;

/**
 * Start-up could not create, validate or resolve a queue, topic or subscription. The message names the resource,
 * the region and the mode, and says what to do about it; the accessors give the same as data.
 */
public final class InfrastructureException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String resource;
    private final String region;
    private final InfrastructureMode mode;

    InfrastructureException(String resource, String region, InfrastructureMode mode, String message, Throwable cause) {
        super(message, cause);
        this.resource = Objects.requireNonNull(resource, "resource");
        this.region = Objects.requireNonNull(region, "region");
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    /** The resource concerned, e.g. {@code queue 'orders'}. */
    public String resource() {
        return resource;
    }

    /** The region the resource was looked for in. */
    public String region() {
        return region;
    }

    /** The mode start-up ran in for this resource. */
    public InfrastructureMode mode() {
        return mode;
    }
}
