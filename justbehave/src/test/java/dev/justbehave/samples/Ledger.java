package dev.justbehave.samples;

/** Keeps the receipts of payments taken. */
public interface Ledger {

    void record(Receipt receipt);
}
