package org.parley.bench;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Where the load goes, and the one place that knows how a user gets in: signing in to Parley, a bare name to the
 * baseline.
 */
record Target(String label, URL base, boolean signsIn, long pid) {

    /**
     * HTTP/1.1, as a browser speaks to a server over plain http: the JDK client's default first asks to upgrade to
     * HTTP/2 (h2c), which Payara now and then fails with a 500 no browser can meet.
     */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static Target parley(URL base) {
        return new Target("Parley", base, true, 0);
    }

    static Target baseline(URL base) {
        return new Target("baseline", base, false, 0);
    }

    /** The same target under another name in the report (Parley on one server or another). */
    Target named(String name) {
        return new Target(name, base, signsIn, pid);
    }

    /** The same target, with the process id of its own JVM, so that its memory can be read. */
    Target runningAs(long processId) {
        return new Target(label, base, signsIn, processId);
    }

    /** @return the server's memory, or null when it runs where it cannot be told apart (in the generator's JVM) */
    ServerMemory memory() {
        return pid == 0 ? null : ServerMemory.of(pid);
    }

    /** @return the server's live objects by class, or null when its memory cannot be read ({@link #memory}) */
    ClassHistogram histogram() {
        return pid == 0 ? null : ClassHistogram.of(pid);
    }

    /**
     * The CPU time the server's JVM has used so far (user and system, from /proc), in seconds; NaN where it cannot be
     * told apart.
     */
    double cpuSeconds() {
        if (pid == 0) {
            return Double.NaN;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the fields after the command's name, which may hold spaces and ends with the last ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime and stime, the 14th and 15th fields of the line, in clock ticks of 1/100 s on Linux
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Makes the user's account where there are accounts; done before timing starts. */
    void prepare(String user) {
        if (signsIn) {
            retried(() -> {
                HttpResponse<String> answer = post("accounts", user);
                if (answer.statusCode() != 201 && answer.statusCode() != 409) {
                    throw new IllegalStateException("sign-up of " + user + " answered " + answer.statusCode() + " "
                            + answer.body());
                }
                return null;
            });
        }
    }

    /** How a user gets in: the address to connect to, and when its ticket expires. */
    record Pass(URI socket, Instant expiresAt) {

        /**
         * Whether to sign in anew before using it: with under a minute left it could expire while a busy server
         * works through the handshake (seen at 3 s left). The suite's 6 s tickets are always renewed; the benchmark's
         * hour-long ones never are.
         */
        boolean runningOut(Instant now) {
            return expiresAt.isBefore(now.plus(Duration.ofMinutes(1)));
        }
    }

    Pass pass(String user) {
        // the generator confirms nothing, and says so: its messages are not confirmed by pongs either, as before
        String ws = base.toString().replaceFirst("^http", "ws") + "ws?confirm=received&";
        if (!signsIn) {
            return new Pass(URI.create(ws + "user=" + URLEncoder.encode(user, StandardCharsets.UTF_8)), Instant.MAX);
        }
        JsonObject answer = retried(() -> signIn(user));
        return new Pass(URI.create(ws + "ticket=" + URLEncoder.encode(answer.getString("ticket"),
                StandardCharsets.UTF_8)), Instant.parse(answer.getString("expiresAt")));
    }

    /**
     * Waits until the server answers HTTP again within a second: after a step it could not keep up with, it is
     * still working through what it was sent, and a sign-up then would wait behind all of it. The baseline has
     * no HTTP side to ask.
     */
    void awaitResponsive() {
        if (!signsIn) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            long asked = System.nanoTime();
            try {
                if (send(HttpRequest.newBuilder(api("mode")).GET().build()).statusCode() < 500
                        && System.nanoTime() - asked < TimeUnit.SECONDS.toNanos(1)) {
                    return;
                }
            } catch (UncheckedIOException busy) {
                // still busy, or it dropped the connection: ask again
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
        }
        throw new IllegalStateException(label + " did not become responsive within five minutes");
    }

    /**
     * Thousands of requests in a row meet the server closing a kept-alive connection just as the client reuses
     * it; that request is sent again after a moment, four times at most. An answer that arrived but is not JSON is
     * never asked again: that is how Payara's fault of handing a WebSocket's response to another request shows
     * (README "Known faults": another user's frame as the body of an HTTP answer), and the run stops on it with
     * the whole answer, for the benchmark and the suite alike.
     */
    private static <T> T retried(Supplier<T> request) {
        UncheckedIOException failure = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                return request.get();
            } catch (NotJson e) {
                throw new AssertionError("The server answered a sign-in with something that is not JSON (another"
                        + " user's frame? README \"Known faults\"): " + e.getMessage(), e);
            } catch (UncheckedIOException e) {
                failure = e;
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
        }
        throw failure;
    }

    /**
     * Pages Derby has read from disk into its cache so far, from Parley's metrics; NaN for the baseline, or where the
     * metrics are not open to this address (the suite's servers). Derby counts from the first time it is asked.
     */
    double derbyPageMisses() {
        return metric("parley_derby_page_cache_misses_total");
    }

    /**
     * Seconds this server has held the order in which every server of its chat numbers messages, from Parley's
     * metrics: the part of its work no two servers do at once. NaN when it runs alone, and as for
     * {@link #derbyPageMisses}.
     */
    double orderHeldSeconds() {
        return metric("parley_log_order_held_seconds_total");
    }

    private double metric(String name) {
        if (!signsIn) {
            return Double.NaN;
        }
        try {
            HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(base + "metrics")).GET().build());
            if (answer.statusCode() == 200) {
                return answer.body().lines().filter(line -> line.startsWith(name + " "))
                        .mapToDouble(line -> Double.parseDouble(line.substring(name.length() + 1)))
                        .findFirst().orElse(Double.NaN);
            }
        } catch (UncheckedIOException | NumberFormatException e) {
            // not known this time: the report shows none
        }
        return Double.NaN;
    }

    /** A ticket of the user's own, for asking the API as them. */
    String ticket(String user) {
        return retried(() -> signIn(user)).getString("ticket");
    }

    /** {@code GET api/<path>} as the ticket's holder: the answer's body, refused unless it is a 200. */
    String getAs(String ticket, String path) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(api(path)).header("Authorization", "Bearer " + ticket)
                .GET().build());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + answer.statusCode() + " " + answer.body());
        }
        return answer.body();
    }

    /**
     * Signs in with the user's password. When told to wait (429: the suite's server counts other tests' wrong
     * passwords from this address too), it waits as long as {@code Retry-After} says and asks once more.
     */
    private JsonObject signIn(String user) {
        HttpResponse<String> answer = post("tickets", user);
        if (answer.statusCode() == 429) {
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(
                    Long.parseLong(answer.headers().firstValue("Retry-After").orElse("1"))));
            answer = post("tickets", user);
        }
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("sign-in of " + user + " answered " + answer.statusCode() + " "
                    + answer.body());
        }
        try (var reader = Json.createReader(new StringReader(answer.body()))) {
            return reader.readObject();
        } catch (JsonException e) {
            throw new NotJson(answer, e);
        }
    }

    /** The user's name and password, which is the name's and the suite's: {@code <name>-correct-horse}. */
    private HttpResponse<String> post(String path, String user) {
        String credentials = Json.createObjectBuilder().add("name", user).add("password", user + "-correct-horse")
                .build().toString();
        return send(HttpRequest.newBuilder(api(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(credentials)).build());
    }

    private URI api(String path) {
        return URI.create(base + "api/" + path);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An answer whose body is not the JSON every answer of Parley's API is, with everything it was. */
    private static final class NotJson extends IllegalStateException {

        NotJson(HttpResponse<String> answer, JsonException cause) {
            super(answer.request().method() + " " + answer.uri() + " answered " + answer.statusCode() + " "
                    + answer.headers().map() + " with a body that is not JSON: " + answer.body(), cause);
        }
    }
}
