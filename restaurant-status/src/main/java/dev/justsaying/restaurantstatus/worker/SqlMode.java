package dev.justsaying.restaurantstatus.worker;

/**
 * How the Worker writes a batch's status changes to the database: {@link #BATCHED}, the original article's one
 * {@code UPDATE … WHERE id = ANY(?)} per target status for the whole batch, or {@link #PER_COMMAND}, one statement
 * per command as the legacy path does — kept as the baseline the batched form is measured against.
 */
public enum SqlMode {
    BATCHED,
    PER_COMMAND
}
