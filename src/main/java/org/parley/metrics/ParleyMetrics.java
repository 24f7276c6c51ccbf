package org.parley.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * Every metric Parley exports, by name, and the registry {@code /parley/metrics} is scraped from (README "Operating
 * Parley" lists them). The registry is this deployment's own, not the library's global one: a redeployment starts
 * from nothing instead of colliding with the names its predecessor registered.
 */
@ApplicationScoped
public class ParleyMetrics {

    /** How a message reached a connection: pushed as it was stored, or read from the log on connecting. */
    /** Where a message goes: to one person, to everyone, or to a room (its events too). */
    public enum Kind {
        DIRECT, EVERYONE, ROOM;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Path {
        LIVE, CATCH_UP;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How a sign-in ended. */
    public enum SignIn {
        OK, FAILED, THROTTLED;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final double[] SECONDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    // the codes Parley closes connections with (docs/PROTOCOL.md); another one is counted when first used
    private static final int[] CLOSE_CODES = {1008, 1009, 1011, 1013, 4000};
    private static final double[] BATCH = {1, 2, 4, 8, 16, 32, 64, 128, 256};

    // made in register(), not as fields are initialised: a proxy of this bean may be constructed too
    private PrometheusRegistry registry;
    private Counter received;
    private Counter delivered;
    private final CounterDataPoint[] receivedBy = new CounterDataPoint[Kind.values().length];
    private final CounterDataPoint[][] deliveredBy = new CounterDataPoint[Kind.values().length][Path.values().length];
    private Histogram ack;
    private Histogram batchSize;
    private Histogram batchTime;
    private Counter batchFailures;
    private Histogram catchUp;
    private Counter closed;
    private Counter errors;
    private Counter signIns;

    @PostConstruct
    void register() {
        registry = new PrometheusRegistry();
        received = Counter.builder().name("parley_messages_received_total")
                .help("Chat messages stored, by kind (direct, everyone, room: a room's events too)").labelNames("kind").register(registry);
        delivered = Counter.builder().name("parley_messages_delivered_total")
                .help("Chat message frames handed to connections, by kind and path (live, catch_up)")
                .labelNames("kind", "path").register(registry);
        ack = Histogram.builder().name("parley_message_ack_seconds").unit(Unit.SECONDS)
                .help("From a send frame's arrival to its commit, after which the sender is acknowledged")
                .classicOnly().classicUpperBounds(SECONDS).register(registry);
        batchSize = Histogram.builder().name("parley_store_batch_messages")
                .help("Messages committed together in one transaction").classicOnly().classicUpperBounds(BATCH)
                .register(registry);
        batchTime = Histogram.builder().name("parley_store_batch_seconds").unit(Unit.SECONDS)
                .help("Time to commit one batch of messages").classicOnly().classicUpperBounds(SECONDS)
                .register(registry);
        batchFailures = Counter.builder().name("parley_store_batch_failures_total")
                .help("Batches the database refused; their senders were told to try again").register(registry);
        catchUp = Histogram.builder().name("parley_catch_up_seconds").unit(Unit.SECONDS)
                .help("From a connection's welcome to its caught-up frame: the time to drain its backlog")
                .classicOnly().classicUpperBounds(SECONDS).register(registry);
        closed = Counter.builder().name("parley_connections_closed_total")
                .help("Connections the server closed, by close code (1013 too slow, 1008 flooding or signed out, "
                        + "1009 frame too big, 4000 no pong, 1011 failure)")
                .labelNames("code").register(registry);
        errors = Counter.builder().name("parley_errors_total")
                .help("Error frames sent to clients, by code").labelNames("code").register(registry);
        signIns = Counter.builder().name("parley_sign_ins_total")
                .help("Sign-ins, by outcome (ok, failed, throttled)").labelNames("outcome").register(registry);
        // every label value known beforehand starts at 0, so that a rate is there from the first scrape
        // and the message path's own series are looked up once, here, not at each message
        for (Kind kind : Kind.values()) {
            receivedBy[kind.ordinal()] = received.labelValues(kind.label());
            for (Path path : Path.values()) {
                deliveredBy[kind.ordinal()][path.ordinal()] = delivered.labelValues(kind.label(), path.label());
            }
        }
        for (SignIn outcome : SignIn.values()) {
            signIns.labelValues(outcome.label());
        }
        for (int code : CLOSE_CODES) {
            closed.labelValues(Integer.toString(code));
        }
        JvmMetrics.builder().register(registry);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /** A value read at each scrape, for what is counted elsewhere (connections online, bytes queued). */
    public void gauge(String name, String help, DoubleSupplier value) {
        GaugeWithCallback.builder().name(name).help(help).callback(callback -> callback.call(value.getAsDouble()))
                .register(registry);
    }

    /** A total read at each scrape, for what is counted elsewhere (a library's own counts). */
    public void counter(String name, String help, DoubleSupplier value) {
        CounterWithCallback.builder().name(name).help(help).callback(callback -> callback.call(value.getAsDouble()))
                .register(registry);
    }

    /** A message was committed {@code sinceArrivalNanos} after its send frame arrived. */
    public void stored(Kind kind, long sinceArrivalNanos) {
        receivedBy[kind.ordinal()].inc();
        ack.observe(seconds(sinceArrivalNanos));
    }

    /** {@code frames} frames of one message, or of one page of a backlog, were handed to connections. */
    public void delivered(Kind kind, Path path, long frames) {
        if (frames > 0) {
            deliveredBy[kind.ordinal()][path.ordinal()].inc(frames);
        }
    }

    public void batchCommitted(int messages, long nanos) {
        batchSize.observe(messages);
        batchTime.observe(seconds(nanos));
    }

    public void batchFailed() {
        batchFailures.inc();
    }

    public void caughtUp(long nanos) {
        catchUp.observe(seconds(nanos));
    }

    public void closedByServer(int code) {
        closed.labelValues(Integer.toString(code)).inc();
    }

    public void refused(String code) {
        errors.labelValues(code).inc();
    }

    public void signIn(SignIn outcome) {
        signIns.labelValues(outcome.label()).inc();
    }



    private static double seconds(long nanos) {
        return nanos / (double) TimeUnit.SECONDS.toNanos(1);
    }
}
