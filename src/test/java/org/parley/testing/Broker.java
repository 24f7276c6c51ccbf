package org.parley.testing;

import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * The cluster's broker, as an operator runs it: ActiveMQ Artemis, here embedded in the test's JVM on a free port and
 * reached over TCP by the servers under test, which know nothing of where it runs. Nothing is kept across a restart:
 * the servers' hints are not persistent.
 */
public final class Broker implements AutoCloseable {

    private final int port;
    private EmbeddedActiveMQ server;

    private Broker(int port) {
        this.port = port;
    }

    public static Broker start() throws Exception {
        Broker broker = new Broker(FreePort.pick());
        broker.boot();
        return broker;
    }

    public int port() {
        return port;
    }

    /** Stops the broker, dropping every connection to it, and starts it again on the same port. */
    public void restart() throws Exception {
        server.stop();
        boot();
    }

    private void boot() throws Exception {
        Configuration configuration = new ConfigurationImpl()
                .setPersistenceEnabled(false)
                .setSecurityEnabled(false)
                .addAcceptorConfiguration("tcp", "tcp://localhost:" + port);
        server = new EmbeddedActiveMQ().setConfiguration(configuration);
        server.start();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
