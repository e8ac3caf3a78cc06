package dev.justbehave.samples;

/** The sample system under test: takes a payment through the gateway and records it in the ledger. */
public final class PaymentService {

    private final PaymentGateway gateway;
    private final Ledger ledger;

    /** A less greedy constructor, which auto-mocking must pass over. */
    public PaymentService(PaymentGateway gateway) {
        this(gateway, receipt -> { });
    }

    public PaymentService(PaymentGateway gateway, Ledger ledger) {
        Journal.record("create system under test");
        this.gateway = gateway;
        this.ledger = ledger;
    }

    public Receipt pay(String card, long amountInPence) {
        Receipt receipt = new Receipt(gateway.charge(card, amountInPence), amountInPence);
        ledger.record(receipt);
        return receipt;
    }

    public PaymentGateway gateway() {
        return gateway;
    }

    public Ledger ledger() {
        return ledger;
    }
}
