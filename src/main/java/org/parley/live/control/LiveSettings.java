package org.parley.live.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.parley.config.Setting;

/** What an operator set for the live connections, read once as Parley starts (README's settings table). */
public record LiveSettings(int frameLimit, int sendQueueBytes, Duration presenceInterval,
        int presenceCrowd, Duration heartbeatInterval, Duration heartbeatTimeout, int rateLimit, int rateBurst) {

    public static LiveSettings read() {
        return new LiveSettings(Setting.FRAME_LIMIT.positiveInt(), Setting.SEND_QUEUE_BYTES.positiveInt(),
                Setting.PRESENCE_INTERVAL.duration(), Setting.PRESENCE_CROWD.positiveInt(),
                Setting.HEARTBEAT_INTERVAL.duration(), Setting.HEARTBEAT_TIMEOUT.duration(),
                Setting.RATE_LIMIT.positiveInt(), Setting.RATE_BURST.positiveInt());
    }

    /** Gives every bean the one instance (a record: no proxy, so the pseudo-scope). */
    @ApplicationScoped
    static class Source {
        @Produces
        @Singleton
        LiveSettings settings() {
            return read();
        }
    }
}
