package org.parley.cluster.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Topic;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.parley.cluster.entity.Hint;
import org.parley.log.control.SerialQueue;

/**
 * The topic the servers of one chat tell each other on, through the operator's Jakarta Messaging connection factory
 * (on ActiveMQ Artemis, or any broker the server reaches). Hints only: sent after what they say is committed, never
 * in a transaction, non-persistent, and dropped rather than piled up while the broker is away — every server also
 * reads the database for what it may have missed.
 * <p>
 * The topic is read by one thread of the container's {@link ManagedThreadFactory} with {@code receive}: both servers
 * refuse a message listener inside the container. A context that fails is closed and made again.
 * <p>
 * Each hint says which server sent it in a message property, and each server subscribes with a selector that leaves
 * its own hints at the broker: but for the ones it sends to hear back ({@link #publishEchoed}), which show that the
 * topic still reaches it. (A server hearing every hint of its own decoded and dropped one for each batch of messages
 * it committed.) A hint without the property, from a server of a version before it, is heard.
 */
@ApplicationScoped
public class ClusterBus {

    private static final Logger LOG = Logger.getLogger(ClusterBus.class.getName());
    private static final long RECEIVE_MILLIS = 1000;
    private static final long RETRY_MILLIS = 1000;
    // hints waiting while the broker is slow or away; beyond this they are dropped (the database has what they say)
    private static final int MOST_WAITING = 10_000;
    // the message properties the selector reads: who sent the hint, and whether it is to come back to them
    private static final String FROM = "parleyServer";
    private static final String ECHO = "parleyEcho";

    @Resource
    ManagedThreadFactory threads;

    // this server among the others: every hint it sends says so
    private final String self = UUID.randomUUID().toString();
    private ConnectionFactory factory;
    private String topicName;
    private volatile boolean running;
    // set to make the reader drop its context and make another (it went deaf)
    private volatile boolean renew;
    // when the reader last subscribed (System.nanoTime), 0 before it ever did: hints sent before it are not heard
    private volatile long subscribedAt;
    private Thread reader;
    private SerialQueue<Outgoing> outgoing;
    private final AtomicInteger waiting = new AtomicInteger();
    // the sender's own, used by one batch at a time (the queue's), as is whether the last batch failed
    private JMSContext sending;
    private boolean failing;

    String self() {
        return self;
    }

    /** A hint on its way out, and whether the sender is to hear it too. */
    private record Outgoing(String text, boolean echo) {
    }

    /** Looks up the connection factory and starts reading the topic; each hint heard goes to {@code listener}. */
    void start(String factoryName, String topic, Consumer<Hint> listener) throws NamingException {
        ConnectionFactory found = InitialContext.doLookup(factoryName);
        start(found, topic, listener);
        LOG.info(() -> "Telling the other servers of the chat on topic " + topic + " through " + factoryName);
    }

    void start(ConnectionFactory connectionFactory, String topic, Consumer<Hint> listener) {
        factory = connectionFactory;
        topicName = topic;
        outgoing = new SerialQueue<>(threads, "parley-cluster-sender", 64, this::send);
        running = true;
        reader = threads.newThread(() -> read(listener));
        reader.setName("parley-cluster-reader");
        reader.start();
    }

    void stop() {
        running = false;
        if (reader != null) {
            reader.interrupt();
            try {
                reader.join(TimeUnit.SECONDS.toMillis(3));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (outgoing != null) {
            // the hints publish took before it stopped taking them go out before the sending context closes
            outgoing.close();
        }
        closeQuietly(sending);
    }

    /** Tells the other servers; this one does not hear it. */
    void publish(Hint hint) {
        publish(hint, false);
    }

    /** Tells the other servers and this one: a hint that does not come back says the topic no longer reaches here. */
    void publishEchoed(Hint hint) {
        publish(hint, true);
    }

    private void publish(Hint hint, boolean echo) {
        if (!running) {
            return;
        }
        if (waiting.incrementAndGet() > MOST_WAITING) {
            waiting.decrementAndGet();
            LOG.fine("A hint was dropped: too many wait for the broker");
            return;
        }
        outgoing.add(new Outgoing(hint.encode(), echo));
    }

    long subscribedAt() {
        return subscribedAt;
    }

    /** The reader makes a new context: nothing came from the topic, not even the hint this server sends itself. */
    void renewReader() {
        renew = true;
    }

    private void send(List<Outgoing> hints) {
        waiting.addAndGet(-hints.size());
        try {
            if (sending == null) {
                sending = factory.createContext();
            }
            Topic topic = sending.createTopic(topicName);
            JMSProducer producer = sending.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                    .setProperty(FROM, self);
            hints.forEach(hint -> producer.setProperty(ECHO, hint.echo()).send(topic, hint.text()));
            if (failing) {
                failing = false;
                LOG.info("Sending hints to the other servers again");
            }
        } catch (JMSRuntimeException e) {
            // once per outage: every message committed meanwhile comes here
            if (!failing) {
                failing = true;
                LOG.log(Level.WARNING, "Could not send hints to the other servers; they read the database instead"
                        + " until the broker is back: " + e.getMessage());
            }
            closeQuietly(sending);
            sending = null;
        }
    }

    private void read(Consumer<Hint> listener) {
        while (running) {
            renew = false;
            try (JMSContext context = factory.createContext()) {
                JMSConsumer consumer = context.createConsumer(context.createTopic(topicName), selector());
                subscribedAt = System.nanoTime();
                while (running && !renew) {
                    Message message = consumer.receive(RECEIVE_MILLIS);
                    if (message != null) {
                        hear(message.getBody(String.class), listener);
                    }
                }
            } catch (JMSRuntimeException | JMSException e) {
                if (running) {
                    LOG.log(Level.WARNING, "Lost the topic of the other servers; trying again in " + RETRY_MILLIS
                            + " ms: " + e.getMessage());
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(RETRY_MILLIS));
                }
            }
        }
    }

    /** Every hint but this server's own, unless sent to come back; the name is a UUID, safe in a literal. */
    private String selector() {
        return FROM + " IS NULL OR " + FROM + " <> '" + self + "' OR " + ECHO + " = TRUE";
    }

    private static void hear(String text, Consumer<Hint> listener) {
        try {
            listener.accept(Hint.decode(text));
        } catch (Hint.Unreadable e) {
            LOG.log(Level.WARNING, "Ignored a message on the topic that is not a Parley hint: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not act on a hint of another server", e);
        }
    }

    private static void closeQuietly(JMSContext context) {
        if (context == null) {
            return;
        }
        try {
            context.close();
        } catch (JMSRuntimeException e) {
            LOG.log(Level.FINE, "Closing a failed context failed too", e);
        }
    }
}
