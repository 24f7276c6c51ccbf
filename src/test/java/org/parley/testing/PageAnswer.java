package org.parley.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** Waits for a server started from outside the test to serve a page: what says "ready" to a person too. */
public final class PageAnswer {

    private PageAnswer() {
    }

    /** Returns once {@code page} answers 200; fails if {@code limit} passes first. */
    public static void await(URL page, Duration limit) {
        Awaitility.await(page + " to answer 200").atMost(limit).pollInterval(Duration.ofMillis(200))
                .until(() -> answers(page));
    }

    /**
     * As {@link #await(URL, Duration)}, for a server started with its output in {@code serverLog}: a timeout says what
     * that log said, so that a run that failed elsewhere (CI's clone is gone by then) can be read from its report.
     */
    public static void await(URL page, Duration limit, Path serverLog) {
        try {
            await(page, limit);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\n" + LogTail.of(serverLog), e);
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
        AtomicReference<String> last = new AtomicReference<>("");
        try {
            Awaitility.await().atMost(limit).pollInterval(Duration.ofMillis(200)).until(() -> {
                String answer = readiness(ready);
                last.set(answer);
                return answer.startsWith("503 ") && answer.contains("\"not-ready\"") && answer.contains("database");
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(ready + " did not answer 503 not-ready within " + limit + "; last: " + last.get());
        }
    }

    /** The status and, for a 503, the body of the readiness probe's answer; what went wrong if none came. */
    private static String readiness(URL ready) {
        try {
            HttpURLConnection connection = (HttpURLConnection) ready.openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(10_000);
            try {
                int status = connection.getResponseCode();
                return status != 503 ? String.valueOf(status)
                        : status + " " + new String(connection.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return e.toString();
        }
    }

    static boolean answers(URL page) {
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
