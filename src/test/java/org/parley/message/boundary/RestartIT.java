package org.parley.message.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
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

/** What was stored is on disk: a message kept before the server stops is delivered after it starts again. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RestartIT {

    private static final String DEPLOYMENT = "restartable";

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
        URL base = RestartableServer.start(controller);
        deployer.deploy(DEPLOYMENT);
        return base;
    }

    private void stop() {
        deployer.undeploy(DEPLOYMENT);
        controller.stop(RestartableServer.CONTAINER);
    }

    @Test
    void offlineMessageStoredBeforeARestartIsDeliveredAfterIt() throws Exception {
        String alice = "alice" + UUID.randomUUID().toString().substring(0, 8);
        String bob = "bob" + UUID.randomUUID().toString().substring(0, 8);
        String body = "kept across a restart 重启 🔁";

        URL first = start();
        SignIn.signUp(first, bob);
        JsonObject ack;
        try (ChatClient a = ChatClient.connect(first, alice)) {
            ack = a.sendTo(bob, body);
        } finally {
            stop();
        }
        assertEquals("stored", ack.getString("status"));

        URL second = start();
        try (ChatClient b = ChatClient.connect(second, bob)) {
            JsonObject message = b.next("message");
            assertEquals(ack.getString("id"), message.getString("id"));
            assertEquals(alice, message.getString("from"));
            assertEquals(body, message.getString("body"));
            assertTrue(message.getBoolean("offline"));
        } finally {
            stop();
        }
    }
}
