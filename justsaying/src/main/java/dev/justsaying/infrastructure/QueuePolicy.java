package dev.justsaying.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A queue's access policy, read and extended additively: the statement that lets a topic deliver to the queue
 * ({@code sns.amazonaws.com} may {@code sqs:SendMessage} to the queue when {@code aws:SourceArn} is the topic) is
 * added only if no statement already allows the same, and every other statement and field is kept as it was.
 */
final class QueuePolicy {

    private static final String SNS_SERVICE = "sns.amazonaws.com";
    private static final String SEND_MESSAGE = "sqs:SendMessage";
    private static final String SOURCE_ARN = "aws:SourceArn";
    private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^A-Za-z0-9]");

    private QueuePolicy() {
    }

    /**
     * Whether some statement of {@code policyJson} (which may be null or blank: no policy) already lets the topic
     * send to the queue. Statements with conditions this class cannot evaluate do not count.
     */
    static boolean allowsTopic(String policyJson, String queueArn, String topicArn) {
        if (policyJson == null || policyJson.isBlank()) {
            return false;
        }
        for (JsonNode statement : statements(Json.object(policyJson, "the queue policy"))) {
            if (statement.isObject() && isAllow(statement) && principalIsSns(statement.get("Principal"))
                    && anyMatches(statement.get("Action"), SEND_MESSAGE, true)
                    && (statement.get("Resource") == null || anyMatches(statement.get("Resource"), queueArn, false))
                    && conditionAllows(statement.get("Condition"), topicArn)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code policyJson} (null or blank: none yet) with a statement added that lets the topic send to the queue;
     * every other statement and field is kept.
     */
    static String withTopicAllowed(String policyJson, String queueArn, String topicArn) {
        ObjectNode policy;
        if (policyJson == null || policyJson.isBlank()) {
            policy = Json.newObject();
            policy.put("Version", "2012-10-17");
            policy.put("Id", queueArn + "/SQSDefaultPolicy");
        } else {
            policy = Json.object(policyJson, "the queue policy");
        }
        List<JsonNode> existing = statements(policy);
        ArrayNode statements = policy.putArray("Statement");
        existing.forEach(statements::add);
        statements.add(statementAllowing(queueArn, topicArn, unusedSid(existing, topicArn)));
        return Json.write(policy);
    }

    private static ObjectNode statementAllowing(String queueArn, String topicArn, String sid) {
        ObjectNode statement = Json.newObject();
        statement.put("Sid", sid);
        statement.put("Effect", "Allow");
        statement.putObject("Principal").put("Service", SNS_SERVICE);
        statement.put("Action", SEND_MESSAGE);
        statement.put("Resource", queueArn);
        statement.putObject("Condition").putObject("ArnEquals").put(SOURCE_ARN, topicArn);
        return statement;
    }

    /** A statement id naming the topic, made unique among the policy's statement ids. */
    private static String unusedSid(List<JsonNode> statements, String topicArn) {
        Set<String> taken = new HashSet<>();
        statements.forEach(statement -> taken.add(statement.path("Sid").asText()));
        String base = "JustSaying" + NOT_ALPHANUMERIC.matcher(topicArn.substring("arn:".length())).replaceAll("");
        String sid = base;
        for (int n = 2; taken.contains(sid); n++) {
            sid = base + n;
        }
        return sid;
    }

    /** The statements of a policy, whether it holds one statement object or an array of them. */
    private static List<JsonNode> statements(ObjectNode policy) {
        JsonNode statement = policy.get("Statement");
        List<JsonNode> statements = new ArrayList<>();
        if (statement == null || statement.isNull()) {
            return statements;
        }
        if (statement.isArray()) {
            statement.forEach(statements::add);
        } else {
            statements.add(statement);
        }
        return statements;
    }

    private static boolean isAllow(JsonNode statement) {
        return "Allow".equalsIgnoreCase(statement.path("Effect").asText());
    }

    private static boolean principalIsSns(JsonNode principal) {
        if (principal == null) {
            return false;
        }
        if (principal.isTextual()) {
            return principal.asText().equals("*");
        }
        return anyEquals(principal.get("Service"), SNS_SERVICE) || anyEquals(principal.get("AWS"), "*");
    }

    /**
     * Whether every condition of the statement is one on {@code aws:SourceArn} that the topic satisfies; a statement
     * without conditions allows every source.
     */
    private static boolean conditionAllows(JsonNode condition, String topicArn) {
        if (condition == null || condition.isEmpty()) {
            return true;
        }
        Iterator<Map.Entry<String, JsonNode>> operators = condition.fields();
        while (operators.hasNext()) {
            Map.Entry<String, JsonNode> operator = operators.next();
            Iterator<Map.Entry<String, JsonNode>> keys = operator.getValue().fields();
            while (keys.hasNext()) {
                Map.Entry<String, JsonNode> key = keys.next();
                if (!key.getKey().equalsIgnoreCase(SOURCE_ARN)
                        || !operatorMatches(operator.getKey(), key.getValue(), topicArn)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean operatorMatches(String operator, JsonNode values, String topicArn) {
        return switch (operator) {
            case "ArnEquals", "ArnLike", "StringLike" -> anyMatches(values, topicArn, false);
            case "StringEquals" -> anyEquals(values, topicArn);
            default -> false;
        };
    }

    private static boolean anyEquals(JsonNode values, String expected) {
        return values != null && textsOf(values).contains(expected);
    }

    /** Whether one of the values, read as an IAM wildcard pattern ({@code *}, {@code ?}), matches {@code text}. */
    private static boolean anyMatches(JsonNode values, String text, boolean ignoreCase) {
        if (values == null) {
            return false;
        }
        for (String pattern : textsOf(values)) {
            StringBuilder regex = new StringBuilder();
            for (char c : pattern.toCharArray()) {
                regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
            }
            if (Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0).matcher(text).matches()) {
                return true;
            }
        }
        return false;
    }

    private static List<String> textsOf(JsonNode values) {
        List<String> texts = new ArrayList<>();
        if (values.isArray()) {
            values.forEach(value -> texts.add(value.asText()));
        } else {
            texts.add(values.asText());
        }
        return texts;
    }
}
