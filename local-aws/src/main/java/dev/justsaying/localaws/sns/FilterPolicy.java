package dev.justsaying.localaws.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A subscription's filter policy, compiled: which messages the subscription receives. Keys are ANDed, the conditions
 * of a key ORed; {@code $or} takes alternative policies. Conditions: exact strings and numbers, {@code prefix},
 * {@code suffix}, {@code equals-ignore-case}, {@code anything-but} (values, or a prefix/suffix), {@code numeric}
 * comparisons and ranges, and {@code exists}. With scope {@code MessageAttributes} keys name message attributes;
 * with {@code MessageBody} they name properties of the JSON message, nested objects mirroring nested properties.
 */
final class FilterPolicy {

    /** What a filter policy is applied to. */
    enum Scope {
        MESSAGE_ATTRIBUTES("MessageAttributes"),
        MESSAGE_BODY("MessageBody");

        private final String attributeValue;

        Scope(String attributeValue) {
            this.attributeValue = attributeValue;
        }

        String attributeValue() {
            return attributeValue;
        }

        static Scope fromAttribute(String value) {
            for (Scope scope : values()) {
                if (scope.attributeValue.equals(value)) {
                    return scope;
                }
            }
            throw new IllegalArgumentException("FilterPolicyScope must be MessageAttributes or MessageBody");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Scope scope;
    private final Rules rules;

    private FilterPolicy(Scope scope, Rules rules) {
        this.scope = scope;
        this.rules = rules;
    }

    /** Compiles a policy; an invalid one is an {@link IllegalArgumentException} saying why. */
    static FilterPolicy parse(String policy, Scope scope) {
        JsonNode root;
        try {
            root = JSON.readTree(policy);
        } catch (IOException notJson) {
            throw new IllegalArgumentException("the policy is not valid JSON");
        }
        if (root == null || !root.isObject() || root.isEmpty()) {
            throw new IllegalArgumentException("the policy must be a non-empty JSON object");
        }
        return new FilterPolicy(scope, Rules.parse(root, scope == Scope.MESSAGE_BODY));
    }

    /** Whether a message with these attributes and this body passes the policy. */
    boolean accepts(Map<String, MessageAttribute> attributes, String message) {
        if (scope == Scope.MESSAGE_ATTRIBUTES) {
            return rules.matches(name -> {
                MessageAttribute attribute = attributes.get(name);
                return attribute == null ? null : attribute.filterValues(name);
            });
        }
        JsonNode body;
        try {
            body = JSON.readTree(message);
        } catch (IOException notJson) {
            return false;
        }
        return body != null && body.isObject() && rules.matches(body);
    }

    /** Looks up what a key names: null when absent, else a value or an array of values. */
    @FunctionalInterface
    private interface Lookup {
        JsonNode find(String key);
    }

    /** The keys of one policy object (ANDed) and its {@code $or} alternatives. */
    private record Rules(Map<String, KeyRule> keys, List<List<Rules>> alternatives) {

        static Rules parse(JsonNode object, boolean nestingAllowed) {
            Map<String, KeyRule> keys = new LinkedHashMap<>();
            List<List<Rules>> alternatives = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = field.getValue();
                if (field.getKey().equals("$or")) {
                    alternatives.add(parseAlternatives(value, nestingAllowed));
                } else if (value.isArray()) {
                    keys.put(field.getKey(), KeyRule.parse(field.getKey(), value));
                } else if (value.isObject() && nestingAllowed && !value.isEmpty()) {
                    keys.put(field.getKey(), new Nested(parse(value, true)));
                } else {
                    throw new IllegalArgumentException("\"" + field.getKey() + "\" must be an array of conditions"
                            + (nestingAllowed ? " or an object" : ""));
                }
            }
            return new Rules(keys, alternatives);
        }

        private static List<Rules> parseAlternatives(JsonNode value, boolean nestingAllowed) {
            if (!value.isArray() || value.size() < 2) {
                throw new IllegalArgumentException("\"$or\" must be an array of at least two policy objects");
            }
            List<Rules> alternatives = new ArrayList<>();
            for (JsonNode alternative : value) {
                if (!alternative.isObject() || alternative.isEmpty()) {
                    throw new IllegalArgumentException("\"$or\" must be an array of at least two policy objects");
                }
                alternatives.add(parse(alternative, nestingAllowed));
            }
            return alternatives;
        }

        boolean matches(JsonNode object) {
            return matches(object::get);
        }

        boolean matches(Lookup lookup) {
            for (Map.Entry<String, KeyRule> key : keys.entrySet()) {
                if (!key.getValue().matches(lookup.find(key.getKey()))) {
                    return false;
                }
            }
            for (List<Rules> alternative : alternatives) {
                if (alternative.stream().noneMatch(rules -> rules.matches(lookup))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** What one key of a policy demands of the value it names (null when absent). */
    private sealed interface KeyRule permits Conditions, Nested {

        boolean matches(JsonNode value);

        static KeyRule parse(String key, JsonNode conditions) {
            if (conditions.isEmpty()) {
                throw new IllegalArgumentException("\"" + key + "\" must have at least one condition");
            }
            List<Condition> parsed = new ArrayList<>();
            conditions.forEach(condition -> parsed.add(Condition.parse(key, condition)));
            return new Conditions(parsed);
        }
    }

    /** Conditions on a leaf value, ORed; an array value matches when any element does. */
    private record Conditions(List<Condition> conditions) implements KeyRule {

        @Override
        public boolean matches(JsonNode value) {
            boolean present = value != null && !value.isObject() && !(value.isArray() && value.isEmpty());
            if (!present) {
                return conditions.stream().anyMatch(condition -> condition instanceof Exists exists && !exists.expected());
            }
            for (Condition condition : conditions) {
                if (anyElement(value, condition)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean anyElement(JsonNode value, Condition condition) {
            if (!value.isArray()) {
                return condition.test(value);
            }
            for (JsonNode element : value) {
                if (!element.isContainerNode() && condition.test(element)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A nested policy object for a nested property of the message body (any element of an array of objects). */
    private record Nested(Rules rules) implements KeyRule {

        @Override
        public boolean matches(JsonNode value) {
            if (value == null) {
                return false;
            }
            if (value.isObject()) {
                return rules.matches(value);
            }
            if (value.isArray()) {
                for (JsonNode element : value) {
                    if (element.isObject() && rules.matches(element)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** One condition on a scalar value. */
    private interface Condition {

        boolean test(JsonNode value);

        static Condition parse(String key, JsonNode condition) {
            if (condition.isTextual() || condition.isNumber() || condition.isBoolean() || condition.isNull()) {
                return new Exact(condition);
            }
            if (!condition.isObject() || condition.size() != 1) {
                throw new IllegalArgumentException("\"" + key + "\" has a condition that is neither a value nor an operator object");
            }
            Map.Entry<String, JsonNode> operator = condition.fields().next();
            JsonNode operand = operator.getValue();
            return switch (operator.getKey()) {
                case "prefix" -> new Prefix(text(key, "prefix", operand));
                case "suffix" -> new Suffix(text(key, "suffix", operand));
                case "equals-ignore-case" -> new EqualsIgnoreCase(text(key, "equals-ignore-case", operand));
                case "anything-but" -> AnythingBut.parse(key, operand);
                case "numeric" -> Numeric.parse(key, operand);
                case "exists" -> {
                    if (!operand.isBoolean()) {
                        throw new IllegalArgumentException("\"" + key + "\": exists must be true or false");
                    }
                    yield new Exists(operand.booleanValue());
                }
                default -> throw new IllegalArgumentException("\"" + key + "\": unrecognized match type " + operator.getKey());
            };
        }

        private static String text(String key, String operator, JsonNode operand) {
            if (!operand.isTextual()) {
                throw new IllegalArgumentException("\"" + key + "\": " + operator + " must be a string");
            }
            return operand.textValue();
        }
    }

    private record Exact(JsonNode expected) implements Condition {
        @Override
        public boolean test(JsonNode value) {
            if (expected.isNumber()) {
                return value.isNumber() && value.doubleValue() == expected.doubleValue();
            }
            return !value.isNumber() && value.equals(expected);
        }
    }

    private record Prefix(String prefix) implements Condition {
        @Override
        public boolean test(JsonNode value) {
            return value.isTextual() && value.textValue().startsWith(prefix);
        }
    }

    private record Suffix(String suffix) implements Condition {
        @Override
        public boolean test(JsonNode value) {
            return value.isTextual() && value.textValue().endsWith(suffix);
        }
    }

    private record EqualsIgnoreCase(String expected) implements Condition {
        @Override
        public boolean test(JsonNode value) {
            return value.isTextual() && value.textValue().equalsIgnoreCase(expected);
        }
    }

    /** {@code exists}: as a test of a present value it holds when true; an absent value only meets {@code false}. */
    private record Exists(boolean expected) implements Condition {
        @Override
        public boolean test(JsonNode value) {
            return expected;
        }
    }

    /** Matches present values that are none of the listed ones (or that do not have the prefix / suffix). */
    private record AnythingBut(List<Condition> excluded) implements Condition {

        static AnythingBut parse(String key, JsonNode operand) {
            List<Condition> excluded = new ArrayList<>();
            if (operand.isArray() && !operand.isEmpty()) {
                for (JsonNode value : operand) {
                    if (!value.isTextual() && !value.isNumber()) {
                        throw new IllegalArgumentException("\"" + key + "\": anything-but lists strings or numbers");
                    }
                    excluded.add(new Exact(value));
                }
            } else if (operand.isTextual() || operand.isNumber()) {
                excluded.add(new Exact(operand));
            } else if (operand.isObject() && operand.size() == 1 && (operand.has("prefix") || operand.has("suffix"))) {
                excluded.add(Condition.parse(key, operand));
            } else {
                throw new IllegalArgumentException(
                        "\"" + key + "\": anything-but takes a value, a list of values, or a prefix or suffix object");
            }
            return new AnythingBut(excluded);
        }

        @Override
        public boolean test(JsonNode value) {
            return excluded.stream().noneMatch(condition -> condition.test(value));
        }
    }

    /** Numeric comparisons, ANDed: {@code ["=", 5]}, {@code [">", 0]}, {@code [">=", 0, "<", 10]}. */
    private record Numeric(List<String> operators, double[] operands) implements Condition {

        static Numeric parse(String key, JsonNode operand) {
            if (!operand.isArray() || operand.isEmpty() || operand.size() % 2 != 0 || operand.size() > 4) {
                throw new IllegalArgumentException("\"" + key + "\": numeric takes one or two (operator, number) pairs");
            }
            List<String> operators = new ArrayList<>();
            double[] operands = new double[operand.size() / 2];
            for (int i = 0; i < operand.size(); i += 2) {
                JsonNode operator = operand.get(i);
                JsonNode number = operand.get(i + 1);
                if (!operator.isTextual() || !List.of("=", "<", "<=", ">", ">=").contains(operator.textValue())) {
                    throw new IllegalArgumentException("\"" + key + "\": unrecognized numeric operator " + operator);
                }
                if (!number.isNumber()) {
                    throw new IllegalArgumentException("\"" + key + "\": numeric operands must be numbers");
                }
                operators.add(operator.textValue());
                operands[i / 2] = number.doubleValue();
            }
            if (operators.size() == 2 && !(operators.get(0).startsWith(">") && operators.get(1).startsWith("<")
                    && operands[0] < operands[1])) {
                throw new IllegalArgumentException(
                        "\"" + key + "\": a numeric range is a lower bound (> or >=) then a greater upper bound (< or <=)");
            }
            return new Numeric(List.copyOf(operators), operands);
        }

        @Override
        public boolean test(JsonNode value) {
            if (!value.isNumber()) {
                return false;
            }
            double number = value.doubleValue();
            for (int i = 0; i < operands.length; i++) {
                double operand = operands[i];
                boolean holds = switch (operators.get(i)) {
                    case "=" -> number == operand;
                    case "<" -> number < operand;
                    case "<=" -> number <= operand;
                    case ">" -> number > operand;
                    default -> number >= operand;
                };
                if (!holds) {
                    return false;
                }
            }
            return true;
        }
    }

}
