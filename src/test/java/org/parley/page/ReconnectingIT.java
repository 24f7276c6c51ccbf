package org.parley.page;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parley.testing.Deployments;
import org.parley.testing.Person;
import org.parley.testing.RestartableServer;

/** The server goes away under two open pages and comes back: the pages say so, and come back by themselves. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ReconnectingIT {

    private static final String DEPLOYMENT = "reconnecting";
    // long enough to outlive the restart: a page whose ticket ran out meanwhile must ask for the password again
    private static final Map<String, String> SETTINGS = Map.of("parley.ticket.lifetime", "10m");

    @ArquillianResource
    ContainerController controller;

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    @TargetsContainer(RestartableServer.CONTAINER)
    static WebArchive parley() {
        return Deployments.parley();
    }

    private URL start() {
        URL base = RestartableServer.start(controller, SETTINGS);
        deployer.deploy(DEPLOYMENT);
        return base;
    }

    private void stop() {
        deployer.undeploy(DEPLOYMENT);
        controller.stop(RestartableServer.CONTAINER);
    }

    @Test
    void pagesShowTheyAreReconnectingWhileTheServerRestartsThenCarryOn() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        URL base = start();
        try (Person ann = Person.at(base, "ann" + suffix); Person ben = Person.at(base, "ben" + suffix)) {
            ann.createAccount();
            ben.createAccount();
            ann.awaitOnline(ben.name);
            stop();
            ann.awaitState("reconnecting");
            assertTrue(ann.notice().contains("Reconnecting"), ann.notice());
            ann.screenshot("reconnecting");
            start();
            ann.awaitState("connected");
            ben.awaitState("connected");
            ann.awaitOnline(ben.name);
            ann.choose(ben.name);
            ann.say("back again");
            ben.awaitMessage("back again");
        } finally {
            stop();
        }
    }
}
