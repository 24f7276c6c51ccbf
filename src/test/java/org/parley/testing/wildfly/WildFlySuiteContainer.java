package org.parley.testing.wildfly;

import java.net.URL;
import java.nio.file.Path;
import java.util.Map;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.descriptor.api.Descriptor;
import org.parley.testing.WildFlyServer;

/**
 * WildFly as the suite's Arquillian container: one {@link WildFlyServer} with Parley dropped into its deployments
 * folder, as the tests that start a server of their own have, started by the first test class of a test JVM and
 * kept for the others. Failsafe hands a test JVM its classes one at a time when the suite runs in several, and
 * Arquillian stops its container after each, so {@link #stop()} leaves the server running; WildFlyServer kills it
 * when the JVM ends (its base directory, database included, is a fresh copy at each suite run).
 * <p>
 * Earlier classes have used the Parley a class gets, so tests make up names of their own
 * (DeployedParley.newAccount).
 */
public class WildFlySuiteContainer implements DeployableContainer<WildFlySuiteConfiguration> {

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
    public ProtocolDescription getDefaultProtocol() {
        // every test talks to Parley from outside, as its clients do
        return new ProtocolDescription("Local");
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
    public void stop() {
        // the JVM's end stops it: the next test class of this JVM may need it (see above)
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        if (base == null) {
            throw new DeploymentException("WildFly is not running: start the container first");
        }
        return new ProtocolMetaData().addContext(new HTTPContext(base.getHost(), base.getPort())
                .add(new Servlet("parley", "/parley")));
    }

    @Override
    public void undeploy(Archive<?> archive) {
        // Parley stays deployed for the next test class; it goes with the server
    }

    @Override
    public void deploy(Descriptor descriptor) {
        throw new UnsupportedOperationException("only the WAR is deployed");
    }

    @Override
    public void undeploy(Descriptor descriptor) {
        throw new UnsupportedOperationException("only the WAR is deployed");
    }
}
