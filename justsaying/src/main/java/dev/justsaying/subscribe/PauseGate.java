package dev.justsaying.subscribe;

import java.util.ArrayList;
import java.util.List;

/**
 * Lets pollers' receives through while the group runs, holds new ones while it is paused, and counts those in
 * progress, so that "paused" can be observed: once paused and no receive is in progress, none will start. A poller
 * held back leaves what it would do next with the gate, which runs it on resume (or close) on the caller's thread.
 */
final class PauseGate {

    /** What {@link #enter} did. */
    enum Entry { ENTERED, WAITING, CLOSED }

    private final List<Runnable> waiting = new ArrayList<>();
    private boolean paused;
    private boolean closed;
    private int receiving;

    synchronized void pause() {
        paused = true;
    }

    void resume() {
        List<Runnable> resumed;
        synchronized (this) {
            paused = false;
            resumed = takeWaiting();
        }
        resumed.forEach(Runnable::run);
    }

    void close() {
        List<Runnable> closing;
        synchronized (this) {
            closed = true;
            closing = takeWaiting();
        }
        closing.forEach(Runnable::run);
    }

    private List<Runnable> takeWaiting() {
        List<Runnable> taken = List.copyOf(waiting);
        waiting.clear();
        return taken;
    }

    synchronized boolean isPaused() {
        return paused;
    }

    /** Receives in progress now. */
    synchronized int receiving() {
        return receiving;
    }

    /**
     * Counts a receive in; while paused, keeps {@code whenOpen} to run once resumed or closed (it then enters again);
     * once closed, counts nothing.
     */
    synchronized Entry enter(Runnable whenOpen) {
        if (closed) {
            return Entry.CLOSED;
        }
        if (paused) {
            waiting.add(whenOpen);
            return Entry.WAITING;
        }
        receiving++;
        return Entry.ENTERED;
    }

    /** Counts a receive out. */
    synchronized void leave() {
        receiving--;
    }
}
