package dev.justsaying.restaurantstatus.command;

/** Where a command is in its life; states only move forward (Queued → Processing → Succeeded or Failed). */
public enum CommandState {
    Queued,
    Processing,
    Succeeded,
    Failed;

    public boolean isFinal() {
        return this == Succeeded || this == Failed;
    }
}
