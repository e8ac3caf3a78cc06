package dev.justbehave.samples;

/** Charges cards; returns an authorisation code. */
public interface PaymentGateway {

    String charge(String card, long amountInPence);
}
