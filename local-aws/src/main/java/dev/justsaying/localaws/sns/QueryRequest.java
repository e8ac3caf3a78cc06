package dev.justsaying.localaws.sns;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parameters of one AWS Query request ({@code Action=...&Name=value}, form-encoded), with readers for the
 * flattened shapes the SDK sends: lists as {@code Name.member.N...}, maps as {@code Name.entry.N.key/value}.
 */
final class QueryRequest {

    private final Map<String, String> parameters;

    private QueryRequest(Map<String, String> parameters) {
        this.parameters = parameters;
    }

    /** Parses a form-encoded body; parameters of the URI's query string are added, the body winning on clashes. */
    static QueryRequest parse(byte[] body, String uriQuery) {
        Map<String, String> parameters = new HashMap<>();
        if (uriQuery != null) {
            byte[] query = uriQuery.getBytes(StandardCharsets.UTF_8);
            decodeInto(query, 0, query.length, parameters);
        }
        decodeInto(body, 0, body.length, parameters);
        return new QueryRequest(parameters);
    }

    private static void decodeInto(byte[] form, int start, int end, Map<String, String> parameters) {
        byte[] scratch = null;
        int position = start;
        while (position < end) {
            int separator = position;
            int equals = -1;
            while (separator < end && form[separator] != '&') {
                if (equals < 0 && form[separator] == '=') {
                    equals = separator;
                }
                separator++;
            }
            if (separator > position) {
                if (scratch == null) {
                    scratch = new byte[end - start];
                }
                String name = decode(form, position, equals < 0 ? separator : equals, scratch);
                parameters.put(name, equals < 0 ? "" : decode(form, equals + 1, separator, scratch));
            }
            position = separator + 1;
        }
    }

    /** Decodes one form component: {@code +} is a space, {@code %XX} a byte, the bytes UTF-8. */
    private static String decode(byte[] form, int start, int end, byte[] scratch) {
        int length = 0;
        boolean ascii = true;
        for (int i = start; i < end; i++) {
            byte b = form[i];
            if (b == '+') {
                b = ' ';
            } else if (b == '%') {
                if (i + 2 >= end) {
                    throw SnsException.malformedQueryString("incomplete percent escape");
                }
                int high = Character.digit(form[i + 1], 16);
                int low = Character.digit(form[i + 2], 16);
                if (high < 0 || low < 0) {
                    throw SnsException.malformedQueryString("invalid percent escape");
                }
                b = (byte) (high << 4 | low);
                i += 2;
            }
            ascii &= b >= 0;
            scratch[length++] = b;
        }
        return new String(scratch, 0, length, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    /** The action, e.g. {@code Publish}; a request without one is rejected. */
    String action() {
        String action = parameters.get("Action");
        if (action == null || action.isEmpty()) {
            throw SnsException.missingAction();
        }
        return action;
    }

    /** The value, or null when the parameter is absent. */
    String optional(String name) {
        return parameters.get(name);
    }

    /** The value; absent or empty is an {@code InvalidParameter} error naming the parameter. */
    String required(String name) {
        String value = parameters.get(name);
        if (value == null || value.isEmpty()) {
            throw SnsException.invalidParameter(name + " Reason: no value for required parameter");
        }
        return value;
    }

    /** The members of a list of strings, {@code name.member.1}, {@code name.member.2}, ... in index order. */
    List<String> stringMembers(String name) {
        List<String> values = new ArrayList<>();
        indexed(name + ".member").forEach(member -> {
            String value = member.optional("");
            if (value != null) {
                values.add(value);
            }
        });
        return values;
    }

    /** The members of a list of structures, each as a request of its own fields, in index order. */
    List<QueryRequest> structMembers(String name) {
        return indexed(name + ".member");
    }

    /** A map of strings, {@code name.entry.N.key} / {@code name.entry.N.value}, in index order. */
    Map<String, String> stringMap(String name) {
        Map<String, String> map = new LinkedHashMap<>();
        for (QueryRequest entry : indexed(name + ".entry")) {
            String key = entry.optional("key");
            if (key == null) {
                throw SnsException.invalidParameter(name + " Reason: an entry has no key");
            }
            map.put(key, entry.parameters.getOrDefault("value", ""));
        }
        return map;
    }

    /** The entries of a map of structures, {@code name.entry.N.<keyField>} with the value's fields under {@code .Value}. */
    List<QueryRequest> mapEntries(String name) {
        return indexed(name + ".entry");
    }

    /**
     * Groups the parameters named {@code prefix.N} or {@code prefix.N.rest} by N; each group is a request whose
     * parameters are the rests (the bare {@code prefix.N} value under the empty name).
     */
    private List<QueryRequest> indexed(String prefix) {
        String dotted = prefix + '.';
        TreeMap<Integer, Map<String, String>> groups = null;
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            String key = parameter.getKey();
            if (!key.startsWith(dotted)) {
                continue;
            }
            int indexEnd = key.indexOf('.', dotted.length());
            String index = key.substring(dotted.length(), indexEnd < 0 ? key.length() : indexEnd);
            int position;
            try {
                position = Integer.parseInt(index);
            } catch (NumberFormatException notAnIndex) {
                throw SnsException.invalidParameter(key);
            }
            if (groups == null) {
                groups = new TreeMap<>();
            }
            String rest = indexEnd < 0 ? "" : key.substring(indexEnd + 1);
            groups.computeIfAbsent(position, ignored -> new HashMap<>()).put(rest, parameter.getValue());
        }
        if (groups == null) {
            return Collections.emptyList();
        }
        List<QueryRequest> members = new ArrayList<>(groups.size());
        groups.values().forEach(group -> members.add(new QueryRequest(group)));
        return members;
    }
}
