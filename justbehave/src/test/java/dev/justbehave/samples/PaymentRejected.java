package dev.justbehave.samples;

/** The gateway declined a payment, and says why. */
public final class PaymentRejected extends RuntimeException {

    public PaymentRejected(String reason) {
        super(reason);
    }

    public String reason() {
        return getMessage();
    }
}
