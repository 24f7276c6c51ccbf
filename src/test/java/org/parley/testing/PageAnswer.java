package org.parley.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
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

    /**
     * Returns once Parley at {@code base} answers its readiness probe 503 with a reason; fails if {@code limit} passes
     * first.
     */
    public static void awaitNotReady(URL base, Duration limit) {
        URL ready;
        try {
            ready = base.toURI().resolve("api/health/ready").toURL();
        } catch (URISyntaxException | MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
        long deadline = System.nanoTime() + limit.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                HttpURLConnection connection = (HttpURLConnection) ready.openConnection();
                connection.setConnectTimeout(1000);
                connection.setReadTimeout(10_000);
                try {
                    int status = connection.getResponseCode();
                    last = status + "";
                    if (status == 503) {
                        String body = new String(connection.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                        if (body.contains("\"not-ready\"") && body.contains("database")) {
                            return;
                        }
                        last += " " + body;
                    }
                } finally {
                    connection.disconnect();
                }
            } catch (IOException e) {
                last = e.toString();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
        throw new AssertionError(ready + " did not answer 503 not-ready within " + limit + "; last: " + last);
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
