package org.parley.testing.wildfly;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.Injector;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.as.arquillian.container.managed.ManagedContainerConfiguration;
import org.jboss.as.arquillian.container.managed.ManagedDeployableContainer;
import org.jboss.shrinkwrap.api.Archive;

/**
 * WildFly's managed container, but an archive stays deployed from its first deployment until the server stops:
 * every test class deploys the same WAR (org.parley.testing.Deployments), and deploying it again for each class cost
 * about four seconds a class on WildFly, where Payara Micro is started with the WAR once. Payara's suite server and
 * WildFly's now both give each test class a Parley that earlier classes have used, so tests make up names of their
 * own (DeployedParley.newAccount).
 */
public class DeployedOnceWildFly implements DeployableContainer<ManagedContainerConfiguration> {

    private static final Logger LOG = Logger.getLogger(DeployedOnceWildFly.class.getName());

    private final ManagedDeployableContainer server = new ManagedDeployableContainer();
    // by archive name: what is deployed now, and what it answered when it was
    private final Map<String, ProtocolMetaData> deployed = new LinkedHashMap<>();
    private final Map<String, Archive<?>> archives = new LinkedHashMap<>();

    @Inject
    private Instance<Injector> injector;

    @Override
    public Class<ManagedContainerConfiguration> getConfigurationClass() {
        return server.getConfigurationClass();
    }

    @Override
    public void setup(ManagedContainerConfiguration configuration) {
        // the wrapped container keeps its management client and deployer in Arquillian's contexts, as it would alone
        injector.get().inject(server);
        server.setup(configuration);
    }

    @Override
    public void start() throws LifecycleException {
        // a new server process: whatever it brings up by itself (after a kill) is not ours to undeploy
        deployed.clear();
        archives.clear();
        server.start();
    }

    @Override
    public void stop() throws LifecycleException {
        for (Archive<?> archive : archives.values()) {
            try {
                server.undeploy(archive);
            } catch (DeploymentException | RuntimeException e) {
                // a server killed on purpose cannot answer; it brings the deployment up again at its next start
                LOG.log(Level.WARNING, "could not undeploy " + archive.getName() + " before stopping", e);
            }
        }
        deployed.clear();
        archives.clear();
        server.stop();
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        return server.getDefaultProtocol();
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        ProtocolMetaData known = deployed.get(archive.getName());
        if (known != null) {
            return known;
        }
        ProtocolMetaData answer = server.deploy(archive);
        deployed.put(archive.getName(), answer);
        archives.put(archive.getName(), archive);
        return answer;
    }

    @Override
    public void undeploy(Archive<?> archive) throws DeploymentException {
        if (!deployed.containsKey(archive.getName())) {
            // not deployed by this process (a server back from a kill brought it up itself): undeploy it for real
            server.undeploy(archive);
        }
        // otherwise it stays for the next test class, and goes when the server stops
    }
}
