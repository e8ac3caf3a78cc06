package dev.justsaying.subscribe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.justbehave.BehaviourTest;
import dev.justbehave.Then;
import dev.justsaying.handle.BatchResult;
import dev.justsaying.handle.HandleResult;
import dev.justsaying.wire.Destination;
import dev.justsaying.wire.EnvelopeReader;
import dev.justsaying.wire.MessageMetadata;
import dev.justsaying.wire.MessageSerializer;
import dev.justsaying.wire.MessageWriter;
import dev.justsaying.wire.WireOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mockito.Mockito;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** Dispatch by type: what one receive brings is sorted into units of work for the right handlers. */
class WhenSeveralMessageTypesArriveOnOneQueue extends BehaviourTest<QueueSubscription> {

    record OrderPlaced(String orderId) {
    }

    record PaymentTaken(String paymentId) {
    }

    record Unexpected(String what) {
    }

    private final MessageWriter writer = new MessageWriter(new MessageSerializer(WireOptions.defaults()));
    private final List<Message> received = new ArrayList<>();
    private List<WorkUnit> units;

    @Override
    protected QueueSubscription createSystemUnderTest() {
        QueueEndpoint endpoint = new QueueEndpoint("eu-west-1", "orders", "http://127.0.0.1/000000000000/orders",
                Optional.of("http://127.0.0.1/000000000000/orders_error"), 5, Mockito.mock(SqsAsyncClient.class));
        return new QueueSubscription(endpoint, List.of(
                HandlerBinding.of(OrderPlaced.class, "OrderPlaced", (message, context) -> HandleResult.success(), List.of()),
                HandlerBinding.ofBatch(PaymentTaken.class, "PaymentTaken", messages -> BatchResult.allSucceeded(), List.of())),
                new EnvelopeReader(WireOptions.defaults()));
    }

    @Override
    protected void given() {
        received.add(sqsMessage("1", new OrderPlaced("o-1")));
        received.add(sqsMessage("2", new PaymentTaken("p-1")));
        received.add(sqsMessage("3", new OrderPlaced("o-2")));
        received.add(sqsMessage("4", new PaymentTaken("p-2")));
        received.add(sqsMessage("5", new Unexpected("?")));
        received.add(Message.builder().messageId("6").receiptHandle("r-6").body("this is not JSON").build());
        received.add(sqsMessage("7", new PaymentTaken("p-3")));
    }

    private Message sqsMessage(String id, Object message) {
        String body = writer.write(message, MessageMetadata.newMessage(), Destination.QUEUE).body();
        return Message.builder().messageId(id).receiptHandle("r-" + id).body(body).build();
    }

    @Override
    protected void when() {
        units = systemUnderTest().sort(received);
    }

    @Then
    void eachMessageForASingleHandlerIsAUnitOfItsOwn() {
        assertThat(units).filteredOn(unit -> unit.binding() != null && !unit.binding().isBatch())
                .extracting(unit -> ids(unit)).containsExactly(List.of("1"), List.of("3"));
    }

    @Then
    void theMessagesForABatchHandlerAreOneUnitInTheOrderReceived() {
        assertThat(units).filteredOn(unit -> unit.binding() != null && unit.binding().isBatch())
                .extracting(unit -> ids(unit)).containsExactly(List.of("2", "4", "7"));
    }

    @Then
    void aTypeNobodyHandlesIsUndeliverableNamingTheType() {
        assertThat(units).filteredOn(unit -> ids(unit).equals(List.of("5"))).singleElement()
                .satisfies(unit -> assertThat(unit.undeliverable()).contains("no handler for message type 'Unexpected'"));
    }

    @Then
    void anUnreadableBodyIsUndeliverableSayingSo() {
        assertThat(units).filteredOn(unit -> ids(unit).equals(List.of("6"))).singleElement()
                .satisfies(unit -> assertThat(unit.undeliverable()).startsWith("unreadable message"));
    }

    @Then
    void noMessageIsLostOrDuplicated() {
        assertThat(units).flatExtracting(unit -> ids(unit)).containsExactlyInAnyOrder("1", "2", "3", "4", "5", "6", "7");
    }

    private static List<String> ids(WorkUnit unit) {
        return unit.messages().stream().map(inbound -> inbound.message().messageId()).toList();
    }
}
