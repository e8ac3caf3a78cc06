package dev.justsaying.localaws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Keeps SQS queue policies, which ElasticMQ accepts but forgets: the {@code Policy} attribute of CreateQueue and
 * SetQueueAttributes is stored here (and taken out of what ElasticMQ sees), and added back to GetQueueAttributes
 * answers, as AWS does. Queue policies matter locally because SNS subscriptions rely on them and the bus must
 * leave other people's statements intact. Handles the SQS JSON protocol (what AWS SDKs speak today).
 */
final class SqsPolicyShim implements FaultInjectingProxy.Shim {

    private static final String POLICY = "Policy";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> policiesByQueueName = new ConcurrentHashMap<>();

    @Override
    public FaultInjectingProxy.Shimmed apply(FullHttpRequest request) {
        String target = request.headers().get("X-Amz-Target");
        if (target == null || !target.startsWith("AmazonSQS.")) {
            return FaultInjectingProxy.Shimmed.unchanged(request);
        }
        ObjectNode body = readObject(request);
        if (body == null) {
            return FaultInjectingProxy.Shimmed.unchanged(request);
        }
        switch (target.substring("AmazonSQS.".length())) {
            case "CreateQueue" -> takePolicy(body, text(body, "QueueName"));
            case "SetQueueAttributes" -> takePolicy(body, queueName(text(body, "QueueUrl")));
            case "DeleteQueue" -> policiesByQueueName.remove(queueName(text(body, "QueueUrl")));
            case "GetQueueAttributes" -> {
                String queue = queueName(text(body, "QueueUrl"));
                return new FaultInjectingProxy.Shimmed(request, wantsPolicy(body) ? addPolicy(queue) : UnaryOperator.identity());
            }
            default -> {
                return FaultInjectingProxy.Shimmed.unchanged(request);
            }
        }
        return new FaultInjectingProxy.Shimmed(rewrite(request, body), UnaryOperator.identity());
    }

    private void takePolicy(ObjectNode body, String queueName) {
        JsonNode attributes = body.get("Attributes");
        if (queueName != null && attributes instanceof ObjectNode map && map.has(POLICY)) {
            policiesByQueueName.put(queueName, map.get(POLICY).asText());
            map.remove(POLICY);
        }
    }

    private static boolean wantsPolicy(ObjectNode body) {
        JsonNode names = body.get("AttributeNames");
        if (names == null || !names.isArray()) {
            return false;
        }
        for (JsonNode name : names) {
            if (POLICY.equals(name.asText()) || "All".equals(name.asText())) {
                return true;
            }
        }
        return false;
    }

    private UnaryOperator<FullHttpResponse> addPolicy(String queueName) {
        return response -> {
            String policy = queueName == null ? null : policiesByQueueName.get(queueName);
            if (policy == null || response.status().code() != 200) {
                return response;
            }
            try {
                ObjectNode answer = (ObjectNode) JSON.readTree(response.content().toString(StandardCharsets.UTF_8));
                JsonNode attributes = answer.get("Attributes");
                ObjectNode map = attributes instanceof ObjectNode existing ? existing : answer.putObject("Attributes");
                map.put(POLICY, policy);
                byte[] bytes = JSON.writeValueAsBytes(answer);
                FullHttpResponse changed = response.replace(Unpooled.wrappedBuffer(bytes));
                changed.headers().set(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
                response.release();
                return changed;
            } catch (IOException | ClassCastException e) {
                return response;
            }
        };
    }

    private static FullHttpRequest rewrite(FullHttpRequest request, ObjectNode body) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(body);
            FullHttpRequest changed = request.replace(Unpooled.wrappedBuffer(bytes));
            changed.headers().set(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
            request.release();
            return changed;
        } catch (IOException e) {
            return request;
        }
    }

    private static ObjectNode readObject(FullHttpRequest request) {
        try {
            JsonNode node = JSON.readTree(request.content().toString(StandardCharsets.UTF_8));
            return node instanceof ObjectNode object ? object : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        return value == null ? null : value.asText();
    }

    /** The queue name, the last segment of a queue URL. */
    private static String queueName(String queueUrl) {
        if (queueUrl == null) {
            return null;
        }
        int slash = queueUrl.lastIndexOf('/');
        return slash < 0 ? queueUrl : queueUrl.substring(slash + 1);
    }
}
