package dev.justsaying.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WhenSettingsAreBuilt {

    @Test
    void queueDefaultsAreJustSayings() {
        QueueSettings defaults = QueueSettings.defaults();

        assertThat(defaults.visibilityTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.messageRetention()).isEqualTo(Duration.ofDays(4));
        assertThat(defaults.deliveryDelay()).isZero();
        assertThat(defaults.errorQueue()).isTrue();
        assertThat(defaults.errorQueueRetention()).isEqualTo(Duration.ofDays(14));
        assertThat(defaults.maxReceiveCount()).isEqualTo(5);
        assertThat(defaults.fifo()).isFalse();
        assertThat(defaults.contentBasedDeduplication()).isFalse();
        assertThat(defaults.kmsMasterKeyId()).isEmpty();
        assertThat(defaults.tags()).isEmpty();
    }

    @Test
    void aVisibilityTimeoutOutOfRangeIsRejectedWithItsRange() {
        assertThatThrownBy(() -> QueueSettings.builder().visibilityTimeout(Duration.ofHours(12).plusSeconds(1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("visibility timeout must be between 0 s and 43200 s, was 43201 s");
        assertThatThrownBy(() -> QueueSettings.builder().visibilityTimeout(Duration.ofSeconds(-1)).build())
                .hasMessageContaining("visibility timeout must be between 0 s and 43200 s");
    }

    @Test
    void aRetentionOutOfRangeIsRejectedWithItsRange() {
        assertThatThrownBy(() -> QueueSettings.builder().messageRetention(Duration.ofSeconds(59)).build())
                .hasMessageContaining("message retention must be between 60 s and 1209600 s");
        assertThatThrownBy(() -> QueueSettings.builder().errorQueueRetention(Duration.ofDays(15)).build())
                .hasMessageContaining("error queue retention must be between 60 s and 1209600 s");
    }

    @Test
    void aMaxReceiveCountOutOfRangeIsRejected() {
        assertThatThrownBy(() -> QueueSettings.builder().maxReceiveCount(0).build())
                .hasMessageContaining("between 1 and 1000, was 0");
        assertThatThrownBy(() -> QueueSettings.builder().maxReceiveCount(1001).build())
                .hasMessageContaining("between 1 and 1000, was 1001");
        assertThat(QueueSettings.builder().maxReceiveCount(1000).build().maxReceiveCount()).isEqualTo(1000);
    }

    @Test
    void aDurationWithAFractionOfASecondIsRejected() {
        assertThatThrownBy(() -> QueueSettings.builder().visibilityTimeout(Duration.ofMillis(1500)).build())
                .hasMessageContaining("whole seconds");
    }

    @Test
    void aDelayBeyond15MinutesIsRejected() {
        assertThatThrownBy(() -> QueueSettings.builder().deliveryDelay(Duration.ofMinutes(16)).build())
                .hasMessageContaining("delivery delay must be between 0 s and 900 s");
    }

    @Test
    void contentBasedDeduplicationNeedsFifo() {
        assertThatThrownBy(() -> QueueSettings.builder().contentBasedDeduplication(true).build())
                .hasMessageContaining("FIFO queues only: set fifo(true)");
        assertThatThrownBy(() -> TopicSettings.builder().contentBasedDeduplication(true).build())
                .hasMessageContaining("FIFO topics only: set fifo(true)");
    }

    @Test
    void aBlankKmsKeyIsRejected() {
        assertThatThrownBy(() -> QueueSettings.builder().kmsMasterKeyId(" ").build())
                .hasMessageContaining("a KMS key id must not be blank");
    }

    @Test
    void tooManyTagsAreRejected() {
        QueueSettings.Builder builder = QueueSettings.builder();
        for (int i = 0; i < 51; i++) {
            builder.tag("key" + i, "value");
        }

        assertThatThrownBy(builder::build).hasMessageContaining("at most 50 tags, there are 51");
    }

    @Test
    void settingsAreImmutableValues() {
        QueueSettings settings = QueueSettings.builder().tag("team", "orders").build();
        QueueSettings changed = settings.toBuilder().visibilityTimeout(Duration.ofMinutes(1)).build();

        assertThat(settings.visibilityTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(changed.visibilityTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(changed.tags()).containsExactly(entry("team", "orders"));
        assertThat(settings.toBuilder().build()).isEqualTo(settings).hasSameHashCodeAs(settings);
        assertThat(changed).isNotEqualTo(settings);
        assertThatThrownBy(() -> settings.tags().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void queueSettingsDescribeThemselvesAsData() {
        Map<String, Object> description = QueueSettings.builder().fifo(true).contentBasedDeduplication(true)
                .kmsMasterKeyId("alias/orders").tag("team", "orders").build().describe();

        assertThat(description).containsExactly(
                entry("visibilityTimeout", "PT30S"),
                entry("messageRetention", "PT96H"),
                entry("deliveryDelay", "PT0S"),
                entry("errorQueue", true),
                entry("errorQueueRetention", "PT336H"),
                entry("maxReceiveCount", 5),
                entry("fifo", true),
                entry("contentBasedDeduplication", true),
                entry("kmsMasterKeyId", "alias/orders"),
                entry("tags", Map.of("team", "orders")));
        assertThat(QueueSettings.defaults().toString()).startsWith("QueueSettings{visibilityTimeout=PT30S");
    }

    @Test
    void withoutAnErrorQueueItsSettingsAreNotDescribed() {
        assertThat(QueueSettings.builder().errorQueue(false).build().describe())
                .containsEntry("errorQueue", false)
                .doesNotContainKeys("errorQueueRetention", "maxReceiveCount");
    }

    @Test
    void topicSettingsDescribeThemselves() {
        TopicSettings settings = TopicSettings.builder().fifo(true).tag("team", "orders").build();

        assertThat(settings.describe()).containsExactly(entry("fifo", true), entry("contentBasedDeduplication", false),
                entry("tags", Map.of("team", "orders")));
        assertThat(settings.toBuilder().build()).isEqualTo(settings);
        assertThat(TopicSettings.defaults().fifo()).isFalse();
    }

    @Test
    void subscriptionsDeliverInTheEnvelopeByDefault() {
        assertThat(SubscriptionSettings.defaults().rawMessageDelivery()).isFalse();
        assertThat(SubscriptionSettings.defaults().filterPolicy()).isEmpty();
    }

    @Test
    void aFilterPolicyIsKeptInCompactForm() {
        SubscriptionSettings settings = SubscriptionSettings.defaults().withRawMessageDelivery(true)
                .withFilterPolicy("{ \"Tenant\" : [ \"uk\" ] }");

        assertThat(settings.filterPolicy()).contains("{\"Tenant\":[\"uk\"]}");
        assertThat(settings.describe()).containsExactly(entry("rawMessageDelivery", true),
                entry("filterPolicy", "{\"Tenant\":[\"uk\"]}"));
        assertThat(SubscriptionSettings.defaults()).isNotEqualTo(settings);
    }

    @Test
    void aFilterPolicyThatIsNoJsonObjectIsRejected() {
        assertThatThrownBy(() -> SubscriptionSettings.defaults().withFilterPolicy("{\"Tenant\":"))
                .hasMessageContaining("the filter policy is not valid JSON");
        assertThatThrownBy(() -> SubscriptionSettings.defaults().withFilterPolicy("[\"uk\"]"))
                .hasMessageContaining("the filter policy must be a JSON object");
    }
}
