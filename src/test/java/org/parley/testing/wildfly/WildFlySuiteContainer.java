package org.parley.testing.wildfly;

import java.net.URL;
import java.nio.file.Path;
import java.util.Map;
import org.parley.testing.SuiteContainer;
import org.parley.testing.WildFlyServer;

/**
 * WildFly as the suite's container ({@link SuiteContainer}): one {@link WildFlyServer} with Parley dropped into its
 * deployments folder, as the tests that start a server of their own have. WildFlyServer kills it when the JVM ends
 * (its base directory, database included, is a fresh copy at each suite run).
 * <p>
 * Earlier classes have used the Parley a class gets, so tests make up names of their own
 * (DeployedParley.newAccount).
 */
public class WildFlySuiteContainer extends SuiteContainer<WildFlySuiteConfiguration> {

    /** This JVM's server and where Parley answers on it, once started. */
    private static WildFlyServer server;
    private static URL base;

    @Override
    public Class<WildFlySuiteConfiguration> getConfigurationClass() {
        return WildFlySuiteConfiguration.class;
    }

    @Override
    public void setup(WildFlySuiteConfiguration configuration) {
        // nothing to set: see WildFlySuiteConfiguration
    }

    @Override
    public void start() {
        synchronized (WildFlySuiteContainer.class) {
            if (server == null) {
                server = WildFlyServer.plain(Path.of(System.getProperty("derby.home.wildfly"), "suite"));
                base = server.start(Map.of());
            }
        }
    }

    @Override
    protected URL running() {
        return base;
    }
}
