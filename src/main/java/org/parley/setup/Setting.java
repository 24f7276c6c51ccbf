package org.parley.setup;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything an operator may tune. Each setting is read from the system property named here, then from the
 * environment variable derived from it ({@code parley.heartbeat.interval} → {@code PARLEY_HEARTBEAT_INTERVAL}),
 * then falls back to the default: both work on every server without touching the WAR.
 */
public enum Setting {
    /** How long a message to an offline user is kept. */
    RETENTION("parley.retention", "2d", Kind.DURATION),
    /** How often expired offline messages are purged. */
    PURGE_INTERVAL("parley.purge.interval", "1h", Kind.DURATION),
    /** The most messages kept for one offline user; beyond it senders get {@code mailbox-full}. */
    MAILBOX_CAPACITY("parley.mailbox.capacity", "10000", Kind.COUNT),
    /** The largest text frame accepted, in bytes; larger ones close the connection with 1009. */
    FRAME_LIMIT("parley.frame.limit", "65536", Kind.COUNT),
    /** Frames waiting to be written to one connection before it is closed as a slow consumer (1013). */
    SEND_QUEUE_LIMIT("parley.send.queue.limit", "1024", Kind.COUNT),
    /** How often every connection is pinged. */
    HEARTBEAT_INTERVAL("parley.heartbeat.interval", "30s", Kind.DURATION),
    /** How long a ping may go unanswered before the connection is closed (4000). */
    HEARTBEAT_TIMEOUT("parley.heartbeat.timeout", "10s", Kind.DURATION),
    /**
     * The web origins whose pages may open a chat connection, comma-separated ({@code https://chat.example.com});
     * empty means the page's own origin only, that is, an {@code Origin} naming the host the request was sent to.
     */
    ALLOWED_ORIGINS("parley.origins", "", Kind.ORIGINS);

    private enum Kind {
        DURATION, COUNT, ORIGINS
    }

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Pattern ORIGIN = Pattern.compile("https?://[^/?#\\s]+");

    private final String property;
    private final String fallback;
    private final Kind kind;

    Setting(String property, String fallback, Kind kind) {
        this.property = property;
        this.fallback = fallback;
        this.kind = kind;
    }

    /**
     * Reads every setting once, so that an invalid value stops the deployment instead of failing each connection.
     *
     * @throws IllegalStateException naming the first invalid setting
     */
    public static void checkAll() {
        for (Setting setting : values()) {
            switch (setting.kind) {
                case DURATION -> setting.duration();
                case COUNT -> setting.positiveInt();
                case ORIGINS -> setting.origins();
            }
        }
    }

    public String property() {
        return property;
    }

    public String environmentVariable() {
        return property.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    public String raw() {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(environmentVariable());
        }
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    /** Accepts {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d} or ISO-8601 ({@code PT30S}). */
    public Duration duration() {
        String value = raw();
        Matcher shortForm = SHORT_DURATION.matcher(value);
        Duration parsed;
        if (shortForm.matches()) {
            long amount = Long.parseLong(shortForm.group(1));
            parsed = switch (shortForm.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        } else {
            try {
                parsed = Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw invalid(value, "a duration such as 30s, 5m, 2d or PT30S");
            }
        }
        if (parsed.isNegative() || parsed.isZero()) {
            throw invalid(value, "a positive duration");
        }
        return parsed;
    }

    public int positiveInt() {
        String value = raw();
        try {
            int parsed = Integer.parseInt(value);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the setting's name
        }
        throw invalid(value, "a positive whole number");
    }

    /** @return the origins listed, lower-cased; empty when none are */
    public List<String> origins() {
        List<String> origins = new ArrayList<>();
        for (String entry : raw().split(",")) {
            String origin = entry.strip().toLowerCase(Locale.ROOT);
            if (origin.isEmpty()) {
                continue;
            }
            if (!ORIGIN.matcher(origin).matches()) {
                throw invalid(raw(), "origins such as https://chat.example.com, separated by commas");
            }
            origins.add(origin);
        }
        return List.copyOf(origins);
    }

    private IllegalStateException invalid(String value, String expected) {
        return new IllegalStateException("Setting " + property + " (" + environmentVariable() + ") is '" + value
                + "', expected " + expected);
    }
}
