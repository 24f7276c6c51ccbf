package org.parley.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything an operator may tune. Each setting is read from the system property named here, then from the
 * environment variable derived from it ({@code parley.heartbeat.interval} → {@code PARLEY_HEARTBEAT_INTERVAL}),
 * then falls back to the default: both work on every server without touching the WAR.
 */
public enum Setting {
    /** How long a message not yet delivered is still pushed as offline mail when its recipient connects. */
    RETENTION("parley.retention", "2d", Kind.DURATION),
    /**
     * How long the message log keeps history; {@code 0} keeps a direct message only until its recipient confirms
     * it (and anything only as long as {@link #RETENTION}), as the original design did.
     */
    HISTORY_RETENTION("parley.history.retention", "30d", Kind.SPAN),
    /** Whether the sender of a direct message learns when it was read; off for the whole server when false. */
    READ_RECEIPTS("parley.read.receipts", "true", Kind.SWITCH),
    /** How often messages past their retention are purged. */
    PURGE_INTERVAL("parley.purge.interval", "1h", Kind.DURATION),
    /** The most undelivered messages waiting for one user who is away; beyond it senders get {@code mailbox-full}. */
    MAILBOX_CAPACITY("parley.mailbox.capacity", "10000", Kind.COUNT),
    /** The most rooms one person may be in; beyond it joining or making one is refused ({@code too-many-rooms}). */
    ROOMS_PER_PERSON("parley.rooms.per.person", "500", Kind.COUNT),
    /** The most members a room may have; beyond it joining is refused ({@code room-full}). */
    ROOM_MEMBERS("parley.room.members", "10000", Kind.COUNT),
    /** Invitations one person may send a minute, evenly with a burst of as many ({@code room-quota}). */
    ROOM_INVITES_PER_MINUTE("parley.room.invites.per.minute", "30", Kind.COUNT),
    /** Rooms one person may make an hour, evenly with a burst of as many ({@code room-quota}). */
    ROOM_CREATES_PER_HOUR("parley.room.creates.per.hour", "10", Kind.COUNT),
    /** The largest text frame accepted, in bytes; larger ones close the connection with 1009. */
    FRAME_LIMIT("parley.frame.limit", "65536", Kind.COUNT),
    /**
     * Bytes of frames waiting to be written to one connection before it is closed as a slow consumer (1013):
     * counted in bytes, as a thousand large frames hold far more than a thousand small ones.
     */
    SEND_QUEUE_BYTES("parley.send.queue.bytes", "1048576", Kind.COUNT),
    /** How often the changes in who is online are sent, all of them in one frame per connection. */
    PRESENCE_INTERVAL("parley.presence.interval", "250ms", Kind.DURATION),
    /**
     * While fewer people than this are online, everyone hears of everyone; a connection made while this many or more
     * are online is in a crowd: it hears only of its user's conversation partners, of whoever its page asks about,
     * and the online count.
     */
    PRESENCE_CROWD("parley.presence.crowd", "1000", Kind.COUNT),
    /** How often every connection is pinged. */
    HEARTBEAT_INTERVAL("parley.heartbeat.interval", "30s", Kind.DURATION),
    /** How long a ping may go unanswered before the connection is closed (4000). */
    HEARTBEAT_TIMEOUT("parley.heartbeat.timeout", "10s", Kind.DURATION),
    /**
     * The web origins whose pages may open a chat connection, comma-separated ({@code https://chat.example.com});
     * empty means the page's own origin only, that is, an {@code Origin} naming the host the request was sent to.
     */
    ALLOWED_ORIGINS("parley.origins", "", Kind.ORIGINS),
    /**
     * Open demo mode: the name in {@code ?user=NAME} is enough to connect, with no account or password. Anyone can
     * then speak and read as anyone, so it is off unless an operator turns it on.
     */
    OPEN_MODE("parley.open", "false", Kind.SWITCH),
    /** How long a sign-in ticket lets its holder connect. */
    TICKET_LIFETIME("parley.ticket.lifetime", "12h", Kind.DURATION),
    /**
     * The key that signs tickets, Base64 of at least 32 bytes; when unset Parley makes one at first start and keeps
     * it in its database, so tickets outlive a restart.
     */
    TICKET_KEY("parley.ticket.key", "", Kind.KEY),
    /** PBKDF2 rounds for a new password hash: more is slower for attackers and for every sign-in alike. */
    PASSWORD_ITERATIONS("parley.password.iterations", "210000", Kind.COUNT),
    /** Messages a user may send per second, over all their connections; beyond it frames are refused. */
    RATE_LIMIT("parley.rate.limit", "20", Kind.COUNT),
    /** Messages a user may send at once before the rate applies; this many refused in a row closes (1008). */
    RATE_BURST("parley.rate.burst", "40", Kind.COUNT),
    /** Sign-ups one client address may make in an hour; beyond it the answer is 429 with {@code Retry-After}. */
    SIGN_UP_PER_ADDRESS("parley.signup.per.address", "20", Kind.COUNT),
    /**
     * Sign-ups the whole server takes in a minute, from all addresses together: each costs a slow password hash,
     * so a crowd of addresses must not keep the processor busy with them either.
     */
    SIGN_UP_PER_SERVER("parley.signup.per.server", "120", Kind.COUNT),
    /** The longest a name or an address is made to wait after repeated failed sign-ins. */
    SIGN_IN_BACKOFF_LIMIT("parley.signin.backoff.limit", "30s", Kind.DURATION),
    /**
     * The JNDI name of the operator's data source ({@code java:jboss/datasources/ParleyDS}, {@code jdbc/parley});
     * empty means Parley's own embedded Derby database.
     */
    DATASOURCE("parley.datasource", "", Kind.JNDI_NAME),
    /**
     * Pages the embedded Derby database keeps in memory; {@code auto} gives it an eighth of the JVM's largest heap
     * (in pages of 32 KB, the log's). Derby reads it once, as its database starts; a JVM system property
     * {@code derby.storage.pageCacheSize} set by the operator takes precedence.
     */
    DERBY_PAGE_CACHE("parley.derby.page.cache", "auto", Kind.COUNT_OR_AUTO),
    /**
     * Who may read {@code /parley/metrics} without the token: IP addresses or CIDR blocks, separated by commas.
     * Loopback only by default; behind a reverse proxy, every request comes from the proxy's address.
     */
    METRICS_FROM("parley.metrics.from", "127.0.0.1/32,::1/128", Kind.ADDRESSES),
    /** A bearer token that opens {@code /parley/metrics} from anywhere; unset, only the addresses above may. */
    METRICS_TOKEN("parley.metrics.token", "", Kind.SECRET),
    /**
     * The accounts that may use the administration API ({@code /parley/api/admin}): names separated by commas, in any
     * case or spelling of the account's name. None by default: README "Operating Parley", the first operator.
     */
    OPERATORS("parley.operators", "", Kind.NAMES),
    /**
     * The JNDI name of a Jakarta Messaging connection factory ({@code java:/jms/parleyConnectionFactory},
     * {@code jms/parleyConnectionFactory}) through which several Parley servers on one shared database act as one
     * chat; empty means this server is the only one, and nothing uses messaging.
     */
    CLUSTER_CONNECTION_FACTORY("parley.cluster.connectionFactory", "", Kind.JNDI_NAME),
    /** The topic the servers of one chat tell each other on; servers of another chat on the same broker use another. */
    CLUSTER_TOPIC("parley.cluster.topic", "parley", Kind.JNDI_NAME),
    /**
     * How long a server is taken for alive after its last heartbeat in the shared database: a server gone longer
     * (killed, cut off) has its people shown offline by the others.
     */
    CLUSTER_LEASE("parley.cluster.lease", "15s", Kind.DURATION);

    private enum Kind {
        DURATION, SPAN, COUNT, COUNT_OR_AUTO, ORIGINS, SWITCH, KEY, JNDI_NAME, ADDRESSES, SECRET, NAMES
    }

    /** Fewer characters than this in a secret setting are too few to resist guessing. */
    public static final int MIN_SECRET_CHARS = 16;

    /** Fewer signing-key bytes than this are too few to resist guessing. */
    public static final int MIN_KEY_BYTES = 32;

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
                case SPAN -> setting.span();
                case COUNT -> setting.positiveInt();
                case COUNT_OR_AUTO -> setting.positiveIntOrAuto();
                case ORIGINS -> setting.origins();
                case SWITCH -> setting.isOn();
                case KEY -> setting.key();
                case JNDI_NAME -> setting.jndiName();
                case ADDRESSES -> setting.addressRanges();
                case SECRET -> setting.secret();
                case NAMES -> setting.names();
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
        Duration parsed = parsedDuration();
        if (parsed.isZero()) {
            throw invalid(raw(), "a positive duration");
        }
        return parsed;
    }

    /** Like {@link #duration()}, but {@code 0} (with or without a unit) is allowed: none at all. */
    public Duration span() {
        return raw().equals("0") ? Duration.ZERO : parsedDuration();
    }

    private Duration parsedDuration() {
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
        if (parsed.isNegative()) {
            throw invalid(value, "a positive duration");
        }
        return parsed;
    }

    public int positiveInt() {
        String value = raw();
        return positive(value).orElseThrow(() -> invalid(value, "a positive whole number"));
    }

    /** @return the number, or none when the setting is {@code auto}: Parley decides */
    public OptionalInt positiveIntOrAuto() {
        String value = raw();
        if (value.equalsIgnoreCase("auto")) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(positive(value).orElseThrow(() -> invalid(value, "auto or a positive whole number")));
    }

    private static OptionalInt positive(String value) {
        try {
            int parsed = Integer.parseInt(value);
            return parsed > 0 ? OptionalInt.of(parsed) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty(); // reported by the caller, with the setting's name
        }
    }

    public boolean isOn() {
        String value = raw().toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw invalid(raw(), "true or false");
        }
        return value.equals("true");
    }

    /** @return the key's bytes, or none when the setting is unset; the value itself never appears in a message */
    public byte[] key() {
        String value = raw();
        if (value.isEmpty()) {
            return new byte[0];
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            key = new byte[0];
        }
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalStateException("Setting " + property + " (" + environmentVariable()
                    + ") must be Base64 of at least " + MIN_KEY_BYTES + " bytes");
        }
        return key;
    }

    /** @return the name, or none when the setting is unset */
    public Optional<String> jndiName() {
        String value = raw();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.chars().anyMatch(Character::isWhitespace)) {
            throw invalid(value, "a JNDI name such as java:jboss/datasources/ParleyDS, without spaces");
        }
        return Optional.of(value);
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

    /** @return the address ranges listed; empty when none are */
    public List<AddressRange> addressRanges() {
        List<AddressRange> ranges = new ArrayList<>();
        for (String entry : raw().split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            try {
                ranges.add(AddressRange.parse(entry));
            } catch (IllegalArgumentException e) {
                throw invalid(raw(), "IP addresses or CIDR blocks such as 10.0.0.0/8, separated by commas");
            }
        }
        return List.copyOf(ranges);
    }

    /** @return the names listed, as written; empty when none are */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (String entry : raw().split(",")) {
            String name = entry.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (name.chars().anyMatch(Character::isWhitespace)) {
                throw invalid(raw(), "account names separated by commas");
            }
            names.add(name);
        }
        return List.copyOf(names);
    }

    /** @return the secret, or none when the setting is unset; the value itself never appears in a message */
    public Optional<String> secret() {
        String value = raw();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.length() < MIN_SECRET_CHARS || value.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalStateException("Setting " + property + " (" + environmentVariable()
                    + ") must be at least " + MIN_SECRET_CHARS + " characters without spaces");
        }
        return Optional.of(value);
    }

    private IllegalStateException invalid(String value, String expected) {
        return new IllegalStateException("Setting " + property + " (" + environmentVariable() + ") is '" + value
                + "', expected " + expected);
    }
}
