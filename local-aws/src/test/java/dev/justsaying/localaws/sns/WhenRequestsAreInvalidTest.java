package dev.justsaying.localaws.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.InvalidParameterValueException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;

@ExtendWith(TwoRegionStack.Extension.class)
class WhenRequestsAreInvalidTest {

    private final TwoRegionStack.StackRegion region;
    private final SnsClient sns;
    private final String topicArn;

    WhenRequestsAreInvalidTest(TwoRegionStack stack) {
        this.region = stack.primary();
        this.sns = region.snsClient;
        this.topicArn = sns.createTopic(request -> request.name("invalid-" + UUID.randomUUID().toString().substring(0, 8))).topicArn();
    }

    private HttpResponse<String> post(String form) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(region.sns.endpoint())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anUnknownActionIsAnInvalidActionError() throws Exception {
        HttpResponse<String> response = post("Action=CreatePlatformApplication&Version=2010-03-31");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .startsWith("<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>Sender</Type>"
                        + "<Code>InvalidAction</Code><Message>The action CreatePlatformApplication is not valid for this endpoint.</Message>"
                        + "</Error><RequestId>")
                .endsWith("</RequestId></ErrorResponse>");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/xml"));
    }

    @Test
    void aRequestWithoutAnActionIsRefused() throws Exception {
        HttpResponse<String> response = post("Version=2010-03-31");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("<Code>MissingAction</Code>");
    }

    @Test
    void aMalformedFormIsRefused() throws Exception {
        HttpResponse<String> response = post("Action=Publish&TopicArn=" + topicArn + "&Message=%ZZ");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("<Code>MalformedQueryString</Code>");
    }

    @Test
    void publishingWithoutATopicIsAnInvalidParameter() {
        assertThatThrownBy(() -> sns.publish(request -> request.message("m")))
                .isInstanceOfSatisfying(InvalidParameterException.class, error -> {
                    assertThat(error.statusCode()).isEqualTo(400);
                    assertThat(error.awsErrorDetails().errorCode()).isEqualTo("InvalidParameter");
                });
    }

    @Test
    void publishingToAnUnknownTopicIsNotFound() {
        assertThatThrownBy(() -> sns.publish(request -> request.topicArn("arn:aws:sns:eu-west-1:000000000000:unknown").message("m")))
                .isInstanceOfSatisfying(NotFoundException.class, error -> {
                    assertThat(error.statusCode()).isEqualTo(404);
                    assertThat(error.awsErrorDetails().errorCode()).isEqualTo("NotFound");
                    assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("Topic does not exist");
                });
    }

    @Test
    void aMessageOverTheSizeLimitIsRefusedCountingItsAttributes() {
        String justFits = "x".repeat(TopicPublisher.MAX_MESSAGE_BYTES - "n".length() - "String".length() - 1);
        sns.publish(request -> request.topicArn(topicArn).message(justFits)
                .messageAttributes(Map.of("n", MessageAttributeValue.builder().dataType("String").stringValue("v").build())));

        assertThatThrownBy(() -> sns.publish(request -> request.topicArn(topicArn).message(justFits)
                .messageAttributes(Map.of("n", MessageAttributeValue.builder().dataType("String").stringValue("vv").build()))))
                .isInstanceOfSatisfying(InvalidParameterException.class, error -> {
                    assertThat(error.statusCode()).isEqualTo(400);
                    assertThat(error.awsErrorDetails().errorCode()).isEqualTo("InvalidParameter");
                    assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("Invalid parameter: Message too long");
                });
    }

    @Test
    void anEmptyMessageOrAnInvalidSubjectIsRefused() {
        assertThatThrownBy(() -> sns.publish(request -> request.topicArn(topicArn).message("")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> sns.publish(request -> request.topicArn(topicArn).message("m").subject("two\nlines")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> sns.publish(request -> request.topicArn(topicArn).message("m").subject("s".repeat(101))))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void invalidMessageAttributesAreParameterValueErrors() {
        assertThatThrownBy(() -> sns.publish(request -> request.topicArn(topicArn).message("m")
                .messageAttributes(Map.of("n", MessageAttributeValue.builder().dataType("Number").stringValue("twelve").build()))))
                .isInstanceOfSatisfying(InvalidParameterValueException.class, error -> {
                    assertThat(error.statusCode()).isEqualTo(400);
                    assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ParameterValueInvalid");
                });
        assertThatThrownBy(() -> sns.publish(request -> request.topicArn(topicArn).message("m")
                .messageAttributes(Map.of("n", MessageAttributeValue.builder().dataType("Date").stringValue("today").build()))))
                .isInstanceOf(InvalidParameterValueException.class);
        assertThatThrownBy(() -> sns.publish(request -> request.topicArn(topicArn).message("m")
                .messageAttributes(Map.of("n", MessageAttributeValue.builder().dataType("String.Array").stringValue("a,b").build()))))
                .isInstanceOf(InvalidParameterValueException.class);
        assertThatThrownBy(() -> sns.publish(request -> request.topicArn(topicArn).message("m")
                .messageAttributes(Map.of("AWS.reserved", MessageAttributeValue.builder().dataType("String").stringValue("x").build()))))
                .isInstanceOf(InvalidParameterValueException.class);
    }

    @Test
    void theUnsubscribeUrlOfAnEnvelopeUnsubscribes() throws Exception {
        String subscriptionArn = sns.subscribe(request -> request.topicArn(topicArn).protocol("sqs")
                .endpoint("arn:aws:sqs:eu-west-1:000000000000:unsubscribed-by-url")).subscriptionArn();

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(region.sns.endpoint() + "/?Action=Unsubscribe&SubscriptionArn=" + subscriptionArn)).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("<UnsubscribeResponse");
        assertThatThrownBy(() -> sns.getSubscriptionAttributes(request -> request.subscriptionArn(subscriptionArn)))
                .isInstanceOf(NotFoundException.class);
    }
}
