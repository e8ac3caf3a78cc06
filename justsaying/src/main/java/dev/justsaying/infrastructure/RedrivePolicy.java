package dev.justsaying.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A queue's {@code RedrivePolicy} attribute: the dead-letter queue its messages move to after
 * {@code maxReceiveCount} receives.
 */
record RedrivePolicy(String deadLetterTargetArn, int maxReceiveCount) {

    /**
     * Reads the attribute; SQS has written {@code maxReceiveCount} both as a number and as a string.
     *
     * @throws IllegalArgumentException if it is not a redrive policy
     */
    static RedrivePolicy parse(String json) {
        ObjectNode policy = Json.object(json, "the RedrivePolicy " + json);
        JsonNode target = policy.get("deadLetterTargetArn");
        JsonNode count = policy.get("maxReceiveCount");
        if (target == null || !target.isTextual() || count == null || !count.asText().matches("\\d+")) {
            throw new IllegalArgumentException("the RedrivePolicy " + json
                    + " lacks a deadLetterTargetArn or a maxReceiveCount");
        }
        return new RedrivePolicy(target.asText(), Integer.parseInt(count.asText()));
    }

    String toJson() {
        ObjectNode policy = Json.newObject();
        policy.put("deadLetterTargetArn", deadLetterTargetArn);
        policy.put("maxReceiveCount", maxReceiveCount);
        return Json.write(policy);
    }
}
