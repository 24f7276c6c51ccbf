package org.parley.cluster.control;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.cluster.entity.Hint;
import org.parley.testing.Broker;

/**
 * Two servers' buses on one topic of a real Artemis broker, as a chat of two runs them: what each hears of the other
 * and of itself.
 */
class ClusterBusTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static Broker broker;

    private final ManagedThreadFactory threads = new ManagedThreadFactory() {
        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task);
            thread.setDaemon(true);
            return thread;
        }

        @Override
        public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
            throw new UnsupportedOperationException("the bus asks for plain threads only");
        }
    };
    // a topic of each test's own: nothing one test sent reaches another's
    private final String topic = "parley-" + UUID.randomUUID();
    private final List<ClusterBus> started = new ArrayList<>();

    @BeforeAll
    static void startBroker() throws Exception {
        broker = Broker.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @AfterEach
    void stopBuses() {
        started.forEach(ClusterBus::stop);
    }

    /**
     * A server's hints reach the other and never come back to it, but for an echoed one: which arrives after the
     * plain one sent before it (one sender, in order), so that what the server heard first is the echo.
     */
    @Test
    void aServerHearsTheOthersHintsAndOnlyTheEchoesOfItsOwn() throws Exception {
        BlockingQueue<Hint> heardByA = new LinkedBlockingQueue<>();
        BlockingQueue<Hint> heardByB = new LinkedBlockingQueue<>();
        ClusterBus a = start(heardByA);
        ClusterBus b = start(heardByB);

        a.publish(new Hint.Dismiss(a.self(), "ann", "signed-out"));
        a.publishEchoed(new Hint.Places(a.self(), List.of("marker"), List.of()));

        assertEquals(new Hint.Places(a.self(), List.of("marker"), List.of()), next(heardByA),
                "the server hears its echo, and not the hint it sent before it");
        assertEquals(new Hint.Dismiss(a.self(), "ann", "signed-out"), next(heardByB));
        assertEquals(new Hint.Places(a.self(), List.of("marker"), List.of()), next(heardByB));

        b.publish(new Hint.Removed(b.self(), "ben"));
        assertEquals(new Hint.Removed(b.self(), "ben"), next(heardByA));
    }

    /** A server of a version before the property sends hints without it: every server hears them. */
    @Test
    void aHintWithoutTheSendersPropertyIsHeardByEveryone() throws Exception {
        BlockingQueue<Hint> heardByA = new LinkedBlockingQueue<>();
        BlockingQueue<Hint> heardByB = new LinkedBlockingQueue<>();
        start(heardByA);
        start(heardByB);
        Hint older = new Hint.Gone("an-older-server");
        try (JMSContext context = factory().createContext()) {
            context.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                    .send(context.createTopic(topic), older.encode());
        }
        assertEquals(older, next(heardByA));
        assertEquals(older, next(heardByB));
    }

    private ClusterBus start(BlockingQueue<Hint> heard) {
        ClusterBus bus = new ClusterBus();
        bus.threads = threads;
        bus.start(factory(), topic, heard::add);
        started.add(bus);
        // a topic keeps nothing for a subscriber yet to come: hints are sent once the reader listens
        await().atMost(PATIENCE).until(() -> bus.subscribedAt() != 0);
        return bus;
    }

    private ConnectionFactory factory() {
        return new ActiveMQConnectionFactory("tcp://localhost:" + broker.port());
    }

    private static Hint next(BlockingQueue<Hint> heard) throws InterruptedException {
        Hint hint = heard.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(hint, "nothing heard within " + PATIENCE);
        return hint;
    }
}
