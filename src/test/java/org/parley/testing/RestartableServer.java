package org.parley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.container.test.api.ContainerController;

/**
 * The "restartable" container of the arquillian-*.xml in use, which a test starts and stops itself. The two servers
 * choose their port differently: Payara Micro takes one picked here, WildFly has a fixed port offset.
 */
public final class RestartableServer {

    public static final String CONTAINER = "restartable";

    private static final int WILDFLY_PORT = 8080 + 2100;

    private RestartableServer() {
    }

    /** Starts the container and returns the base URL Parley will have once it is deployed there. */
    public static URL start(ContainerController controller) {
        int port;
        if ("wildfly".equals(System.getProperty("parley.it.server"))) {
            controller.start(CONTAINER);
            port = WILDFLY_PORT;
        } else {
            port = freePort();
            controller.start(CONTAINER, Map.of("extraMicroOptions", "--port " + port));
        }
        try {
            return new URL("http://localhost:" + port + "/parley/");
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
