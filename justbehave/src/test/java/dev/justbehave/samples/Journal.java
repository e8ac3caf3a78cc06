package dev.justbehave.samples;

import java.util.ArrayList;
import java.util.List;

/** What the sample contexts and their systems under test did, in order, during one {@link SampleRunner} run. */
public final class Journal {

    private static final List<String> ENTRIES = new ArrayList<>();

    private Journal() {
    }

    public static synchronized void record(String entry) {
        ENTRIES.add(entry);
    }

    public static synchronized List<String> entries() {
        return List.copyOf(ENTRIES);
    }

    static synchronized void clear() {
        ENTRIES.clear();
    }
}
