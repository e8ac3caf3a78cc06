package dev.justsaying.localaws.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FilterPolicyTest {

    private static boolean attributesPass(String policy, Map<String, MessageAttribute> attributes) {
        return FilterPolicy.parse(policy, FilterPolicy.Scope.MESSAGE_ATTRIBUTES).accepts(attributes, "message");
    }

    private static Map<String, MessageAttribute> string(String name, String value) {
        return Map.of(name, new MessageAttribute("String", value, null));
    }

    private static Map<String, MessageAttribute> number(String name, String value) {
        return Map.of(name, new MessageAttribute("Number", value, null));
    }

    @Nested
    class OnMessageAttributes {

        @Test
        void anExactStringMatchesOnlyThatString() {
            String policy = "{\"colour\":[\"red\",\"blue\"]}";
            assertThat(attributesPass(policy, string("colour", "red"))).isTrue();
            assertThat(attributesPass(policy, string("colour", "blue"))).isTrue();
            assertThat(attributesPass(policy, string("colour", "green"))).isFalse();
            assertThat(attributesPass(policy, string("shade", "red"))).isFalse();
            assertThat(attributesPass(policy, Map.of())).isFalse();
        }

        @Test
        void anExactNumberMatchesANumberAttributeOfEqualValue() {
            String policy = "{\"size\":[5]}";
            assertThat(attributesPass(policy, number("size", "5"))).isTrue();
            assertThat(attributesPass(policy, number("size", "5.0"))).isTrue();
            assertThat(attributesPass(policy, number("size", "6"))).isFalse();
            assertThat(attributesPass(policy, string("size", "5"))).isFalse();
        }

        @Test
        void aPrefixMatchesStringsThatStartWithIt() {
            String policy = "{\"region\":[{\"prefix\":\"eu-\"}]}";
            assertThat(attributesPass(policy, string("region", "eu-west-1"))).isTrue();
            assertThat(attributesPass(policy, string("region", "us-east-1"))).isFalse();
        }

        @Test
        void aSuffixAndEqualsIgnoreCaseMatchText() {
            assertThat(attributesPass("{\"file\":[{\"suffix\":\".png\"}]}", string("file", "a.png"))).isTrue();
            assertThat(attributesPass("{\"file\":[{\"suffix\":\".png\"}]}", string("file", "a.jpg"))).isFalse();
            assertThat(attributesPass("{\"name\":[{\"equals-ignore-case\":\"ALICE\"}]}", string("name", "alice"))).isTrue();
            assertThat(attributesPass("{\"name\":[{\"equals-ignore-case\":\"ALICE\"}]}", string("name", "bob"))).isFalse();
        }

        @ParameterizedTest
        @CsvSource({
            "'[\"=\", 10]', 10, true",
            "'[\"=\", 10]', 11, false",
            "'[\"<\", 10]', 9.5, true",
            "'[\"<\", 10]', 10, false",
            "'[\"<=\", 10]', 10, true",
            "'[\"<=\", 10]', 10.01, false",
            "'[\">\", 10]', 10.01, true",
            "'[\">\", 10]', 10, false",
            "'[\">=\", 10]', 10, true",
            "'[\">=\", 10]', 9, false",
            "'[\">\", 0, \"<=\", 100]', 100, true",
            "'[\">\", 0, \"<=\", 100]', 0, false",
            "'[\">=\", 0, \"<\", 100]', 100, false",
        })
        void numericComparisonsAndRanges(String comparison, String value, boolean passes) {
            String policy = "{\"price\":[{\"numeric\":" + comparison + "}]}";
            assertThat(attributesPass(policy, number("price", value))).isEqualTo(passes);
        }

        @Test
        void numericConditionsDoNotMatchStrings() {
            assertThat(attributesPass("{\"price\":[{\"numeric\":[\">\",0]}]}", string("price", "5"))).isFalse();
        }

        @Test
        void anythingButAListMatchesAnyOtherPresentValue() {
            String policy = "{\"colour\":[{\"anything-but\":[\"red\",\"blue\"]}]}";
            assertThat(attributesPass(policy, string("colour", "green"))).isTrue();
            assertThat(attributesPass(policy, string("colour", "red"))).isFalse();
            assertThat(attributesPass(policy, Map.of())).isFalse();
            assertThat(attributesPass("{\"size\":[{\"anything-but\":[5]}]}", number("size", "6"))).isTrue();
            assertThat(attributesPass("{\"size\":[{\"anything-but\":5}]}", number("size", "5"))).isFalse();
        }

        @Test
        void anythingButAPrefixMatchesValuesWithoutIt() {
            String policy = "{\"event\":[{\"anything-but\":{\"prefix\":\"order-\"}}]}";
            assertThat(attributesPass(policy, string("event", "payment-made"))).isTrue();
            assertThat(attributesPass(policy, string("event", "order-placed"))).isFalse();
        }

        @Test
        void existsTellsPresenceFromAbsence() {
            assertThat(attributesPass("{\"trace\":[{\"exists\":true}]}", string("trace", "x"))).isTrue();
            assertThat(attributesPass("{\"trace\":[{\"exists\":true}]}", Map.of())).isFalse();
            assertThat(attributesPass("{\"trace\":[{\"exists\":false}]}", Map.of())).isTrue();
            assertThat(attributesPass("{\"trace\":[{\"exists\":false}]}", string("trace", "x"))).isFalse();
        }

        @Test
        void keysAreAndedAndTheValuesOfAKeyOred() {
            String policy = "{\"colour\":[\"red\",\"blue\"],\"size\":[{\"numeric\":[\">\",3]}]}";
            Map<String, MessageAttribute> both = new LinkedHashMap<>(string("colour", "blue"));
            both.putAll(number("size", "4"));
            assertThat(attributesPass(policy, both)).isTrue();
            both.putAll(number("size", "2"));
            assertThat(attributesPass(policy, both)).isFalse();
            assertThat(attributesPass(policy, string("colour", "blue"))).isFalse();
        }

        @Test
        void orAlternativesMatchWhenAnyOneDoes() {
            String policy = "{\"$or\":[{\"colour\":[\"red\"]},{\"size\":[{\"numeric\":[\">\",3]}]}]}";
            assertThat(attributesPass(policy, string("colour", "red"))).isTrue();
            assertThat(attributesPass(policy, number("size", "4"))).isTrue();
            assertThat(attributesPass(policy, string("colour", "blue"))).isFalse();
        }

        @Test
        void aStringArrayAttributeMatchesWhenAnyElementDoes() {
            Map<String, MessageAttribute> tags = Map.of("tags", new MessageAttribute("String.Array", "[\"a\",\"b\",3]", null));
            assertThat(attributesPass("{\"tags\":[\"b\"]}", tags)).isTrue();
            assertThat(attributesPass("{\"tags\":[3]}", tags)).isTrue();
            assertThat(attributesPass("{\"tags\":[\"c\"]}", tags)).isFalse();
        }

        @Test
        void binaryAttributesAreInvisibleToPolicies() {
            Map<String, MessageAttribute> binary = Map.of("blob",
                    new MessageAttribute("Binary", null, software.amazon.awssdk.core.SdkBytes.fromUtf8String("x")));
            assertThat(attributesPass("{\"blob\":[{\"exists\":true}]}", binary)).isFalse();
            assertThat(attributesPass("{\"blob\":[{\"exists\":false}]}", binary)).isTrue();
        }
    }

    @Nested
    class OnTheMessageBody {

        private boolean bodyPasses(String policy, String body) {
            return FilterPolicy.parse(policy, FilterPolicy.Scope.MESSAGE_BODY).accepts(Map.of(), body);
        }

        @Test
        void nestedObjectsMirrorNestedProperties() {
            String policy = "{\"order\":{\"status\":[\"paid\"],\"total\":[{\"numeric\":[\">=\",100]}]}}";
            assertThat(bodyPasses(policy, "{\"order\":{\"status\":\"paid\",\"total\":120}}")).isTrue();
            assertThat(bodyPasses(policy, "{\"order\":{\"status\":\"paid\",\"total\":20}}")).isFalse();
            assertThat(bodyPasses(policy, "{\"order\":{\"status\":\"open\",\"total\":120}}")).isFalse();
            assertThat(bodyPasses(policy, "{\"status\":\"paid\",\"total\":120}")).isFalse();
        }

        @Test
        void arraysInTheBodyMatchWhenAnyElementDoes() {
            assertThat(bodyPasses("{\"tags\":[\"urgent\"]}", "{\"tags\":[\"low\",\"urgent\"]}")).isTrue();
            assertThat(bodyPasses("{\"items\":{\"sku\":[\"b\"]}}", "{\"items\":[{\"sku\":\"a\"},{\"sku\":\"b\"}]}")).isTrue();
            assertThat(bodyPasses("{\"items\":{\"sku\":[\"c\"]}}", "{\"items\":[{\"sku\":\"a\"},{\"sku\":\"b\"}]}")).isFalse();
        }

        @Test
        void aMessageThatIsNotAJsonObjectNeverMatches() {
            assertThat(bodyPasses("{\"status\":[{\"exists\":false}]}", "plain text")).isFalse();
            assertThat(bodyPasses("{\"status\":[{\"exists\":false}]}", "{}")).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json",
        "[]",
        "{}",
        "{\"colour\":\"red\"}",
        "{\"colour\":[]}",
        "{\"colour\":[{\"contains\":\"x\"}]}",
        "{\"size\":[{\"numeric\":[\">\",\"3\"]}]}",
        "{\"size\":[{\"numeric\":[\"<\",3,\">\",1]}]}",
        "{\"size\":[{\"numeric\":[\"!=\",3]}]}",
        "{\"flag\":[{\"exists\":\"yes\"}]}",
        "{\"colour\":[{\"anything-but\":{\"contains\":\"x\"}}]}",
        "{\"$or\":[{\"a\":[\"x\"]}]}",
        "{\"order\":{\"status\":[\"paid\"]}}",
    })
    void invalidPoliciesAreRejectedOnAttributes(String policy) {
        assertThatThrownBy(() -> FilterPolicy.parse(policy, FilterPolicy.Scope.MESSAGE_ATTRIBUTES))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
