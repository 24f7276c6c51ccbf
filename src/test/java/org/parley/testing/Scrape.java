package org.parley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** One scrape of {@code /parley/metrics}, read as Prometheus reads the text format: series and their values. */
public final class Scrape {

    /** The token the suite's servers are started with (pom.xml, PARLEY_METRICS_TOKEN). */
    public static final String TOKEN = System.getProperty("parley.suite.metrics.token");

    private final Map<String, Double> series;

    private Scrape(Map<String, Double> series) {
        this.series = series;
    }

    /** GET /parley/metrics with this Authorization header, or none when it is null. */
    public static HttpResponse<String> get(URL base, String authorization) {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(base.toURI().resolve("metrics")).GET();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return SignIn.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Scrapes with the suite's token, and fails unless that is answered 200. */
    public static Scrape of(URL base) {
        HttpResponse<String> answer = get(base, "Bearer " + TOKEN);
        if (answer.statusCode() != 200) {
            throw new AssertionError("metrics answered " + answer.statusCode() + ": " + answer.body());
        }
        return parse(answer.body());
    }

    /**
     * Scrapes until the condition holds, up to 10 s: a frame may reach its client a moment before the server has
     * counted it, so the scrape right after it may not have it yet. Returns the last scrape either way, so that the
     * caller can say which series fell short.
     */
    public static Scrape awaitUntil(URL base, Predicate<Scrape> condition) {
        AtomicReference<Scrape> last = new AtomicReference<>();
        try {
            return Awaitility.await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(100)).until(() -> {
                        last.set(of(base));
                        return last.get();
                    }, condition);
        } catch (ConditionTimeoutException e) {
            return last.get();
        }
    }

    static Scrape parse(String text) {
        Map<String, Double> series = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return new Scrape(series);
    }

    /** A series's value, 0 when absent (a labelled counter appears once first counted), as {@code rate()} sees it. */
    public double value(String seriesName) {
        return series.getOrDefault(seriesName, 0.0);
    }

    public boolean has(String seriesName) {
        return series.containsKey(seriesName);
    }

    /** The metric names present, with a histogram's _bucket, _count and _sum series under their own names. */
    public Set<String> names() {
        return series.keySet().stream().map(s -> s.contains("{") ? s.substring(0, s.indexOf('{')) : s)
                .collect(Collectors.toSet());
    }
}
