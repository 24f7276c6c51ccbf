package org.parley.account.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.parley.web.TokenBucket;

/**
 * How many sign-ups Parley takes: {@link Setting#SIGN_UP_PER_ADDRESS} an hour from one client address and
 * {@link Setting#SIGN_UP_PER_SERVER} a minute from everyone together, each a bucket that starts full and refills
 * evenly. Every attempt counts, accepted or refused later for its name: each makes the server look names up, and an
 * accepted one hashes a password, slowly on purpose. A sign-up is counted against the address only when the server as
 * a whole has room for it, so a busy server does not use up anybody's own allowance.
 */
@ApplicationScoped
public class SignUpAllowance {

    private static final int TIDY_ABOVE = 10_000;

    @Inject
    AccountSettings settings;

    private final Map<String, TokenBucket> byAddress = new HashMap<>();
    private TokenBucket server;
    private int perAddress;
    private int perServer;

    @PostConstruct
    void readSettings() {
        perAddress = settings.signUpPerAddress();
        perServer = settings.signUpPerServer();
    }

    /** Why a sign-up had to wait, and for how long. */
    public record Wait(Duration left, boolean wholeServer) {
    }

    /** @return empty when a sign-up from this address may go ahead now (and is counted), else how long to wait */
    public synchronized Optional<Wait> take(String address, Instant now) {
        if (byAddress.size() > TIDY_ABOVE) {
            byAddress.values().removeIf(bucket -> bucket.isFull(now));
        }
        if (server == null) {
            server = new TokenBucket(perServer, Duration.ofMinutes(1), now);
        }
        TokenBucket own = byAddress.computeIfAbsent(address, a -> new TokenBucket(perAddress, Duration.ofHours(1), now));
        Duration serverWait = server.waitFor(now);
        if (!serverWait.isZero()) {
            return Optional.of(new Wait(serverWait, true));
        }
        Duration ownWait = own.waitFor(now);
        if (!ownWait.isZero()) {
            return Optional.of(new Wait(ownWait, false));
        }
        server.take();
        own.take();
        return Optional.empty();
    }
}
