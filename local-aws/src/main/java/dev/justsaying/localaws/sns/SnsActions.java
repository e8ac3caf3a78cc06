package dev.justsaying.localaws.sns;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SNS actions of the AWS Query protocol: reads each action's parameters, acts on the {@link TopicRegistry} and
 * the {@link TopicPublisher}, and writes the XML response, or the error document of an {@link SnsException}.
 */
final class SnsActions {

    private static final Logger LOG = LoggerFactory.getLogger(SnsActions.class);
    private static final int MAX_BATCH_ENTRIES = 10;
    private static final Pattern BATCH_ENTRY_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");

    /** The status and XML body of a response, and the request id it carries. */
    record Response(int status, String xml, String requestId) {

        static Response error(SnsException error) {
            String requestId = Ids.uuid();
            return new Response(error.status(), QueryXml.error(error, requestId), requestId);
        }
    }

    private final TopicRegistry registry;
    private final TopicPublisher publisher;

    SnsActions(TopicRegistry registry, TopicPublisher publisher) {
        this.registry = registry;
        this.publisher = publisher;
    }

    /** Handles one request; never throws. */
    Response handle(QueryRequest request) {
        String requestId = Ids.uuid();
        try {
            return new Response(200, dispatch(request).finish(requestId), requestId);
        } catch (SnsException error) {
            return new Response(error.status(), QueryXml.error(error, requestId), requestId);
        } catch (RuntimeException unexpected) {
            LOG.error("SNS request {} failed", requestId, unexpected);
            return new Response(500, QueryXml.error(SnsException.internalError(), requestId), requestId);
        }
    }

    private QueryXml dispatch(QueryRequest request) {
        String action = request.action();
        return switch (action) {
            case "Publish" -> publish(request);
            case "PublishBatch" -> publishBatch(request);
            case "CreateTopic" -> createTopic(request);
            case "DeleteTopic" -> deleteTopic(request);
            case "ListTopics" -> listTopics(request);
            case "GetTopicAttributes" -> getTopicAttributes(request);
            case "SetTopicAttributes" -> setTopicAttributes(request);
            case "Subscribe" -> subscribe(request);
            case "Unsubscribe" -> unsubscribe(request);
            case "ListSubscriptions" -> listSubscriptions(request);
            case "ListSubscriptionsByTopic" -> listSubscriptionsByTopic(request);
            case "GetSubscriptionAttributes" -> getSubscriptionAttributes(request);
            case "SetSubscriptionAttributes" -> setSubscriptionAttributes(request);
            case "TagResource" -> tagResource(request);
            case "UntagResource" -> untagResource(request);
            case "ListTagsForResource" -> listTagsForResource(request);
            default -> throw SnsException.invalidAction(action);
        };
    }

    private QueryXml createTopic(QueryRequest request) {
        Topic topic = registry.createTopic(request.required("Name"), request.stringMap("Attributes"), tags(request));
        return QueryXml.withResult("CreateTopic").element("TopicArn", topic.arn());
    }

    private QueryXml deleteTopic(QueryRequest request) {
        registry.deleteTopic(request.required("TopicArn"));
        return QueryXml.withoutResult("DeleteTopic");
    }

    private QueryXml listTopics(QueryRequest request) {
        TopicRegistry.Page<Topic> page = registry.topics(request.optional("NextToken"));
        QueryXml xml = QueryXml.withResult("ListTopics").open("Topics");
        page.items().forEach(topic -> xml.open("member").element("TopicArn", topic.arn()).close("member"));
        return xml.close("Topics").element("NextToken", page.nextToken());
    }

    private QueryXml getTopicAttributes(QueryRequest request) {
        Topic topic = registry.topic(request.required("TopicArn"));
        return QueryXml.withResult("GetTopicAttributes").entries("Attributes", topic.attributes(registry.accountId()));
    }

    private QueryXml setTopicAttributes(QueryRequest request) {
        Topic topic = registry.topic(request.required("TopicArn"));
        topic.setAttribute(request.required("AttributeName"), request.optional("AttributeValue"));
        return QueryXml.withoutResult("SetTopicAttributes");
    }

    private QueryXml subscribe(QueryRequest request) {
        Topic topic = registry.topic(request.required("TopicArn"));
        Subscription subscription = registry.subscribe(topic, request.required("Protocol"), request.required("Endpoint"),
                request.stringMap("Attributes"));
        // An SQS subscription needs no confirmation, so its ARN is returned whatever ReturnSubscriptionArn says.
        return QueryXml.withResult("Subscribe").element("SubscriptionArn", subscription.arn());
    }

    private QueryXml unsubscribe(QueryRequest request) {
        registry.unsubscribe(request.required("SubscriptionArn"));
        return QueryXml.withoutResult("Unsubscribe");
    }

    private QueryXml listSubscriptions(QueryRequest request) {
        return subscriptionsPage("ListSubscriptions", registry.subscriptions(request.optional("NextToken")));
    }

    private QueryXml listSubscriptionsByTopic(QueryRequest request) {
        Topic topic = registry.topic(request.required("TopicArn"));
        return subscriptionsPage("ListSubscriptionsByTopic", registry.subscriptions(topic, request.optional("NextToken")));
    }

    private QueryXml subscriptionsPage(String action, TopicRegistry.Page<Subscription> page) {
        QueryXml xml = QueryXml.withResult(action).open("Subscriptions");
        page.items().forEach(subscription -> xml.open("member")
                .element("SubscriptionArn", subscription.arn())
                .element("Owner", registry.accountId())
                .element("Protocol", "sqs")
                .element("Endpoint", subscription.queue().toString())
                .element("TopicArn", subscription.topic().arn())
                .close("member"));
        return xml.close("Subscriptions").element("NextToken", page.nextToken());
    }

    private QueryXml getSubscriptionAttributes(QueryRequest request) {
        Subscription subscription = registry.subscription(request.required("SubscriptionArn"));
        return QueryXml.withResult("GetSubscriptionAttributes")
                .entries("Attributes", subscription.attributes(registry.accountId()));
    }

    private QueryXml setSubscriptionAttributes(QueryRequest request) {
        Subscription subscription = registry.subscription(request.required("SubscriptionArn"));
        subscription.set(request.required("AttributeName"), request.optional("AttributeValue"));
        return QueryXml.withoutResult("SetSubscriptionAttributes");
    }

    private QueryXml tagResource(QueryRequest request) {
        registry.taggedResource(request.required("ResourceArn")).tag(tags(request));
        return QueryXml.withResult("TagResource");
    }

    private QueryXml untagResource(QueryRequest request) {
        registry.taggedResource(request.required("ResourceArn")).untag(request.stringMembers("TagKeys"));
        return QueryXml.withResult("UntagResource");
    }

    private QueryXml listTagsForResource(QueryRequest request) {
        Topic topic = registry.taggedResource(request.required("ResourceArn"));
        QueryXml xml = QueryXml.withResult("ListTagsForResource").open("Tags");
        topic.tags().forEach((key, value) -> xml.open("member").element("Key", key).element("Value", value).close("member"));
        return xml.close("Tags");
    }

    private static Map<String, String> tags(QueryRequest request) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (QueryRequest tag : request.structMembers("Tags")) {
            String key = tag.optional("Key");
            String value = tag.optional("Value");
            if (key == null || key.isEmpty() || key.length() > 128 || value == null || value.length() > 256) {
                throw SnsException.invalidParameter("Tags Reason: a tag needs a key of 1 to 128 characters and a value of up to 256");
            }
            tags.put(key, value);
        }
        return tags;
    }

    private Topic publishTarget(QueryRequest request) {
        String topicArn = request.optional("TopicArn");
        String targetArn = request.optional("TargetArn");
        if (request.optional("PhoneNumber") != null) {
            throw SnsException.invalidParameter("PhoneNumber Reason: SMS is not supported by this local endpoint");
        }
        if (topicArn != null && targetArn != null) {
            throw SnsException.invalidParameter("TopicArn or TargetArn Reason: Only one of them may be specified");
        }
        String arn = topicArn != null ? topicArn : targetArn;
        if (arn == null || arn.isEmpty()) {
            throw SnsException.invalidParameter("TopicArn or TargetArn Reason: no value for required parameter");
        }
        return registry.topic(arn);
    }

    private QueryXml publish(QueryRequest request) {
        Topic topic = publishTarget(request);
        publisher.checkCapacity();
        TopicPublisher.Published published = publisher.publish(publisher.validate(topic, TopicPublisher.Request.read(request)));
        return QueryXml.withResult("Publish")
                .element("MessageId", published.messageId())
                .element("SequenceNumber", published.sequenceNumber());
    }

    /**
     * PublishBatch: request-level problems (no entries, too many, repeated or invalid ids, too large in total) fail
     * the whole call; an entry that is invalid on its own is reported in {@code Failed} while the others publish.
     */
    private QueryXml publishBatch(QueryRequest request) {
        Topic topic = registry.topic(request.required("TopicArn"));
        List<QueryRequest> entries = request.structMembers("PublishBatchRequestEntries");
        if (entries.isEmpty()) {
            throw SnsException.emptyBatch();
        }
        if (entries.size() > MAX_BATCH_ENTRIES) {
            throw SnsException.tooManyBatchEntries(entries.size());
        }
        Set<String> ids = new HashSet<>();
        for (QueryRequest entry : entries) {
            String id = entry.optional("Id");
            if (id == null || !BATCH_ENTRY_ID.matcher(id).matches()) {
                throw SnsException.invalidBatchEntryId();
            }
            if (!ids.add(id)) {
                throw SnsException.batchIdsNotDistinct();
            }
        }
        publisher.checkCapacity();
        List<TopicPublisher.Accepted> accepted = new ArrayList<>();
        List<String> acceptedIds = new ArrayList<>();
        QueryXml xml = QueryXml.withResult("PublishBatch").open("Failed");
        int totalSize = 0;
        for (QueryRequest entry : entries) {
            try {
                TopicPublisher.Accepted valid = publisher.validate(topic, TopicPublisher.Request.read(entry));
                totalSize += valid.size();
                accepted.add(valid);
                acceptedIds.add(entry.optional("Id"));
            } catch (SnsException invalid) {
                xml.open("member").element("Id", entry.optional("Id")).element("Code", invalid.code())
                        .element("Message", invalid.getMessage())
                        .element("SenderFault", Boolean.toString(invalid.senderFault())).close("member");
            }
        }
        if (totalSize > TopicPublisher.MAX_MESSAGE_BYTES) {
            throw SnsException.batchTooLong();
        }
        xml.close("Failed").open("Successful");
        List<TopicPublisher.Published> published = publisher.publishAll(accepted);
        for (int i = 0; i < accepted.size(); i++) {
            xml.open("member").element("Id", acceptedIds.get(i)).element("MessageId", published.get(i).messageId())
                    .element("SequenceNumber", published.get(i).sequenceNumber()).close("member");
        }
        return xml.close("Successful");
    }
}
