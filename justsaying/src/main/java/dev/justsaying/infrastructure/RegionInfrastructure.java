package dev.justsaying.infrastructure;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * The start-up tasks for one region: make sure the queues, error queues, topics, subscriptions and queue policies
 * that the bus needs there exist, in the {@link InfrastructureMode} chosen for each.
 *
 * <p>Constructing it makes no AWS call; each method acts when called (the bus calls them from {@code start()}) and
 * returns a future that completes with what it found or made, or fails with an {@link InfrastructureException}
 * that says what to do. Infrastructure is handled additively: an existing queue, topic, policy or subscription
 * keeps everything someone else set, and only what is missing is added.
 *
 * <pre>{@code
 * RegionInfrastructure infrastructure = new RegionInfrastructure("eu-west-1", sqs, sns);
 * ResolvedQueue queue = infrastructure.queue(QueueAddress.of("orders"), QueueSettings.defaults(),
 *         InfrastructureMode.CREATE_IF_MISSING).join();
 * }</pre>
 */
public final class RegionInfrastructure {

    private final String region;
    private final QueueTasks queues;
    private final TopicTasks topics;
    private final SubscriptionTasks subscriptions;

    /** The start-up tasks of a region with JustSaying's naming convention for error queues. */
    public RegionInfrastructure(String region, SqsAsyncClient sqs, SnsAsyncClient sns) {
        this(region, sqs, sns, NamingConvention.defaults());
    }

    /**
     * The start-up tasks of a region.
     *
     * @param region the region the clients are for, e.g. {@code eu-west-1}
     * @param naming names the error queue of each queue
     */
    public RegionInfrastructure(String region, SqsAsyncClient sqs, SnsAsyncClient sns, NamingConvention naming) {
        Objects.requireNonNull(region, "region");
        if (!AwsNames.isRegion(region)) {
            throw new IllegalArgumentException("'" + region + "' is not a region name like eu-west-1");
        }
        this.region = region;
        this.queues = new QueueTasks(region, Objects.requireNonNull(sqs, "sqs"), Objects.requireNonNull(naming,
                "naming"));
        this.topics = new TopicTasks(region, Objects.requireNonNull(sns, "sns"));
        this.subscriptions = new SubscriptionTasks(region, sqs, sns);
    }

    /** The region these tasks work in. */
    public String region() {
        return region;
    }

    /**
     * Makes sure a queue, and its error queue if the settings ask for one, exist as the mode says. Under
     * {@link InfrastructureMode#CREATE_IF_MISSING} an existing queue keeps its attributes and its redrive policy;
     * only a missing redrive policy, KMS key or tag is added.
     */
    public CompletableFuture<ResolvedQueue> queue(QueueAddress address, QueueSettings settings,
                                                  InfrastructureMode mode) {
        return queues.queue(Objects.requireNonNull(address, "address"), Objects.requireNonNull(settings, "settings"),
                Objects.requireNonNull(mode, "mode"));
    }

    /**
     * Makes sure a topic exists as the mode says. A topic given by name is looked up with ListTopics when it may not
     * be created; under {@link InfrastructureMode#CREATE_IF_MISSING} an existing topic keeps its attributes, and only
     * a missing KMS key or tag is added.
     */
    public CompletableFuture<ResolvedTopic> topic(TopicAddress address, TopicSettings settings,
                                                  InfrastructureMode mode) {
        return topics.topic(Objects.requireNonNull(address, "address"), Objects.requireNonNull(settings, "settings"),
                Objects.requireNonNull(mode, "mode"));
    }

    /**
     * Makes sure the queue is subscribed to the topic and its policy lets the topic deliver, as the mode says. The
     * policy statement is added only if no equivalent one exists, keeping every other statement; an existing
     * subscription is reused, and its raw delivery and filter policy are set where missing but never flipped.
     * Topic and queue must be in this region.
     */
    public CompletableFuture<ResolvedSubscription> subscribe(ResolvedTopic topic, ResolvedQueue queue,
                                                             SubscriptionSettings settings, InfrastructureMode mode) {
        return subscriptions.subscribe(Objects.requireNonNull(topic, "topic"), Objects.requireNonNull(queue, "queue"),
                Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(mode, "mode"));
    }

    @Override
    public String toString() {
        return "RegionInfrastructure[" + region + "]";
    }
}
