package dev.justsaying.wire;

import static dev.justsaying.wire.TestMessages.anOrder;
import static dev.justsaying.wire.TestMessages.someMetadata;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.justsaying.wire.MalformedMessageException.Reason;
import dev.justsaying.wire.TestMessages.NumberedThing;
import dev.justsaying.wire.TestMessages.OrderPlaced;
import dev.justsaying.wire.TestMessages.OrderStatus;
import dev.justsaying.wire.TestMessages.Ping;
import dev.justsaying.wire.TestMessages.RestaurantStatusChanged;
import dev.justsaying.wire.TestMessages.TableBooked;
import dev.justsaying.wire.TestMessages.TenantScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MessageSerializerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MessageSerializer pascal = new MessageSerializer(WireOptions.defaults());
    private final MessageSerializer camel = new MessageSerializer(
            WireOptions.builder().propertyNaming(PropertyNaming.CAMEL_CASE).build());

    private static JsonNode tree(String json) throws Exception {
        return JSON.readTree(json);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Nested
    class WhenWritingWithPascalCase {

        @Test
        void aRecordAndItsMetadataBecomeOneObjectWithPascalCaseNames() throws Exception {
            JsonNode json = tree(pascal.serialize(anOrder(), someMetadata()));

            assertThat(names(json)).containsExactly("OrderId", "CustomerName", "Status", "PlacedAt", "Total", "Lines",
                    "Id", "TimeStamp", "RaisingComponent", "Tenant", "Conversation");
            assertThat(names(json.get("Lines").get(0))).containsExactly("Sku", "Quantity");
            assertThat(json.get("Id").asText()).isEqualTo("3f2504e0-4f89-41d3-9a0c-0305e82c3301");
            assertThat(json.get("TimeStamp").asText()).isEqualTo("2024-03-01T10:15:31.7654321Z");
            assertThat(json.get("RaisingComponent").asText()).isEqualTo("OrderApi");
        }

        @Test
        void enumsAreWrittenByNameAndDatesAsIso8601() throws Exception {
            JsonNode json = tree(pascal.serialize(anOrder(), someMetadata()));

            assertThat(json.get("Status").asText()).isEqualTo("OPEN");
            assertThat(json.get("PlacedAt").asText()).isEqualTo("2024-03-01T10:15:30.1234567Z");
            assertThat(json.get("Total").decimalValue()).isEqualByComparingTo("12.50");
        }

        @Test
        void decimalsKeepTheirScaleAndEveryDigit() {
            OrderPlaced order = new OrderPlaced(1, null, null, null, new BigDecimal("79228162514264.337593543950"), null);

            String json = pascal.serialize(order, someMetadata());

            assertThat(json).contains("\"Total\":79228162514264.337593543950");
            assertThat(pascal.deserialize(json, OrderPlaced.class).message().total())
                    .isEqualTo(new BigDecimal("79228162514264.337593543950"));
        }

        @Test
        void anAnnotatedEnumConstantIsWrittenWithItsDotNetName() throws Exception {
            OrderPlaced closed = new OrderPlaced(1, "Ada", OrderStatus.TEMPORARILY_CLOSED, null, null, List.of());

            JsonNode json = tree(pascal.serialize(closed, someMetadata()));

            assertThat(json.get("Status").asText()).isEqualTo("TemporarilyClosed");
        }

        @Test
        void timestampsNeverHaveMoreThanSevenFractionalDigits() throws Exception {
            OrderPlaced order = new OrderPlaced(1, "Ada", OrderStatus.OPEN,
                    Instant.parse("2024-03-01T10:15:30.123456789Z"), null, List.of());

            JsonNode json = tree(pascal.serialize(order, someMetadata()));

            assertThat(json.get("PlacedAt").asText()).isEqualTo("2024-03-01T10:15:30.1234567Z");
        }

        @Test
        void offsetDateTimesKeepTheirOffsetAsDotNetDateTimeOffsetDoes() throws Exception {
            TableBooked booked = new TableBooked(UUID.randomUUID(),
                    OffsetDateTime.parse("2024-03-01T19:30:00.5+01:00"));

            JsonNode json = tree(pascal.serialize(booked, someMetadata()));

            assertThat(json.get("BookedFor").asText()).isEqualTo("2024-03-01T19:30:00.5+01:00");
        }

        @Test
        void nullsAreLeftOut() throws Exception {
            OrderPlaced sparse = new OrderPlaced(1, null, null, null, null, null);
            MessageMetadata bare = new MessageMetadata(UUID.randomUUID(), Instant.EPOCH, null, null, null, null, null);

            JsonNode json = tree(pascal.serialize(sparse, bare));

            assertThat(names(json)).containsExactly("OrderId", "Id", "TimeStamp");
        }

        @Test
        void aPojoIsWrittenThroughItsGetters() throws Exception {
            UUID restaurant = UUID.randomUUID();

            JsonNode json = tree(pascal.serialize(new RestaurantStatusChanged(restaurant, "Closed", true), someMetadata()));

            assertThat(json.get("RestaurantId").asText()).isEqualTo(restaurant.toString());
            assertThat(json.get("NewStatus").asText()).isEqualTo("Closed");
            assertThat(json.get("NotifyByText").asBoolean()).isTrue();
        }

        @Test
        void aMessageWithoutPropertiesCarriesOnlyItsMetadata() throws Exception {
            JsonNode json = tree(pascal.serialize(new Ping(), someMetadata()));

            assertThat(names(json)).containsExactly("Id", "TimeStamp", "RaisingComponent", "Tenant", "Conversation");
        }

        @Test
        void aMessageThatIsNotAnObjectIsRefused() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> pascal.serialize("just a string", someMetadata()))
                    .withMessageContaining("must serialize to a JSON object");
        }
    }

    @Nested
    class WhenWritingWithCamelCase {

        @Test
        void messageAndMetadataNamesAreCamelCase() throws Exception {
            JsonNode json = tree(camel.serialize(anOrder(), someMetadata()));

            assertThat(names(json)).containsExactly("orderId", "customerName", "status", "placedAt", "total", "lines",
                    "id", "timeStamp", "raisingComponent", "tenant", "conversation");
        }

        @Test
        void camelCaseRoundTrips() {
            DeserializedMessage<OrderPlaced> read = camel.deserialize(camel.serialize(anOrder(), someMetadata()),
                    OrderPlaced.class);

            assertThat(read.message()).isEqualTo(anOrder());
            assertThat(read.metadata()).isEqualTo(someMetadata());
        }
    }

    @Nested
    class WhenAMessageHasAPropertyNamedLikeMetadata {

        @Test
        void theMessagesOwnValueIsWritten() throws Exception {
            JsonNode json = tree(pascal.serialize(new TenantScoped("from-message", "x"), someMetadata()));

            assertThat(json.get("Tenant").asText()).isEqualTo("from-message");
            assertThat(names(json)).containsOnlyOnce("Tenant");
        }

        @Test
        void theMessageKeepsItsPropertyEvenWhenItIsNull() throws Exception {
            JsonNode json = tree(pascal.serialize(new TenantScoped(null, "x"), someMetadata()));

            assertThat(json.has("Tenant")).isFalse();
        }

        @Test
        void aNonUuidIdOfTheMessageDoesNotBreakTheMetadata() {
            String json = pascal.serialize(new NumberedThing(7, "seven"), someMetadata());

            DeserializedMessage<NumberedThing> read = pascal.deserialize(json, NumberedThing.class);

            assertThat(json).contains("\"Id\":7");
            assertThat(read.message()).isEqualTo(new NumberedThing(7, "seven"));
            assertThat(read.metadata().id()).isNotNull();
            assertThat(read.metadata().tenant()).isEqualTo("uk");
        }
    }

    @Nested
    class WhenReading {

        @Test
        void aRecordRoundTripsWithItsMetadata() {
            DeserializedMessage<OrderPlaced> read = pascal.deserialize(pascal.serialize(anOrder(), someMetadata()),
                    OrderPlaced.class);

            assertThat(read.message()).isEqualTo(anOrder());
            assertThat(read.metadata()).isEqualTo(someMetadata());
        }

        @Test
        void aPojoRoundTrips() {
            UUID restaurant = UUID.randomUUID();
            String json = pascal.serialize(new RestaurantStatusChanged(restaurant, "Open", true), someMetadata());

            RestaurantStatusChanged read = pascal.deserialize(json, RestaurantStatusChanged.class).message();

            assertThat(read.getRestaurantId()).isEqualTo(restaurant);
            assertThat(read.getNewStatus()).isEqualTo("Open");
            assertThat(read.isNotifyByText()).isTrue();
        }

        @Test
        void allMetadataFieldsAreReadBack() {
            MessageMetadata full = someMetadata().withVersion("2").withSourceIp("10.1.2.3");

            MessageMetadata read = pascal.deserialize(pascal.serialize(new Ping(), full), Ping.class).metadata();

            assertThat(read).isEqualTo(full);
        }

        @Test
        void propertyNamesAreCaseInsensitive() {
            String json = """
                    {"orderid":1,"CUSTOMERNAME":"Ada","cUsToMeRnAmE2":"ignored","Lines":[{"SKU":"A","quantity":3}],
                     "id":"3f2504e0-4f89-41d3-9a0c-0305e82c3301","TIMESTAMP":"2024-03-01T10:15:30Z"}
                    """;

            DeserializedMessage<OrderPlaced> read = pascal.deserialize(json, OrderPlaced.class);

            assertThat(read.message().orderId()).isEqualTo(1);
            assertThat(read.message().customerName()).isEqualTo("Ada");
            assertThat(read.message().lines()).containsExactly(new TestMessages.OrderLine("A", 3));
            assertThat(read.metadata().id()).isEqualTo(UUID.fromString("3f2504e0-4f89-41d3-9a0c-0305e82c3301"));
            assertThat(read.metadata().timeStamp()).isEqualTo(Instant.parse("2024-03-01T10:15:30Z"));
        }

        @Test
        void unknownPropertiesAreIgnored() {
            String json = """
                    {"OrderId":1,"AddedInVersion2":{"Nested":[1,2,3]},"Id":"3f2504e0-4f89-41d3-9a0c-0305e82c3301"}
                    """;

            assertThat(pascal.deserialize(json, OrderPlaced.class).message().orderId()).isEqualTo(1);
        }

        @ParameterizedTest
        @CsvSource({"Open,OPEN", "open,OPEN", "OPEN,OPEN", "placed,PLACED", "TemporarilyClosed,TEMPORARILY_CLOSED",
                "temporarilyclosed,TEMPORARILY_CLOSED"})
        void enumsAreReadByNameIgnoringCase(String wire, OrderStatus expected) {
            String json = "{\"Status\":\"" + wire + "\"}";

            assertThat(pascal.deserialize(json, OrderPlaced.class).message().status()).isEqualTo(expected);
        }

        @ParameterizedTest
        @CsvSource({"0,PLACED", "1,OPEN", "2,TEMPORARILY_CLOSED"})
        void enumsAreReadByNumber(int wire, OrderStatus expected) {
            String json = "{\"Status\":" + wire + "}";

            assertThat(pascal.deserialize(json, OrderPlaced.class).message().status()).isEqualTo(expected);
        }

        @ParameterizedTest
        @CsvSource({
                "2024-03-01T10:15:30Z,                2024-03-01T10:15:30Z",
                "2024-03-01T10:15:30.1Z,              2024-03-01T10:15:30.100Z",
                "2024-03-01T10:15:30.12Z,             2024-03-01T10:15:30.120Z",
                "2024-03-01T10:15:30.123Z,            2024-03-01T10:15:30.123Z",
                "2024-03-01T10:15:30.1234Z,           2024-03-01T10:15:30.123400Z",
                "2024-03-01T10:15:30.12345Z,          2024-03-01T10:15:30.123450Z",
                "2024-03-01T10:15:30.123456Z,         2024-03-01T10:15:30.123456Z",
                "2024-03-01T10:15:30.1234567Z,        2024-03-01T10:15:30.123456700Z",
                "2024-03-01T10:15:30.1234567,         2024-03-01T10:15:30.123456700Z",
                "2024-03-01T10:15:30,                 2024-03-01T10:15:30Z",
                "2024-03-01T11:15:30.1234567+01:00,   2024-03-01T10:15:30.123456700Z",
                "2024-03-01T04:45:30.5-05:30,         2024-03-01T10:15:30.500Z",
                "2024-03-01T10:15:30.1234567+00:00,   2024-03-01T10:15:30.123456700Z",
                "2024-03-01t10:15:30.25z,             2024-03-01T10:15:30.250Z",
                "2024-03-01T10:15Z,                   2024-03-01T10:15:00Z",
                "2024-03-01T11:15:30+01:00:00,        2024-03-01T10:15:30Z"
        })
        void dotNetTimestampsAreReadWithAnyPrecisionAndZone(String wire, Instant expected) {
            String json = "{\"PlacedAt\":\"" + wire + "\",\"TimeStamp\":\"" + wire + "\"}";

            DeserializedMessage<OrderPlaced> read = pascal.deserialize(json, OrderPlaced.class);

            assertThat(read.message().placedAt()).isEqualTo(expected);
            assertThat(read.metadata().timeStamp()).isEqualTo(expected);
        }

        @ParameterizedTest
        @CsvSource({
                "2024-03-01T19:30:00.1234567+01:00, 2024-03-01T19:30:00.1234567+01:00",
                "2024-03-01T18:30:00Z,              2024-03-01T18:30:00Z",
                "2024-03-01T18:30:00,               2024-03-01T18:30:00Z"
        })
        void dotNetDateTimeOffsetsAreReadWithTheirOffset(String wire, OffsetDateTime expected) {
            String json = "{\"BookedFor\":\"" + wire + "\"}";

            OffsetDateTime read = pascal.deserialize(json, TableBooked.class).message().bookedFor();

            assertThat(read).isEqualTo(expected);
        }

        @Test
        void aMissingIdAndTimeStampAreFilledAsDotNetsMessageConstructorDoes() {
            Instant before = Instant.now().minusSeconds(1);

            MessageMetadata metadata = pascal.deserialize("{\"OrderId\":1}", OrderPlaced.class).metadata();

            assertThat(metadata.id()).isNotNull();
            assertThat(metadata.timeStamp()).isAfter(before);
            assertThat(metadata.tenant()).isNull();
        }
    }

    @Nested
    class WhenTheMessageIsMalformed {

        @ParameterizedTest
        @ValueSource(strings = {"not json", "{\"OrderId\":", "{\"OrderId\":1} trailing", "   "})
        void textThatIsNotJsonIsReported(String text) {
            assertThatThrownBy(() -> pascal.deserialize(text, OrderPlaced.class))
                    .isInstanceOfSatisfying(MalformedMessageException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.MESSAGE_NOT_JSON_OBJECT));
        }

        @Test
        void jsonThatIsNotAnObjectIsReported() {
            assertThatThrownBy(() -> pascal.deserialize("[1,2]", OrderPlaced.class))
                    .isInstanceOf(MalformedMessageException.class)
                    .hasMessageContaining("ARRAY, not an object");
        }

        @Test
        void aPropertyOfTheWrongTypeIsReportedWithTheTypeName() {
            assertThatThrownBy(() -> pascal.deserialize("{\"OrderId\":\"forty-two\"}", OrderPlaced.class))
                    .isInstanceOfSatisfying(MalformedMessageException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.UNREADABLE_MESSAGE))
                    .hasMessageContaining(OrderPlaced.class.getName());
        }

        @Test
        void anUnknownEnumNameIsReported() {
            assertThatThrownBy(() -> pascal.deserialize("{\"Status\":\"Exploded\"}", OrderPlaced.class))
                    .isInstanceOf(MalformedMessageException.class)
                    .hasMessageContaining("Exploded");
        }

        @Test
        void aTimestampThatIsNotIso8601IsReported() {
            assertThatThrownBy(() -> pascal.deserialize("{\"PlacedAt\":\"01/03/2024\"}", OrderPlaced.class))
                    .isInstanceOf(MalformedMessageException.class)
                    .hasMessageContaining("01/03/2024");
        }

        @Test
        void anIdThatIsNotAUuidIsReported() {
            assertThatThrownBy(() -> pascal.deserialize("{\"Id\":\"abc\"}", OrderPlaced.class))
                    .isInstanceOfSatisfying(MalformedMessageException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.UNREADABLE_MESSAGE))
                    .hasMessageContaining("Id is invalid: 'abc'");
        }

        @Test
        void aMetadataTimeStampThatIsNotADateIsReported() {
            assertThatThrownBy(() -> pascal.deserialize("{\"TimeStamp\":\"yesterday\"}", OrderPlaced.class))
                    .isInstanceOf(MalformedMessageException.class)
                    .hasMessageContaining("TimeStamp is invalid: 'yesterday'");
        }

        @ParameterizedTest
        @CsvSource({"2024-03-01T25:15:30Z", "2024-03-01T10:15:30+19:00",
                "2024-03-01T10:15:30.1234567890Z"})
        void aTimeStampInTheCommonFormButOutOfRangeIsReported(String wire) {
            assertThatThrownBy(() -> pascal.deserialize("{\"TimeStamp\":\"" + wire + "\"}", OrderPlaced.class))
                    .isInstanceOf(MalformedMessageException.class)
                    .hasMessageContaining("TimeStamp is invalid: '" + wire + "'");
        }
    }
}
