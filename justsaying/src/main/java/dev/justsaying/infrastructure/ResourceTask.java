package dev.justsaying.infrastructure;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * One resource that a start-up task works on, in one region and mode: it sends that task's AWS requests and turns
 * every failure into an {@link InfrastructureException} that names the action, the resource, the region and the
 * mode, and says what to do.
 */
final class ResourceTask {

    private static final Set<String> ACCESS_DENIED_CODES =
            Set.of("AccessDenied", "AccessDeniedException", "AuthorizationError", "AuthorizationErrorException");

    private final String resource;
    private final String region;
    private final InfrastructureMode mode;

    private ResourceTask(String resource, String region, InfrastructureMode mode) {
        this.resource = resource;
        this.region = region;
        this.mode = mode;
    }

    static ResourceTask queue(String name, String region, InfrastructureMode mode) {
        return new ResourceTask("queue '" + name + "'", region, mode);
    }

    static ResourceTask errorQueue(String name, String region, InfrastructureMode mode) {
        return new ResourceTask("error queue '" + name + "'", region, mode);
    }

    static ResourceTask queuePolicy(String queueName, String region, InfrastructureMode mode) {
        return new ResourceTask("the policy of queue '" + queueName + "'", region, mode);
    }

    static ResourceTask topic(String name, String region, InfrastructureMode mode) {
        return new ResourceTask("topic '" + name + "'", region, mode);
    }

    static ResourceTask subscription(String queueName, String topicName, String region, InfrastructureMode mode) {
        return new ResourceTask("subscription of queue '" + queueName + "' to topic '" + topicName + "'", region, mode);
    }

    /** The resource concerned, e.g. {@code queue 'orders'}, to begin messages with. */
    String resource() {
        return resource;
    }

    InfrastructureMode mode() {
        return mode;
    }

    /** Sends a request; any failure becomes an {@link InfrastructureException} about this resource. */
    <T> CompletableFuture<T> call(String action, Supplier<CompletableFuture<T>> request) {
        CompletableFuture<T> sent;
        try {
            sent = request.get();
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.handle((result, failure) -> {
            if (failure != null) {
                throw explain(action, unwrap(failure));
            }
            return result;
        });
    }

    /** Sends a request; an answer that {@code isAbsent} recognises gives empty, any other failure fails. */
    <T> CompletableFuture<Optional<T>> find(String action, Supplier<CompletableFuture<T>> request,
                                            Predicate<Throwable> isAbsent) {
        return call(action, () -> request.get().handle((result, failure) -> {
            if (failure == null) {
                return Optional.of(result);
            }
            Throwable cause = unwrap(failure);
            if (isAbsent.test(cause)) {
                return Optional.<T>empty();
            }
            throw new CompletionException(cause);
        }));
    }

    /** A failure with this message, which must say what is wrong with the resource and what to do. */
    InfrastructureException failure(String message) {
        return new InfrastructureException(resource, region, mode, message, null);
    }

    /** A future failed with {@link #failure(String)}. */
    <T> CompletableFuture<T> failed(String message) {
        return CompletableFuture.failedFuture(failure(message));
    }

    /**
     * Runs a whole task and gives its outcome as the caller sees it: its value, or the
     * {@link InfrastructureException} it failed with, unwrapped (anything else that escaped, even synchronously, is
     * wrapped in one).
     */
    <T> CompletableFuture<T> run(Supplier<CompletableFuture<T>> work) {
        CompletableFuture<T> started;
        try {
            started = work.get();
        } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<T> outcome = new CompletableFuture<>();
        started.whenComplete((result, failure) -> {
            if (failure == null) {
                outcome.complete(result);
                return;
            }
            Throwable cause = unwrap(failure);
            outcome.completeExceptionally(cause instanceof InfrastructureException ? cause
                    : new InfrastructureException(resource, region, mode, "start-up failed for " + resource + " in "
                            + region + " (mode " + mode + "): " + cause, cause));
        });
        return outcome;
    }

    /**
     * Why an address cannot be used here, if it cannot: it names another region, or its name and its settings
     * disagree about FIFO (a FIFO queue or topic is one whose name ends with {@code .fifo}).
     */
    Optional<InfrastructureException> addressProblem(Object address, Optional<String> addressRegion, String name,
                                                     boolean fifoSettings, String settingsType) {
        Optional<String> foreignRegion = addressRegion.filter(named -> !named.equals(region));
        if (foreignRegion.isPresent()) {
            return Optional.of(failure(resource + " is addressed in " + foreignRegion.get() + " (" + address
                    + ") but used in " + region + ": give its address in " + region + ", or configure it under region "
                    + foreignRegion.get()));
        }
        if (AwsNames.isFifo(name) != fifoSettings) {
            return Optional.of(failure(resource + " in " + region + (fifoSettings
                    ? " has FIFO settings but its name lacks the suffix .fifo: name it '" + name + ".fifo'"
                    : " is FIFO by its name but its settings are not: set fifo(true) in its " + settingsType)));
        }
        return Optional.empty();
    }

    /** The resource deduplicates only by id, the settings want content-based deduplication: never flipped. */
    InfrastructureException contentDeduplicationOff(String settingsType) {
        return failure(resource + " in " + region + " has ContentBasedDeduplication off but its settings ask for it,"
                + " and an attribute set by someone else is never flipped: enable it yourself, or turn it off in its "
                + settingsType + " and give every message a deduplication id");
    }

    /** The resource was refused as existing, then not found: something else is creating or deleting it. */
    InfrastructureException vanished() {
        return failure(resource + " in " + region + " was reported as existing, then as missing: something else is"
                + " creating or deleting it; retry the start");
    }

    /** VALIDATE found no encryption where the settings ask for a KMS key. */
    InfrastructureException notEncrypted(String kmsKey, String settingsType) {
        return failure(resource + " in " + region + " is not encrypted but its settings ask for the KMS key '" + kmsKey
                + "': encrypt it, remove the key from its " + settingsType + ", or use CREATE_IF_MISSING, which adds"
                + " the key");
    }

    private InfrastructureException explain(String action, Throwable cause) {
        if (cause instanceof InfrastructureException known) {
            return known;
        }
        String where = action + " on " + resource + " in " + region + " (mode " + mode + ")";
        String message;
        if (cause instanceof AwsServiceException service && isAccessDenied(service)) {
            message = "access denied: the caller may not " + where + ": grant " + action + " on it to the bus's"
                    + " credentials" + (mode == InfrastructureMode.CREATE_IF_MISSING
                    ? ", or have it created by someone who may and use VALIDATE or ASSUME_EXISTS" : "");
        } else if (cause instanceof AwsServiceException service) {
            message = where + " failed: " + (service.awsErrorDetails() == null ? service.getMessage()
                    : service.awsErrorDetails().errorMessage() + " [" + service.awsErrorDetails().errorCode()
                    + ", HTTP " + service.statusCode() + "]");
        } else if (cause instanceof SdkClientException) {
            message = "could not reach " + action.substring(0, action.indexOf(':')).toUpperCase() + " in " + region
                    + " for " + where + ": " + cause.getMessage() + ": check the endpoint, the network and the"
                    + " credentials";
        } else {
            message = where + " failed: " + cause;
        }
        return new InfrastructureException(resource, region, mode, message, cause);
    }

    private static boolean isAccessDenied(AwsServiceException e) {
        return e.statusCode() == 403
                || (e.awsErrorDetails() != null && ACCESS_DENIED_CODES.contains(e.awsErrorDetails().errorCode()));
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
