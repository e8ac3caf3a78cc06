package dev.justsaying.subscribe;

/** Holds pollers while receiving is paused; lets them through at once when resumed or closed. */
final class PauseGate {

    private boolean paused;
    private boolean closed;

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

    /** Waits while paused; false once closed. */
    synchronized boolean awaitOpen() throws InterruptedException {
        while (paused && !closed) {
            wait();
        }
        return !closed;
    }
}
