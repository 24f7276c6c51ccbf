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
import java.util.logging.Logger;
import org.parley.protocol.CloseCode;

/**
 * Finds dead connections: a peer that vanished without closing (a laptop lid, a lost network) leaves a socket
 * that looks open for hours. Every interval each connection is pinged; one that has not answered its ping within
 * the timeout is dropped with close code 4000, which also corrects presence.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Heartbeat {

    private static final Logger LOG = Logger.getLogger(Heartbeat.class.getName());
    private static final String BEAT = "heartbeat";
    private static final String CHECK = "heartbeat check";

    @Resource
    TimerService timers;

    @Inject
    LiveSettings settings;

    @Inject
    Connections connections;

    @Inject
    Lobby lobby;

    private long timeoutMillis;

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
            List<Connection> silent = connections.all()
                    .filter(connection -> connection.pingUnansweredFor(now, timeoutMillis * 1_000_000))
                    .toList();
            silent.forEach(connection -> {
                LOG.fine(() -> "No pong from " + connection.user() + " on " + connection.id() + "; dropping it");
                lobby.drop(connection, CloseCode.NO_PONG.because("no pong within " + timeoutMillis + " ms"));
            });
        }
    }
}
