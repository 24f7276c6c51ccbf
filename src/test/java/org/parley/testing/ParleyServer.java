package org.parley.testing;

import java.net.URL;
import java.nio.file.Path;
import java.util.Map;

/**
 * A Parley server a test starts, stops and kills itself, beside the suite's: to prove what survives a stop or a
 * kill, to run Parley with settings of its own, or as one of several servers of one chat. Each start is on the same
 * port and the same database as the one before. Payara Micro ({@link PayaraMicroServer}) and WildFly
 * ({@link WildFlyServer}) are started from the command line, as an operator starts them.
 */
public interface ParleyServer extends AutoCloseable {

    /**
     * A server of the kind the suite runs on ({@code parley.it.server}), for this test class alone: its embedded
     * database and logs under the suite's folder, named after the class, so that none starts on what another left.
     */
    static ParleyServer forTest(Class<?> test) {
        String kind = System.getProperty("parley.it.server");
        Path work = Path.of(System.getProperty("derby.home." + kind), "restartable", test.getSimpleName());
        return "wildfly".equals(kind) ? WildFlyServer.plain(work) : PayaraMicroServer.plain(work);
    }

    /**
     * Starts the server with these settings (README's names: {@code parley.open}, ...) on top of those the suite gives
     * every server, and returns Parley's base URL once it answers. Fails at once if the server exits meanwhile.
     */
    URL start(Map<String, String> settings);

    URL base();

    /** As an operator stops it (SIGTERM): returns once the server has exited. Nothing happens if it is not running. */
    void stop();

    /** As {@code kill -9}: no goodbye to anyone, no shutdown of anything. Returns once the server is gone. */
    void kill();

    /** The folder of its embedded database ({@code derby.system.home}), kept from one start to the next. */
    Path databaseHome();

    /** What the server wrote to its console since its last start: each start has a log of its own. */
    Path log();

    @Override
    default void close() {
        stop();
    }
}
