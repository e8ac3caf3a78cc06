package dev.justsaying.subscribe;

/**
 * Lets pollers' receives through while the group runs, holds new ones while it is paused, and counts those in
 * progress, so that "paused" can be observed: once paused and no receive is in progress, none will start.
 */
final class PauseGate {

    private boolean paused;
    private boolean closed;
    private int receiving;

    synchronized void pause() {
        paused = true;
    }

    synchronized void resume() {
        paused = false;
        notifyAll();
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }

    synchronized boolean isPaused() {
        return paused;
    }

    /** Receives in progress now. */
    synchronized int receiving() {
        return receiving;
    }

    /** Waits while paused, then counts a receive in; false once closed (nothing counted). */
    synchronized boolean enter() throws InterruptedException {
        while (paused && !closed) {
            wait();
        }
        if (closed) {
            return false;
        }
        receiving++;
        return true;
    }

    /** Counts a receive out. */
    synchronized void leave() {
        receiving--;
    }
}
