package org.parley.chat.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
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
import org.parley.testing.ChatClient;
import org.parley.testing.Deployments;
import org.parley.testing.RestartableServer;
import org.parley.testing.SignIn;

/** Open demo mode needs the operator's explicit setting, and then says so to every client. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OpenModeIT {

    private static final String DEPLOYMENT = "open";

    @ArquillianResource
    ContainerController controller;

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    @TargetsContainer(RestartableServer.CONTAINER)
    static WebArchive parley() {
        return Deployments.parley();
    }

    @Test
    void withParleyOpenSetABareNameConnectsAndEveryoneIsToldItIsOpen() {
        URL base = RestartableServer.start(controller, Map.of("parley.open", "true"));
        deployer.deploy(DEPLOYMENT);
        try {
            assertTrue(SignIn.json(SignIn.get(base, "mode")).getBoolean("open"));
            String ann = "ann" + UUID.randomUUID().toString().substring(0, 8);
            String nobody = "nobody" + UUID.randomUUID().toString().substring(0, 8);
            try (ChatClient a = ChatClient.open(base, "user=" + ann)) {
                JsonObject welcome = a.next("welcome");
                assertEquals(ann, welcome.getString("user"));
                assertTrue(welcome.getBoolean("open"), "the page must be able to say anyone may be anyone");
                assertEquals("stored", a.sendTo(nobody, "names need no account here").getString("status"));
            }
            try (ChatClient invalid = ChatClient.open(base, "user=bob%20smith")) {
                assertEquals(1008, invalid.awaitClose().getCloseCode().getCode());
            }
        } finally {
            deployer.undeploy(DEPLOYMENT);
            controller.stop(RestartableServer.CONTAINER);
        }
    }
}
