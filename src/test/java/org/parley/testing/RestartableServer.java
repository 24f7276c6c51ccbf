package org.parley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.ContainerController;

/**
 * The "restartable" container of the arquillian-*.xml in use, which a test starts and stops itself, with settings of
 * its own if it needs them. It comes back on the same port each time: Payara Micro takes one picked here once,
 * WildFly has a fixed port offset and a base directory apart from the suite's server.
 */
public final class RestartableServer {

    public static final String CONTAINER = "restartable";

    private static final int WILDFLY_OFFSET = 2100;
    // one port for every start in this test run, so that a page left open finds the server again after a restart
    private static int payaraPort;

    private RestartableServer() {
    }

    /**
     * Starts the container and returns the base URL Parley will have once it is deployed there.
     *
     * @param settings system properties for the server, such as {@code parley.open=true}
     * @param database the folder of the embedded database, under {@link #databaseHome}: each test class names its
     *                 own, so that none starts on what another left (or replaced, as UpgradeIT does)
     */
    public static URL start(ContainerController controller, Map<String, String> settings, String database) {
        Map<String, String> properties = new TreeMap<>(settings);
        properties.put("derby.system.home", databaseHome(database).toString());
        int port;
        if (wildfly()) {
            String options = properties.entrySet().stream().map(e -> " -D" + e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining());
            // the client compiler alone, as for Payara Micro's restartable server (arquillian-payara.xml): it starts
            // quicker, and this server is never measured
            controller.start(CONTAINER, Map.of("javaVmArguments", "-Xmx768m -XX:TieredStopAtLevel=1"
                    + " -Djboss.socket.binding.port-offset="
                    + WILDFLY_OFFSET + " -Djboss.server.base.dir=" + System.getProperty("wildfly.restartable.base")
                    + options));
            port = 8080 + WILDFLY_OFFSET;
        } else {
            port = payaraPort();
            controller.start(CONTAINER, Map.of("httpPort", String.valueOf(port), "extraMicroOptions",
                    systemProperties(properties)));
        }
        try {
            return new URL("http://localhost:" + port + "/parley/");
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where the restartable server keeps the embedded database of this name ({@code derby.system.home}). */
    public static Path databaseHome(String database) {
        return Path.of(System.getProperty(wildfly() ? "derby.home.wildfly" : "derby.home.payara"), "restartable",
                database);
    }

    private static boolean wildfly() {
        return "wildfly".equals(System.getProperty("parley.it.server"));
    }

    private static String systemProperties(Map<String, String> settings) {
        try {
            Path file = Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), "parley-settings",
                    ".properties");
            Files.writeString(file, settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("\n")));
            return "--systemproperties " + file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized int payaraPortInUse() {
        return payaraPort;
    }

    private static synchronized int payaraPort() {
        if (payaraPort == 0) {
            payaraPort = FreePort.pick();
        }
        return payaraPort;
    }
}
