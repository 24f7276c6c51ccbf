package org.parley.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Waits for a server started from outside the test to serve a page: what says "ready" to a person too. */
public final class PageAnswer {

    private PageAnswer() {
    }

    /** Returns once {@code page} answers 200; fails if {@code limit} passes first. */
    public static void await(URL page, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!answers(page)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(page + " did not answer within " + limit);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
    }

    private static boolean answers(URL page) {
        try {
            HttpURLConnection connection = (HttpURLConnection) page.openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(5000);
            try {
                return connection.getResponseCode() == 200;
            } finally {
                connection.disconnect();
            }
        } catch (IOException notYet) {
            return false;
        }
    }
}
