package org.parley.live.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.account.entity.UserName;

/** Each online user's {@link SendAllowance}; a user's allowance is forgotten when their last connection closes. */
@ApplicationScoped
public class FloodGuard {

    @Inject
    LiveSettings settings;

    private final Map<String, SendAllowance> byUser = new ConcurrentHashMap<>();
    private int perSecond;
    private int burst;

    @PostConstruct
    void readSettings() {
        perSecond = settings.rateLimit();
        burst = settings.rateBurst();
    }

    SendAllowance.Verdict take(UserName user) {
        long now = System.nanoTime();
        return byUser.computeIfAbsent(user.value(), name -> new SendAllowance(perSecond, burst, now)).take(now);
    }

    void forget(UserName user) {
        byUser.remove(user.value());
    }

    String limits() {
        return "at most " + perSecond + " messages a second, " + burst + " at once";
    }
}
