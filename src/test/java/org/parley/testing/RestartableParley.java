package org.parley.testing;

import java.net.URL;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An integration test class that starts and stops Parley's server itself, on the {@link RestartableServer}: to
 * prove what survives a restart, or to run the server with settings of the test's own.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class RestartableParley {

    private static final String DEPLOYMENT = "restartable";

    @ArquillianResource
    ContainerController controller;

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    @TargetsContainer(RestartableServer.CONTAINER)
    public static WebArchive parley() {
        return Deployments.parley();
    }

    /** Starts the server with these system properties, deploys Parley, and returns its base URL. */
    protected URL start(Map<String, String> settings) {
        URL base = RestartableServer.start(controller, settings, database());
        deployer.deploy(DEPLOYMENT);
        return base;
    }

    /**
     * Starts the server again after {@link ServerProcess#killHard()}. WildFly kept the deployment in its
     * configuration and brings it up by itself (deploying it again is refused as a duplicate); Payara Micro deploys
     * the WAR it is started with.
     */
    protected URL startAfterKill(Map<String, String> settings) {
        if (!"wildfly".equals(System.getProperty("parley.it.server"))) {
            return start(settings);
        }
        URL base = RestartableServer.start(controller, settings, database());
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (true) {
            try {
                if (SignIn.get(base, "mode").statusCode() == 200) {
                    return base;
                }
            } catch (RuntimeException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Parley did not come back at " + base);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
        }
    }

    /** This class's own embedded database on the restartable server: kept across its restarts, shared with no other. */
    protected Path databaseHome() {
        return RestartableServer.databaseHome(database());
    }

    private String database() {
        return getClass().getSimpleName();
    }

    /** Undeploys and stops, if the server is up: a test's {@code finally} must not hide why it failed. */
    protected void stop() {
        if (!controller.isStarted(RestartableServer.CONTAINER)) {
            return;
        }
        deployer.undeploy(DEPLOYMENT);
        controller.stop(RestartableServer.CONTAINER);
    }
}
