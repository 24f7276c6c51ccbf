package org.parley.testing.wildfly;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.as.arquillian.container.managed.ManagedDeployableContainer;

/** Puts {@link DeployedOnceWildFly} in place of WildFly's own container, for the suite's WildFly run only. */
public class WildFlyExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        if ("wildfly".equals(System.getProperty("parley.it.server"))) {
            builder.override(DeployableContainer.class, ManagedDeployableContainer.class, DeployedOnceWildFly.class);
        }
    }
}
