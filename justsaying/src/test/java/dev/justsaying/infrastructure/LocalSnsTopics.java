package dev.justsaying.infrastructure;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Tag;
import software.amazon.awssdk.services.sns.model.Topic;

/** Topics made and read directly, the way someone other than the bus would: the "existing infrastructure". */
final class LocalSnsTopics {

    private final SnsClient sns;

    LocalSnsTopics(SnsClient sns) {
        this.sns = sns;
    }

    String create(String name, Map<String, String> attributes, Map<String, String> tags) {
        List<Tag> tagList = tags.entrySet().stream()
                .map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build()).toList();
        return sns.createTopic(request -> request.name(name).attributes(attributes)
                .tags(tagList.isEmpty() ? null : tagList)).topicArn();
    }

    Map<String, String> attributes(String arn) {
        return sns.getTopicAttributes(request -> request.topicArn(arn)).attributes();
    }

    Map<String, String> tags(String arn) {
        return sns.listTagsForResource(request -> request.resourceArn(arn)).tags().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
    }

    List<String> arns() {
        return sns.listTopicsPaginator().topics().stream().map(Topic::topicArn).toList();
    }
}
