package dev.justsaying.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** A queue and its error queue holding messages as the bus leaves them there: an SNS envelope and a reason. */
record ErrorQueueFixture(SqsClient sqs, String queueUrl, String errorQueueUrl) {

    static ErrorQueueFixture create(SqsClient sqs, String queueName) {
        return new ErrorQueueFixture(sqs, sqs.createQueue(b -> b.queueName(queueName)).queueUrl(),
                sqs.createQueue(b -> b.queueName(queueName + "_error")).queueUrl());
    }

    /** Puts a failed message on the error queue; returns its SQS message id. */
    String failed(String innerMessage, String reason) {
        return sqs.sendMessage(b -> b.queueUrl(errorQueueUrl).messageBody(snsEnvelope(innerMessage))
                .messageAttributes(Map.of(
                        "JustSaying.ErrorReason", text(reason),
                        "traceparent", text("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")))).messageId();
    }

    int visibleOnErrorQueue() {
        return visible(errorQueueUrl);
    }

    int visible(String url) {
        return Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(url)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    /** Everything on the source queue now, received (and hidden) for good. */
    List<Message> drainQueue() {
        List<Message> drained = new ArrayList<>();
        List<Message> batch;
        do {
            batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .visibilityTimeout(600).messageAttributeNames("All")).messages();
            drained.addAll(batch);
        } while (!batch.isEmpty());
        return drained;
    }

    static List<String> bodies(List<Message> messages) {
        return messages.stream().map(Message::body).sorted().collect(Collectors.toList());
    }

    static String snsEnvelope(String innerMessage) {
        return "{\"Type\":\"Notification\",\"MessageId\":\"6a1f\",\"TopicArn\":\"arn:aws:sns:eu-west-1:000000000000:t\","
                + "\"Subject\":\"OrderPlaced\",\"Message\":" + quoted(innerMessage) + "}";
    }

    private static String quoted(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
