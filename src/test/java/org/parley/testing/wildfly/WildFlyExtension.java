package org.parley.testing.wildfly;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Registers {@link WildFlySuiteContainer} for the suite's WildFly run only: Arquillian takes exactly one kind of
 * container, and the Payara run has Payara Micro's.
 */
public class WildFlyExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        if ("wildfly".equals(System.getProperty("parley.it.server"))) {
            builder.service(DeployableContainer.class, WildFlySuiteContainer.class);
        }
    }
}
