package dev.justsaying.localaws.sns;

import java.net.URLDecoder;
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

    /** Parses a form-encoded body; parameters of the URI's query string are added (the body wins on clashes). */
    static QueryRequest parse(String formBody, String uriQuery) {
        Map<String, String> parameters = new HashMap<>();
        decodeInto(uriQuery, parameters);
        decodeInto(formBody, parameters);
        return new QueryRequest(parameters);
    }

    private static void decodeInto(String form, Map<String, String> parameters) {
        if (form == null || form.isEmpty()) {
            return;
        }
        int start = 0;
        while (start <= form.length()) {
            int end = form.indexOf('&', start);
            if (end < 0) {
                end = form.length();
            }
            if (end > start) {
                int equals = form.indexOf('=', start);
                if (equals < 0 || equals > end) {
                    parameters.put(decode(form.substring(start, end)), "");
                } else {
                    parameters.put(decode(form.substring(start, equals)), decode(form.substring(equals + 1, end)));
                }
            }
            start = end + 1;
        }
    }

    private static String decode(String component) {
        try {
            return URLDecoder.decode(component, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            throw SnsException.malformedQueryString(malformed.getMessage());
        }
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
