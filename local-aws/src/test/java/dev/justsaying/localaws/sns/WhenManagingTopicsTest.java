package dev.justsaying.localaws.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.ListTopicsResponse;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sns.model.Tag;
import software.amazon.awssdk.services.sns.model.Topic;

@ExtendWith(TwoRegionStack.Extension.class)
class WhenManagingTopicsTest {

    private final SnsClient sns;

    WhenManagingTopicsTest(TwoRegionStack stack) {
        this.sns = stack.primary().snsClient;
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void creatingATopicTwiceReturnsTheSameArn() {
        String name = unique("orders");
        String first = sns.createTopic(request -> request.name(name)).topicArn();
        String second = sns.createTopic(request -> request.name(name)).topicArn();

        assertThat(first).isEqualTo("arn:aws:sns:eu-west-1:000000000000:" + name).isEqualTo(second);
    }

    @Test
    void creatingAnExistingTopicWithOtherAttributesIsRefused() {
        String name = unique("orders");
        sns.createTopic(request -> request.name(name).attributes(Map.of("DisplayName", "Orders")));

        assertThatThrownBy(() -> sns.createTopic(request -> request.name(name).attributes(Map.of("DisplayName", "Other"))))
                .isInstanceOfSatisfying(InvalidParameterException.class, error -> {
                    assertThat(error.statusCode()).isEqualTo(400);
                    assertThat(error.awsErrorDetails().errorCode()).isEqualTo("InvalidParameter");
                });
    }

    @Test
    void invalidTopicNamesAreRefused() {
        assertThatThrownBy(() -> sns.createTopic(request -> request.name("has spaces")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> sns.createTopic(request -> request.name(unique("not-marked") + ".fifo")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> sns.createTopic(request -> request.name(unique("no-suffix"))
                .attributes(Map.of("FifoTopic", "true"))))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void aFifoTopicReportsItsFifoAttributes() {
        String name = unique("payments") + ".fifo";
        String arn = sns.createTopic(request -> request.name(name)
                .attributes(Map.of("FifoTopic", "true", "ContentBasedDeduplication", "true"))).topicArn();

        Map<String, String> attributes = sns.getTopicAttributes(request -> request.topicArn(arn)).attributes();

        assertThat(attributes).containsEntry("FifoTopic", "true").containsEntry("ContentBasedDeduplication", "true")
                .containsEntry("TopicArn", arn).containsEntry("Owner", "000000000000");
    }

    @Test
    void contentBasedDeduplicationIsOnlyForFifoTopics() {
        assertThatThrownBy(() -> sns.createTopic(request -> request.name(unique("standard"))
                .attributes(Map.of("ContentBasedDeduplication", "true"))))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void topicsAreListedInPagesOfAHundred() {
        String prefix = unique("paged");
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 150; i++) {
            int index = i;
            created.add(sns.createTopic(request -> request.name(prefix + "-" + index)).topicArn());
        }

        ListTopicsResponse firstPage = sns.listTopics();
        assertThat(firstPage.topics()).hasSize(100);
        assertThat(firstPage.nextToken()).isNotNull();

        List<String> listed = sns.listTopicsPaginator().topics().stream().map(Topic::topicArn).toList();
        assertThat(listed).doesNotHaveDuplicates().containsAll(created);
    }

    @Test
    void attributesCanBeSetAndReadBackWithMarkupEscaped() {
        String arn = sns.createTopic(request -> request.name(unique("displayed"))).topicArn();
        String displayName = "Orders <&> \"quoted\" 'single'\r\nsecond line";

        sns.setTopicAttributes(request -> request.topicArn(arn).attributeName("DisplayName").attributeValue(displayName));

        assertThat(sns.getTopicAttributes(request -> request.topicArn(arn)).attributes())
                .containsEntry("DisplayName", displayName)
                .containsEntry("SubscriptionsConfirmed", "0")
                .containsKeys("Policy", "EffectiveDeliveryPolicy");
    }

    @Test
    void unknownAttributesAreRefused() {
        String arn = sns.createTopic(request -> request.name(unique("strict"))).topicArn();

        assertThatThrownBy(() -> sns.setTopicAttributes(request -> request.topicArn(arn).attributeName("Colour").attributeValue("red")))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void tagsAreAddedListedAndRemoved() {
        String arn = sns.createTopic(request -> request.name(unique("tagged"))
                .tags(Tag.builder().key("team").value("payments").build())).topicArn();

        sns.tagResource(request -> request.resourceArn(arn).tags(Tag.builder().key("tier").value("1").build()));
        assertThat(sns.listTagsForResource(request -> request.resourceArn(arn)).tags())
                .extracting(Tag::key, Tag::value)
                .containsExactly(tuple("team", "payments"), tuple("tier", "1"));

        sns.untagResource(request -> request.resourceArn(arn).tagKeys("team"));
        assertThat(sns.listTagsForResource(request -> request.resourceArn(arn)).tags()).extracting(Tag::key).containsExactly("tier");
    }

    @Test
    void taggingAnUnknownTopicIsResourceNotFound() {
        assertThatThrownBy(() -> sns.listTagsForResource(request -> request.resourceArn("arn:aws:sns:eu-west-1:000000000000:nope")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, error -> assertThat(error.statusCode()).isEqualTo(404));
    }

    @Test
    void aDeletedTopicIsNotFoundAndDeletingItAgainIsFine() {
        String arn = sns.createTopic(request -> request.name(unique("doomed"))).topicArn();

        sns.deleteTopic(request -> request.topicArn(arn));
        sns.deleteTopic(request -> request.topicArn(arn));

        assertThatThrownBy(() -> sns.getTopicAttributes(request -> request.topicArn(arn)))
                .isInstanceOfSatisfying(NotFoundException.class, error -> {
                    assertThat(error.statusCode()).isEqualTo(404);
                    assertThat(error.awsErrorDetails().errorCode()).isEqualTo("NotFound");
                });
        assertThat(sns.listTopicsPaginator().topics()).extracting(Topic::topicArn).doesNotContain(arn);
    }
}
