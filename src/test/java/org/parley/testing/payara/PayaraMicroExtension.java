package org.parley.testing.payara;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Registers {@link PayaraMicroContainer} for the suite's Payara run only: Arquillian takes exactly one kind of
 * container, and the WildFly run has WildFly's.
 */
public class PayaraMicroExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        if ("payara".equals(System.getProperty("parley.it.server"))) {
            builder.service(DeployableContainer.class, PayaraMicroContainer.class);
        }
    }
}
