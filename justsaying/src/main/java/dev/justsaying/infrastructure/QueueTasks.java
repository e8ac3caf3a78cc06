package dev.justsaying.infrastructure;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;

/**
 * The start-up tasks for queues in one region: find, create, validate or assume a queue and its error queue, and
 * add to an existing queue only what it lacks.
 */
final class QueueTasks {

    private static final Logger log = LoggerFactory.getLogger(QueueTasks.class);

    private static final Set<String> QUEUE_MISSING_CODES =
            Set.of("AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist");
    private static final Set<String> QUEUE_EXISTS_CODES = Set.of("QueueAlreadyExists", "QueueNameExists");
    /** The path of a queue URL: {@code /<account id>/<queue name>}. */
    private static final Pattern URL_PATH = Pattern.compile("^https?://[^/]+/(\\d{12})/([^/]+)$");

    private final String region;
    private final SqsAsyncClient sqs;
    private final NamingConvention naming;

    QueueTasks(String region, SqsAsyncClient sqs, NamingConvention naming) {
        this.region = region;
        this.sqs = sqs;
        this.naming = naming;
    }

    CompletableFuture<ResolvedQueue> queue(QueueAddress address, QueueSettings settings, InfrastructureMode mode) {
        ResourceTask task = ResourceTask.queue(address.name(), region, mode);
        return task.run(() -> start(task, address, settings));
    }

    private CompletableFuture<ResolvedQueue> start(ResourceTask task, QueueAddress address, QueueSettings settings) {
        Optional<InfrastructureException> addressProblem = task.addressProblem(address, address.region(),
                address.name(), settings.fifo(), "QueueSettings");
        if (addressProblem.isPresent()) {
            return CompletableFuture.failedFuture(addressProblem.get());
        }
        Optional<QueueAddress> errorAddress = settings.errorQueue() ? Optional.of(errorAddressOf(task, address))
                : Optional.empty();
        return switch (task.mode()) {
            case ASSUME_EXISTS -> assume(task, address, errorAddress);
            case VALIDATE -> validate(task, address, settings, errorAddress);
            case CREATE_IF_MISSING -> createIfMissing(task, address, settings, errorAddress);
        };
    }

    private QueueAddress errorAddressOf(ResourceTask task, QueueAddress address) {
        try {
            return address.sibling(naming.errorQueueName(address.name()));
        } catch (IllegalArgumentException e) {
            throw task.failure("the error queue of " + task.resource() + " cannot be named: " + e.getMessage()
                    + "; shorten the queue name, or turn the error queue off in its QueueSettings");
        }
    }

    // ASSUME_EXISTS: resolve the URL and ARN with as few calls as possible, none for a URL.

    private CompletableFuture<ResolvedQueue> assume(ResourceTask task, QueueAddress address,
                                                    Optional<QueueAddress> errorAddress) {
        CompletableFuture<String> url = address.url().map(CompletableFuture::completedFuture)
                .orElseGet(() -> findUrl(task, address).thenApply(found -> found.orElseThrow(() -> task.failure(
                        task.resource() + " does not exist in " + region + " and the mode is ASSUME_EXISTS: create it,"
                                + " correct its name, or use CREATE_IF_MISSING"))));
        return url.thenCompose(queueUrl -> address.arn().map(CompletableFuture::completedFuture)
                        .orElseGet(() -> arnOf(task, queueUrl))
                        .thenApply(arn -> new ResolvedQueue(region, address.name(), queueUrl, arn, Optional.empty())))
                .thenApply(queue -> errorAddress.map(error -> queue.withErrorQueue(sibling(queue, error.name())))
                        .orElse(queue));
    }

    /** The queue of this name beside {@code queue}: same account and host, so no call is needed. */
    private static ResolvedQueue sibling(ResolvedQueue queue, String name) {
        String url = queue.url().substring(0, queue.url().lastIndexOf('/') + 1) + name;
        String arn = queue.arn().substring(0, queue.arn().lastIndexOf(':') + 1) + name;
        return new ResolvedQueue(queue.region(), name, url, arn, Optional.empty());
    }

    /** The ARN of the queue at {@code url}: read off the URL when it has the usual path, else asked of SQS. */
    private CompletableFuture<String> arnOf(ResourceTask task, String url) {
        Matcher path = URL_PATH.matcher(url);
        if (path.matches()) {
            return CompletableFuture.completedFuture(AwsNames.arn("sqs", region, path.group(1), path.group(2)));
        }
        return task.call("sqs:GetQueueAttributes", () -> sqs.getQueueAttributes(
                        request -> request.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN)))
                .thenApply(response -> response.attributes().get(QueueAttributeName.QUEUE_ARN));
    }

    // VALIDATE: read, compare, fail on what is missing or incompatible; change nothing.

    private CompletableFuture<ResolvedQueue> validate(ResourceTask task, QueueAddress address, QueueSettings settings,
                                                      Optional<QueueAddress> errorAddress) {
        return findQueue(task, address).thenCompose(found -> {
            ExistingQueue queue = found.orElseThrow(() -> task.failure(task.resource() + " does not exist in " + region
                    + " and the mode is VALIDATE: create it, or use CREATE_IF_MISSING"));
            checkCompatible(task, queue, settings);
            queue.missingKmsKey(settings).ifPresent(key -> {
                throw task.notEncrypted(key, "QueueSettings");
            });
            logKeptDifferences(task, queue, settings);
            ResolvedQueue resolved = queue.resolved(region, address.name());
            if (errorAddress.isEmpty()) {
                return CompletableFuture.completedFuture(resolved);
            }
            RedrivePolicy redrive = queue.redrivePolicy().orElseThrow(() -> task.failure(task.resource() + " in "
                    + region + " has no RedrivePolicy, so failing messages would never move to an error queue, and the"
                    + " mode is VALIDATE: give it one (e.g. to '" + errorAddress.get().name() + "' after "
                    + settings.maxReceiveCount() + " receives), turn the error queue off in its QueueSettings, or use"
                    + " CREATE_IF_MISSING"));
            return deadLetterQueue(task, redrive, errorAddress.get(), settings).thenApply(resolved::withErrorQueue);
        });
    }

    // CREATE_IF_MISSING: create what is missing; to an existing queue add only what it lacks.

    private CompletableFuture<ResolvedQueue> createIfMissing(ResourceTask task, QueueAddress address,
                                                             QueueSettings settings,
                                                             Optional<QueueAddress> errorAddress) {
        return findQueue(task, address).thenCompose(found -> found.isPresent()
                ? complete(task, address, settings, errorAddress, found.get())
                : create(task, address, settings, errorAddress));
    }

    private CompletableFuture<ResolvedQueue> create(ResourceTask task, QueueAddress address, QueueSettings settings,
                                                    Optional<QueueAddress> errorAddress) {
        CompletableFuture<Optional<ResolvedQueue>> errorQueue = errorAddress
                .map(error -> ensureErrorQueue(error, settings, task.mode()).thenApply(Optional::of))
                .orElseGet(() -> CompletableFuture.completedFuture(Optional.empty()));
        return errorQueue.thenCompose(error -> {
            Map<QueueAttributeName, String> attributes = attributesOf(settings, false);
            error.ifPresent(dlq -> attributes.put(QueueAttributeName.REDRIVE_POLICY,
                    new RedrivePolicy(dlq.arn(), settings.maxReceiveCount()).toJson()));
            return createQueue(task, address.name(), attributes, settings).thenCompose(created -> {
                if (created.isEmpty()) {
                    return findQueue(task, address).thenCompose(existing -> complete(task, address, settings,
                            errorAddress, existing.orElseThrow(task::vanished)));
                }
                return arnOf(task, created.get()).thenApply(arn ->
                        new ResolvedQueue(region, address.name(), created.get(), arn, error));
            });
        });
    }

    /** An existing queue: check it, then add what it lacks (redrive policy, KMS key, tags), keeping the rest. */
    private CompletableFuture<ResolvedQueue> complete(ResourceTask task, QueueAddress address, QueueSettings settings,
                                                      Optional<QueueAddress> errorAddress, ExistingQueue queue) {
        checkCompatible(task, queue, settings);
        logKeptDifferences(task, queue, settings);
        Map<QueueAttributeName, String> additions = new EnumMap<>(QueueAttributeName.class);
        queue.missingKmsKey(settings).ifPresent(key -> additions.put(QueueAttributeName.KMS_MASTER_KEY_ID, key));
        CompletableFuture<Optional<ResolvedQueue>> errorQueue;
        if (errorAddress.isEmpty()) {
            errorQueue = CompletableFuture.completedFuture(Optional.empty());
        } else if (queue.redrivePolicy().isPresent()) {
            errorQueue = deadLetterQueue(task, queue.redrivePolicy().get(), errorAddress.get(), settings)
                    .thenApply(Optional::of);
        } else {
            errorQueue = ensureErrorQueue(errorAddress.get(), settings, task.mode()).thenApply(error -> {
                additions.put(QueueAttributeName.REDRIVE_POLICY,
                        new RedrivePolicy(error.arn(), settings.maxReceiveCount()).toJson());
                return Optional.of(error);
            });
        }
        return errorQueue.thenCompose(error -> addAttributes(task, queue.url(), additions)
                .thenCompose(ignored -> addMissingTags(task, queue.url(), settings))
                .thenApply(ignored -> {
                    ResolvedQueue resolved = queue.resolved(region, address.name());
                    return error.map(resolved::withErrorQueue).orElse(resolved);
                }));
    }

    private CompletableFuture<ResolvedQueue> ensureErrorQueue(QueueAddress address, QueueSettings settings,
                                                              InfrastructureMode mode) {
        ResourceTask task = ResourceTask.errorQueue(address.name(), region, mode);
        return findQueue(task, address).thenCompose(found -> {
            if (found.isPresent()) {
                return addMissingTags(task, found.get().url(), settings)
                        .thenApply(ignored -> found.get().resolved(region, address.name()));
            }
            return createQueue(task, address.name(), attributesOf(settings, true), settings)
                    .thenCompose(created -> created.map(CompletableFuture::completedFuture)
                            .orElseGet(() -> findUrl(task, address)
                                    .thenApply(url -> url.orElseThrow(task::vanished))))
                    .thenCompose(url -> arnOf(task, url)
                            .thenApply(arn -> new ResolvedQueue(region, address.name(), url, arn, Optional.empty())));
        });
    }

    /**
     * The queue that an existing redrive policy names, which must exist. A policy that someone else set is kept,
     * even when it names another queue or count than the settings.
     */
    private CompletableFuture<ResolvedQueue> deadLetterQueue(ResourceTask task, RedrivePolicy redrive,
                                                             QueueAddress expected, QueueSettings settings) {
        QueueAddress target;
        try {
            target = QueueAddress.of(redrive.deadLetterTargetArn());
        } catch (IllegalArgumentException e) {
            return task.failed("the RedrivePolicy of " + task.resource() + " in " + region + " names no usable queue: "
                    + e.getMessage() + "; correct its deadLetterTargetArn");
        }
        if (!target.name().equals(expected.name()) || redrive.maxReceiveCount() != settings.maxReceiveCount()) {
            log.info("{} in {} keeps its RedrivePolicy (to '{}' after {} receives) rather than the settings' ('{}'"
                            + " after {}): a redrive policy set by someone else is never overwritten",
                    task.resource(), region, target.name(), redrive.maxReceiveCount(), expected.name(),
                    settings.maxReceiveCount());
        }
        ResourceTask errorTask = ResourceTask.errorQueue(target.name(), region, task.mode());
        return findUrl(errorTask, target).thenApply(url -> new ResolvedQueue(region, target.name(),
                url.orElseThrow(() -> errorTask.failure(errorTask.resource() + ", which the RedrivePolicy of "
                        + task.resource() + " names, does not exist in " + region + ": create it, or correct the"
                        + " RedrivePolicy")),
                redrive.deadLetterTargetArn(), Optional.empty()));
    }

    /** Creates a queue; empty if a queue of that name exists already (with other attributes). */
    private CompletableFuture<Optional<String>> createQueue(ResourceTask task, String name,
                                                            Map<QueueAttributeName, String> attributes,
                                                            QueueSettings settings) {
        return task.find("sqs:CreateQueue", () -> sqs.createQueue(request -> request.queueName(name)
                                .attributes(attributes).tags(settings.tags().isEmpty() ? null : settings.tags()))
                        .thenApply(response -> {
                            log.info("created {} in {} with {}", task.resource(), region, attributes);
                            return response.queueUrl();
                        }),
                QueueTasks::isAlreadyExists);
    }

    private CompletableFuture<Void> addAttributes(ResourceTask task, String url,
                                                  Map<QueueAttributeName, String> additions) {
        if (additions.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return task.call("sqs:SetQueueAttributes", () -> sqs.setQueueAttributes(request -> request.queueUrl(url)
                        .attributes(additions)))
                .thenRun(() -> log.info("added {} to {} in {}", additions.keySet(), task.resource(), region));
    }

    /** Tags the queue with the settings' tags it lacks; a tag someone else set is kept, even with another value. */
    private CompletableFuture<Void> addMissingTags(ResourceTask task, String url, QueueSettings settings) {
        if (settings.tags().isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return task.call("sqs:ListQueueTags", () -> sqs.listQueueTags(request -> request.queueUrl(url)))
                .thenCompose(response -> {
                    Map<String, String> missing = new HashMap<>(settings.tags());
                    missing.keySet().removeAll(response.tags().keySet());
                    if (missing.isEmpty()) {
                        return CompletableFuture.completedFuture(null);
                    }
                    return task.call("sqs:TagQueue", () -> sqs.tagQueue(request -> request.queueUrl(url).tags(missing)))
                            .thenRun(() -> log.info("tagged {} in {} with {}", task.resource(), region, missing));
                });
    }

    /** The queue's URL and attributes, or empty if it does not exist. */
    private CompletableFuture<Optional<ExistingQueue>> findQueue(ResourceTask task, QueueAddress address) {
        CompletableFuture<Optional<String>> url = address.url().isPresent()
                ? CompletableFuture.completedFuture(address.url())
                : findUrl(task, address);
        return url.thenCompose(found -> found.isEmpty() ? CompletableFuture.completedFuture(Optional.empty())
                : task.find("sqs:GetQueueAttributes", () -> sqs.getQueueAttributes(request -> request
                                .queueUrl(found.get()).attributeNames(QueueAttributeName.ALL)),
                        QueueTasks::isMissing)
                        .thenApply(response -> response.map(r -> new ExistingQueue(found.get(), r.attributes()))));
    }

    private CompletableFuture<Optional<String>> findUrl(ResourceTask task, QueueAddress address) {
        return task.find("sqs:GetQueueUrl", () -> sqs.getQueueUrl(request -> request.queueName(address.name())
                        .queueOwnerAWSAccountId(address.arn().flatMap(arn -> address.accountId()).orElse(null)))
                .thenApply(response -> response.queueUrl()), QueueTasks::isMissing);
    }

    /**
     * Fails on a difference the library cannot live with and must not change. (FIFO or not is settled by the name,
     * which was checked against the settings before any call.)
     */
    private static void checkCompatible(ResourceTask task, ExistingQueue queue, QueueSettings settings) {
        if (settings.contentBasedDeduplication()
                && !"true".equals(queue.attributes().get(QueueAttributeName.CONTENT_BASED_DEDUPLICATION))) {
            throw task.contentDeduplicationOff("QueueSettings");
        }
    }

    /** Differences that are kept as they are (someone else chose them) and reported. */
    private void logKeptDifferences(ResourceTask task, ExistingQueue queue, QueueSettings settings) {
        Map<QueueAttributeName, String> wanted = attributesOf(settings, false);
        for (QueueAttributeName name : Set.of(QueueAttributeName.VISIBILITY_TIMEOUT,
                QueueAttributeName.MESSAGE_RETENTION_PERIOD, QueueAttributeName.DELAY_SECONDS,
                QueueAttributeName.KMS_MASTER_KEY_ID)) {
            String existing = queue.attributes().get(name);
            if (existing != null && wanted.containsKey(name) && !existing.equals(wanted.get(name))) {
                log.info("{} in {} keeps its {} {} (settings: {}): attributes set by someone else are never"
                        + " overwritten", task.resource(), region, name, existing, wanted.get(name));
            }
        }
    }

    private static Map<QueueAttributeName, String> attributesOf(QueueSettings settings, boolean errorQueue) {
        Map<QueueAttributeName, String> attributes = new EnumMap<>(QueueAttributeName.class);
        attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, seconds(settings.visibilityTimeout()));
        attributes.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD,
                seconds(errorQueue ? settings.errorQueueRetention() : settings.messageRetention()));
        if (!errorQueue) {
            attributes.put(QueueAttributeName.DELAY_SECONDS, seconds(settings.deliveryDelay()));
        }
        if (settings.fifo()) {
            attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
            attributes.put(QueueAttributeName.CONTENT_BASED_DEDUPLICATION,
                    String.valueOf(settings.contentBasedDeduplication()));
        }
        settings.kmsMasterKeyId().ifPresent(key -> attributes.put(QueueAttributeName.KMS_MASTER_KEY_ID, key));
        return attributes;
    }

    private static String seconds(Duration duration) {
        return String.valueOf(duration.toSeconds());
    }

    private static boolean isMissing(Throwable failure) {
        return failure instanceof QueueDoesNotExistException || hasCode(failure, QUEUE_MISSING_CODES);
    }

    private static boolean isAlreadyExists(Throwable failure) {
        return failure instanceof QueueNameExistsException || hasCode(failure, QUEUE_EXISTS_CODES);
    }

    private static boolean hasCode(Throwable failure, Set<String> codes) {
        return failure instanceof AwsServiceException service && service.awsErrorDetails() != null
                && codes.contains(service.awsErrorDetails().errorCode());
    }

    /** A queue that exists: its URL and every attribute. */
    private record ExistingQueue(String url, Map<QueueAttributeName, String> attributes) {

        ResolvedQueue resolved(String region, String name) {
            return new ResolvedQueue(region, name, url, attributes.get(QueueAttributeName.QUEUE_ARN), Optional.empty());
        }

        Optional<RedrivePolicy> redrivePolicy() {
            return Optional.ofNullable(attributes.get(QueueAttributeName.REDRIVE_POLICY))
                    .filter(policy -> !policy.isBlank())
                    .map(RedrivePolicy::parse);
        }

        /** The settings' KMS key, if the queue has none. */
        Optional<String> missingKmsKey(QueueSettings settings) {
            String existing = attributes.get(QueueAttributeName.KMS_MASTER_KEY_ID);
            return existing == null || existing.isBlank() ? settings.kmsMasterKeyId() : Optional.empty();
        }
    }
}
