package org.parley.testing.wildfly;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;

/**
 * The suite's WildFly has nothing to configure in arquillian-wildfly.xml: it is the distribution Maven unpacked
 * ({@code jboss.home}) with the WAR that was built ({@code parley.war}), both given to the test JVM by war.pom.xml.
 */
public class WildFlySuiteConfiguration implements ContainerConfiguration {

    @Override
    public void validate() throws ConfigurationException {
        for (String property : new String[] {"jboss.home", "parley.war"}) {
            String path = System.getProperty(property);
            if (path == null || !Files.exists(Path.of(path))) {
                throw new ConfigurationException(property + " names nothing: " + path + " (build first: ./mvnw verify)");
            }
        }
    }
}
