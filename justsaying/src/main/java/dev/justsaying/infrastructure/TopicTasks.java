package dev.justsaying.infrastructure;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.Tag;

/**
 * The start-up tasks for topics in one region: find, create, validate or assume a topic, and add to an existing
 * topic only what it lacks.
 */
final class TopicTasks {

    private static final Logger log = LoggerFactory.getLogger(TopicTasks.class);

    private static final String FIFO_TOPIC = "FifoTopic";
    private static final String CONTENT_BASED_DEDUPLICATION = "ContentBasedDeduplication";
    private static final String KMS_MASTER_KEY_ID = "KmsMasterKeyId";

    private final String region;
    private final SnsAsyncClient sns;

    TopicTasks(String region, SnsAsyncClient sns) {
        this.region = region;
        this.sns = sns;
    }

    CompletableFuture<ResolvedTopic> topic(TopicAddress address, TopicSettings settings, InfrastructureMode mode) {
        ResourceTask task = ResourceTask.topic(address.name(), region, mode);
        return task.run(() -> start(task, address, settings));
    }

    private CompletableFuture<ResolvedTopic> start(ResourceTask task, TopicAddress address, TopicSettings settings) {
        Optional<InfrastructureException> addressProblem = task.addressProblem(address, address.region(),
                address.name(), settings.fifo(), "TopicSettings");
        if (addressProblem.isPresent()) {
            return CompletableFuture.failedFuture(addressProblem.get());
        }
        return switch (task.mode()) {
            case ASSUME_EXISTS -> assume(task, address);
            case VALIDATE -> validate(task, address, settings);
            case CREATE_IF_MISSING -> createIfMissing(task, address, settings);
        };
    }

    private CompletableFuture<ResolvedTopic> assume(ResourceTask task, TopicAddress address) {
        if (address.arn().isPresent()) {
            return CompletableFuture.completedFuture(resolved(address, address.arn().get()));
        }
        return findArn(task, address.name(), null).thenApply(arn -> resolved(address, arn.orElseThrow(() ->
                task.failure(task.resource() + " was not found in " + region + " and the mode is ASSUME_EXISTS: create"
                        + " it, correct its name, give its ARN, or use CREATE_IF_MISSING"))));
    }

    private CompletableFuture<ResolvedTopic> validate(ResourceTask task, TopicAddress address, TopicSettings settings) {
        return findTopic(task, address).thenApply(found -> {
            ExistingTopic topic = found.orElseThrow(() -> task.failure(task.resource() + " does not exist in " + region
                    + " and the mode is VALIDATE: create it, or use CREATE_IF_MISSING"));
            checkCompatible(task, topic, settings);
            topic.missingKmsKey(settings).ifPresent(key -> {
                throw task.notEncrypted(key, "TopicSettings");
            });
            return resolved(address, topic.arn());
        });
    }

    private CompletableFuture<ResolvedTopic> createIfMissing(ResourceTask task, TopicAddress address,
                                                             TopicSettings settings) {
        if (address.arn().isPresent()) {
            return findTopic(task, address).thenCompose(found -> found.isPresent()
                    ? complete(task, address, settings, found.get())
                    : create(task, address, settings));
        }
        return create(task, address, settings);
    }

    /**
     * Creates the topic with every setting. CreateTopic returns the existing topic when its attributes are the same,
     * and refuses when they differ: then the existing topic is found and completed additively.
     */
    private CompletableFuture<ResolvedTopic> create(ResourceTask task, TopicAddress address, TopicSettings settings) {
        Map<String, String> attributes = attributesOf(settings);
        List<Tag> tags = tagsOf(settings.tags());
        return task.find("sns:CreateTopic", () -> sns.createTopic(request -> request.name(address.name())
                        .attributes(attributes).tags(tags.isEmpty() ? null : tags)), TopicTasks::isAlreadyExists)
                .thenCompose(created -> {
                    if (created.isPresent()) {
                        log.info("ensured {} in {} ({}) with {}", task.resource(), region, created.get().topicArn(),
                                attributes);
                        return addMissingTags(task, created.get().topicArn(), settings)
                                .thenApply(ignored -> resolved(address, created.get().topicArn()));
                    }
                    log.info("{} in {} exists with other attributes: adding only what it lacks", task.resource(),
                            region);
                    return findTopic(task, TopicAddress.of(address.name())).thenCompose(existing -> complete(task,
                            address, settings, existing.orElseThrow(task::vanished)));
                });
    }

    /** An existing topic: check it, then add what it lacks (KMS key, tags), keeping the rest. */
    private CompletableFuture<ResolvedTopic> complete(ResourceTask task, TopicAddress address, TopicSettings settings,
                                                      ExistingTopic topic) {
        checkCompatible(task, topic, settings);
        CompletableFuture<Void> encrypted = topic.missingKmsKey(settings)
                .map(key -> task.call("sns:SetTopicAttributes", () -> sns.setTopicAttributes(request -> request
                                .topicArn(topic.arn()).attributeName(KMS_MASTER_KEY_ID).attributeValue(key)))
                        .thenRun(() -> log.info("added {} to {} in {}", KMS_MASTER_KEY_ID, task.resource(), region)))
                .orElseGet(() -> CompletableFuture.completedFuture(null));
        return encrypted.thenCompose(ignored -> addMissingTags(task, topic.arn(), settings))
                .thenApply(ignored -> resolved(address, topic.arn()));
    }

    /** Tags the topic with the settings' tags it lacks; a tag someone else set is kept, even with another value. */
    private CompletableFuture<Void> addMissingTags(ResourceTask task, String arn, TopicSettings settings) {
        if (settings.tags().isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return task.call("sns:ListTagsForResource", () -> sns.listTagsForResource(request -> request.resourceArn(arn)))
                .thenCompose(response -> {
                    Map<String, String> missing = new HashMap<>(settings.tags());
                    response.tags().forEach(tag -> missing.remove(tag.key()));
                    if (missing.isEmpty()) {
                        return CompletableFuture.completedFuture(null);
                    }
                    return task.call("sns:TagResource", () -> sns.tagResource(request -> request.resourceArn(arn)
                                    .tags(tagsOf(missing))))
                            .thenRun(() -> log.info("tagged {} in {} with {}", task.resource(), region, missing));
                });
    }

    /** The topic's ARN and attributes, or empty if it does not exist. */
    private CompletableFuture<Optional<ExistingTopic>> findTopic(ResourceTask task, TopicAddress address) {
        CompletableFuture<Optional<String>> arn = address.arn().isPresent()
                ? CompletableFuture.completedFuture(address.arn())
                : findArn(task, address.name(), null);
        return arn.thenCompose(found -> found.isEmpty() ? CompletableFuture.completedFuture(Optional.empty())
                : task.find("sns:GetTopicAttributes", () -> sns.getTopicAttributes(request -> request
                                .topicArn(found.get())), TopicTasks::isNotFound)
                        .thenApply(response -> response.map(r -> new ExistingTopic(found.get(), r.attributes()))));
    }

    /** Pages through ListTopics for the topic of this name (SNS has no lookup by name). */
    private CompletableFuture<Optional<String>> findArn(ResourceTask task, String name, String nextToken) {
        return task.call("sns:ListTopics", () -> sns.listTopics(request -> request.nextToken(nextToken)))
                .thenCompose(page -> {
                    Optional<String> arn = page.topics().stream()
                            .map(topic -> topic.topicArn())
                            .filter(topicArn -> AwsNames.nameOfArn(topicArn).equals(name))
                            .findFirst();
                    if (arn.isPresent() || page.nextToken() == null || page.nextToken().isEmpty()) {
                        return CompletableFuture.completedFuture(arn);
                    }
                    return findArn(task, name, page.nextToken());
                });
    }

    /** Fails on a difference the library cannot live with and must not change. */
    private static void checkCompatible(ResourceTask task, ExistingTopic topic, TopicSettings settings) {
        if (settings.contentBasedDeduplication()
                && !"true".equals(topic.attributes().get(CONTENT_BASED_DEDUPLICATION))) {
            throw task.contentDeduplicationOff("TopicSettings");
        }
    }

    private ResolvedTopic resolved(TopicAddress address, String arn) {
        return new ResolvedTopic(region, address.name(), arn);
    }

    private static Map<String, String> attributesOf(TopicSettings settings) {
        Map<String, String> attributes = new HashMap<>();
        if (settings.fifo()) {
            attributes.put(FIFO_TOPIC, "true");
            attributes.put(CONTENT_BASED_DEDUPLICATION, String.valueOf(settings.contentBasedDeduplication()));
        }
        settings.kmsMasterKeyId().ifPresent(key -> attributes.put(KMS_MASTER_KEY_ID, key));
        return attributes;
    }

    private static List<Tag> tagsOf(Map<String, String> tags) {
        return tags.entrySet().stream().map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build())
                .toList();
    }

    private static boolean isNotFound(Throwable failure) {
        return failure instanceof NotFoundException || failure instanceof AwsServiceException service
                && service.awsErrorDetails() != null && "NotFound".equals(service.awsErrorDetails().errorCode());
    }

    /** SNS refuses CreateTopic for an existing topic whose attributes or tags differ. */
    private static boolean isAlreadyExists(Throwable failure) {
        return failure instanceof InvalidParameterException invalid && invalid.getMessage() != null
                && invalid.getMessage().contains("already exists");
    }

    /** A topic that exists: its ARN and attributes. */
    private record ExistingTopic(String arn, Map<String, String> attributes) {

        /** The settings' KMS key, if the topic has none. */
        Optional<String> missingKmsKey(TopicSettings settings) {
            String existing = attributes.get(KMS_MASTER_KEY_ID);
            return existing == null || existing.isBlank() ? settings.kmsMasterKeyId() : Optional.empty();
        }
    }
}
