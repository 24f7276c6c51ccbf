package org.parley.testing;

import java.time.Duration;

/**
 * Time a test lets pass on purpose: a sender's pace, how long a client stays connected, a wait the server asked for
 * or a ticket's lifetime running out. Never a stand-in for waiting on something to happen: that is Awaitility's
 * {@code await().until(...)}, which returns as soon as it does.
 */
public final class Pause {

    private Pause() {
    }

    public static void of(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted in a pause of " + duration, e);
        }
    }
}
