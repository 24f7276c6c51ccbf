package org.parley.testing;

import java.net.URL;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.descriptor.api.Descriptor;

/**
 * The suite's Arquillian container, whichever the server: one server per test JVM, started with Parley deployed,
 * kept from test class to test class and gone when the JVM ends. Failsafe hands a test JVM its classes one at a
 * time when the suite runs in several JVMs, and Arquillian then stops its container after every class: so
 * {@link #stop()} leaves the server running. Every test deploys the same WAR (Deployments), which is already there:
 * a deployment only tells Arquillian where Parley answers.
 */
public abstract class SuiteContainer<C extends ContainerConfiguration> implements DeployableContainer<C> {

    /** Where this JVM's server serves Parley, or null when none is running. */
    protected abstract URL running();

    @Override
    public ProtocolDescription getDefaultProtocol() {
        // every test talks to Parley from outside, as its clients do
        return new ProtocolDescription("Local");
    }

    @Override
    public void stop() {
        // the JVM's end stops it: the next test class of this JVM may need it (see above)
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        URL base = running();
        if (base == null) {
            throw new DeploymentException("No server is running: start the container first");
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
