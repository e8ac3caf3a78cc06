package dev.justbehave.samples;

/** Proof of a payment. */
public record Receipt(String authorisation, long amountInPence) {
}
