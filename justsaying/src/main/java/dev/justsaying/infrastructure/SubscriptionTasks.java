package dev.justsaying.infrastructure;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The start-up tasks that connect a queue to a topic in one region: the queue policy statement that lets the topic
 * deliver, and the subscription itself, reused when it exists.
 */
final class SubscriptionTasks {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionTasks.class);

    private static final String RAW_MESSAGE_DELIVERY = "RawMessageDelivery";
    private static final String FILTER_POLICY = "FilterPolicy";
    /** Another start-up may set the policy at the same moment; re-reading shows whether our statement survived. */
    private static final int POLICY_ATTEMPTS = 3;

    private final String region;
    private final SqsAsyncClient sqs;
    private final SnsAsyncClient sns;

    SubscriptionTasks(String region, SqsAsyncClient sqs, SnsAsyncClient sns) {
        this.region = region;
        this.sqs = sqs;
        this.sns = sns;
    }

    CompletableFuture<ResolvedSubscription> subscribe(ResolvedTopic topic, ResolvedQueue queue,
                                                      SubscriptionSettings settings, InfrastructureMode mode) {
        ResourceTask task = ResourceTask.subscription(queue.name(), topic.name(), region, mode);
        return task.run(() -> {
            if (!topic.region().equals(region) || !queue.region().equals(region)) {
                return task.failed("the " + task.resource() + " is asked of region " + region + " but the topic is"
                        + " in " + topic.region() + " and the queue in " + queue.region() + ": subscribe it in their"
                        + " own region");
            }
            return switch (mode) {
                case ASSUME_EXISTS -> CompletableFuture.completedFuture(
                        new ResolvedSubscription(topic, queue, Optional.empty()));
                case VALIDATE -> validate(task, topic, queue, settings);
                case CREATE_IF_MISSING -> createIfMissing(task, topic, queue, settings);
            };
        });
    }

    private CompletableFuture<ResolvedSubscription> validate(ResourceTask task, ResolvedTopic topic,
                                                             ResolvedQueue queue, SubscriptionSettings settings) {
        ResourceTask policyTask = ResourceTask.queuePolicy(queue.name(), region, task.mode());
        return readPolicy(policyTask, queue).thenCompose(policy -> {
            if (!QueuePolicy.allowsTopic(policy, queue.arn(), topic.arn())) {
                throw policyTask.failure(policyTask.resource() + " in " + region + " does not let topic '"
                        + topic.name() + "' send to it, and the mode is VALIDATE: add a statement that allows"
                        + " sns.amazonaws.com to sqs:SendMessage on " + queue.arn() + " with the condition ArnEquals"
                        + " aws:SourceArn " + topic.arn() + ", or use CREATE_IF_MISSING");
            }
            return findSubscription(task, topic, queue, null);
        }).thenCompose(found -> {
            String arn = found.orElseThrow(() -> task.failure("the " + task.resource() + " does not exist in " + region
                    + " and the mode is VALIDATE: subscribe the queue to the topic, or use CREATE_IF_MISSING"));
            return attributesOf(task, arn).thenApply(attributes -> {
                rawDeliveryConflict(task, attributes.getOrDefault(RAW_MESSAGE_DELIVERY, "false"), settings)
                        .ifPresent(problem -> {
                            throw task.failure(problem);
                        });
                filterPolicyProblem(task, attributes.get(FILTER_POLICY), settings).ifPresent(problem -> {
                    throw task.failure(problem);
                });
                return new ResolvedSubscription(topic, queue, Optional.of(arn));
            });
        });
    }

    private CompletableFuture<ResolvedSubscription> createIfMissing(ResourceTask task, ResolvedTopic topic,
                                                                    ResolvedQueue queue,
                                                                    SubscriptionSettings settings) {
        ResourceTask policyTask = ResourceTask.queuePolicy(queue.name(), region, task.mode());
        return allowTopic(policyTask, topic, queue)
                .thenCompose(ignored -> findSubscription(task, topic, queue, null))
                .thenCompose(found -> found.isPresent()
                        ? complete(task, found.get(), settings).thenApply(arn ->
                                new ResolvedSubscription(topic, queue, Optional.of(arn)))
                        : create(task, topic, queue, settings));
    }

    private CompletableFuture<ResolvedSubscription> create(ResourceTask task, ResolvedTopic topic, ResolvedQueue queue,
                                                           SubscriptionSettings settings) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put(RAW_MESSAGE_DELIVERY, String.valueOf(settings.rawMessageDelivery()));
        settings.filterPolicy().ifPresent(policy -> attributes.put(FILTER_POLICY, policy));
        return task.call("sns:Subscribe", () -> sns.subscribe(request -> request.topicArn(topic.arn())
                        .protocol("sqs").endpoint(queue.arn()).attributes(attributes).returnSubscriptionArn(true)))
                .thenApply(response -> {
                    log.info("created the {} in {} ({}) with {}", task.resource(), region, response.subscriptionArn(),
                            attributes);
                    return new ResolvedSubscription(topic, queue, Optional.of(response.subscriptionArn()));
                });
    }

    /**
     * An existing subscription: sets the raw delivery and filter policy that the settings ask for where it has none;
     * never flips one it has.
     */
    private CompletableFuture<String> complete(ResourceTask task, String arn, SubscriptionSettings settings) {
        return attributesOf(task, arn).thenCompose(attributes -> {
            String raw = attributes.get(RAW_MESSAGE_DELIVERY);
            String filterPolicy = Optional.ofNullable(attributes.get(FILTER_POLICY)).filter(text -> !text.isBlank())
                    .orElse(null);
            Optional<String> problem = raw == null ? Optional.empty() : rawDeliveryConflict(task, raw, settings);
            if (problem.isEmpty() && filterPolicy != null) {
                problem = filterPolicyProblem(task, filterPolicy, settings);
            }
            problem.ifPresent(message -> {
                throw task.failure(message);
            });
            CompletableFuture<Void> rawSet = raw == null && settings.rawMessageDelivery()
                    ? setAttribute(task, arn, RAW_MESSAGE_DELIVERY, "true")
                    : CompletableFuture.completedFuture(null);
            return rawSet.thenCompose(ignored -> filterPolicy == null && settings.filterPolicy().isPresent()
                            ? setAttribute(task, arn, FILTER_POLICY, settings.filterPolicy().get())
                            : CompletableFuture.completedFuture(null))
                    .thenApply(ignored -> arn);
        });
    }

    private CompletableFuture<Void> setAttribute(ResourceTask task, String arn, String name, String value) {
        return task.call("sns:SetSubscriptionAttributes", () -> sns.setSubscriptionAttributes(request -> request
                        .subscriptionArn(arn).attributeName(name).attributeValue(value)))
                .thenRun(() -> log.info("set {} of the {} in {} to {}", name, task.resource(), region, value));
    }

    private Optional<String> rawDeliveryConflict(ResourceTask task, String existing, SubscriptionSettings settings) {
        if (Boolean.parseBoolean(existing) == settings.rawMessageDelivery()) {
            return Optional.empty();
        }
        return Optional.of("the " + task.resource() + " in " + region + " has RawMessageDelivery " + existing
                + " but its settings ask for " + settings.rawMessageDelivery() + ", and an existing subscription is"
                + " never flipped because every reader of the queue depends on its format: change the subscription"
                + " yourself, or change rawMessageDelivery in its SubscriptionSettings");
    }

    /**
     * What is wrong with an existing filter policy (null: none): one the settings do not ask for is kept, but one
     * that differs from theirs, or a missing one under VALIDATE, is a problem.
     */
    private Optional<String> filterPolicyProblem(ResourceTask task, String existing, SubscriptionSettings settings) {
        if (settings.filterPolicy().isEmpty()) {
            if (existing != null && !existing.isBlank()) {
                log.info("the {} in {} keeps its filter policy {}: the settings ask for none", task.resource(), region,
                        existing);
            }
            return Optional.empty();
        }
        String wanted = settings.filterPolicy().get();
        if (existing == null || existing.isBlank()) {
            return Optional.of("the " + task.resource() + " in " + region + " has no filter policy but its settings"
                    + " ask for " + wanted + ", and the mode is VALIDATE: set it on the subscription, or use"
                    + " CREATE_IF_MISSING");
        }
        if (Json.object(existing, "the filter policy").equals(Json.object(wanted, "the filter policy"))) {
            return Optional.empty();
        }
        return Optional.of("the " + task.resource() + " in " + region + " has the filter policy " + existing
                + " but its settings ask for " + wanted + ", and a filter policy set by someone else is never"
                + " overwritten: change the subscription yourself, or change the filter policy in its"
                + " SubscriptionSettings");
    }

    private CompletableFuture<Map<String, String>> attributesOf(ResourceTask task, String subscriptionArn) {
        return task.call("sns:GetSubscriptionAttributes", () -> sns.getSubscriptionAttributes(request -> request
                .subscriptionArn(subscriptionArn))).thenApply(response -> response.attributes());
    }

    /** Pages through the topic's subscriptions for the one that delivers to the queue. */
    private CompletableFuture<Optional<String>> findSubscription(ResourceTask task, ResolvedTopic topic,
                                                                 ResolvedQueue queue, String nextToken) {
        return task.call("sns:ListSubscriptionsByTopic", () -> sns.listSubscriptionsByTopic(request -> request
                        .topicArn(topic.arn()).nextToken(nextToken)))
                .thenCompose(page -> {
                    Optional<String> arn = page.subscriptions().stream()
                            .filter(subscription -> "sqs".equals(subscription.protocol())
                                    && queue.arn().equals(subscription.endpoint()))
                            .map(subscription -> subscription.subscriptionArn())
                            .findFirst();
                    if (arn.isPresent() || page.nextToken() == null || page.nextToken().isEmpty()) {
                        return CompletableFuture.completedFuture(arn);
                    }
                    return findSubscription(task, topic, queue, page.nextToken());
                });
    }

    /**
     * Adds the statement that lets the topic send to the queue, unless an equivalent one is there; keeps every other
     * statement. Reads the policy back, and tries again if a concurrent writer replaced it.
     */
    private CompletableFuture<Void> allowTopic(ResourceTask task, ResolvedTopic topic, ResolvedQueue queue) {
        return readPolicy(task, queue).thenCompose(policy -> allowTopic(task, topic, queue, policy, POLICY_ATTEMPTS));
    }

    private CompletableFuture<Void> allowTopic(ResourceTask task, ResolvedTopic topic, ResolvedQueue queue,
                                               String policy, int attemptsLeft) {
        if (QueuePolicy.allowsTopic(policy, queue.arn(), topic.arn())) {
            return CompletableFuture.completedFuture(null);
        }
        if (attemptsLeft == 0) {
            return task.failed(task.resource() + " in " + region + " lost the statement that lets topic '"
                    + topic.name() + "' send to it " + POLICY_ATTEMPTS + " times: something else keeps replacing the"
                    + " policy; make it keep other statements, or add this one to it");
        }
        String extended = QueuePolicy.withTopicAllowed(policy, queue.arn(), topic.arn());
        return task.call("sqs:SetQueueAttributes", () -> sqs.setQueueAttributes(request -> request
                        .queueUrl(queue.url()).attributes(Map.of(QueueAttributeName.POLICY, extended))))
                .thenCompose(ignored -> {
                    log.info("added to {} in {} a statement that lets topic '{}' send", task.resource(), region,
                            topic.name());
                    return readPolicy(task, queue);
                })
                .thenCompose(stored -> allowTopic(task, topic, queue, stored, attemptsLeft - 1));
    }

    /** The queue's policy JSON, or null if it has none. */
    private CompletableFuture<String> readPolicy(ResourceTask task, ResolvedQueue queue) {
        return task.call("sqs:GetQueueAttributes", () -> sqs.getQueueAttributes(request -> request
                        .queueUrl(queue.url()).attributeNames(QueueAttributeName.POLICY)))
                .thenApply(response -> response.attributes().get(QueueAttributeName.POLICY));
    }
}
