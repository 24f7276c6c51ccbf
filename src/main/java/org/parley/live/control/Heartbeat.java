package org.parley.live.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.parley.protocol.CloseCode;

/**
 * Finds dead connections: a peer that vanished without closing (a laptop lid, a lost network) leaves a socket
 * that looks open for hours. Every interval each connection is pinged; one that has not answered its ping within
 * the timeout is dropped with close code 4000, which also corrects presence; unless most connections missed theirs
 * at once ({@link #spare}).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Heartbeat {

    private static final Logger LOG = Logger.getLogger(Heartbeat.class.getName());
    private static final String BEAT = "heartbeat";
    private static final String CHECK = "heartbeat check";
    // below this many, a silent round is a few dead peers whatever the share (a small server, the suite's tests)
    static final int MASS_SILENCE_FLOOR = 100;
    static final int ROUNDS_SPARED = 3;

    @Resource
    TimerService timers;

    @Inject
    LiveSettings settings;

    @Inject
    Connections connections;

    @Inject
    Lobby lobby;

    private long timeoutMillis;
    private final AtomicInteger spared = new AtomicInteger();

    /**
     * When most connections miss their pong in one round, the likelier cause is this server (too busy to write the
     * pings or read the pongs in time, as in a join storm) than all those peers gone at once; closing them all would
     * make it busier still (everyone told they left, then reconnecting). Such a round closes none, for at most
     * {@value #ROUNDS_SPARED} rounds in a row: peers really all gone (a network cut) are closed after that.
     */
    static boolean spare(int silent, int all, int sparedSoFar) {
        return silent >= MASS_SILENCE_FLOOR && silent * 2 > all && sparedSoFar < ROUNDS_SPARED;
    }

    @PostConstruct
    void schedule() {
        long interval = settings.heartbeatInterval().toMillis();
        timeoutMillis = settings.heartbeatTimeout().toMillis();
        timers.createIntervalTimer(interval, interval, new TimerConfig(BEAT, false));
        LOG.info(() -> "Heartbeat every " + interval + " ms, timeout " + timeoutMillis + " ms");
    }

    @Timeout
    void onTimer(Timer timer) {
        long now = System.nanoTime();
        if (BEAT.equals(timer.getInfo())) {
            connections.all().forEach(connection -> connection.ping(now));
            timers.createSingleActionTimer(timeoutMillis, new TimerConfig(CHECK, false));
        } else {
            List<Connection> all = connections.all().toList();
            List<Connection> silent = all.stream()
                    .filter(connection -> connection.pingUnansweredFor(now, timeoutMillis * 1_000_000))
                    .toList();
            if (spare(silent.size(), all.size(), spared.get())) {
                int round = spared.incrementAndGet();
                LOG.warning(() -> silent.size() + " of " + all.size() + " connections did not answer their ping in "
                        + timeoutMillis + " ms: taken for this server being behind, not for them all gone; none "
                        + "closed (" + round + " of " + ROUNDS_SPARED + " rounds spared in a row)");
                return;
            }
            spared.set(0);
            silent.forEach(connection -> {
                LOG.fine(() -> "No pong from " + connection.user() + " on " + connection.id() + "; dropping it");
                lobby.drop(connection, CloseCode.NO_PONG.because("no pong within " + timeoutMillis + " ms"));
            });
        }
    }
}
