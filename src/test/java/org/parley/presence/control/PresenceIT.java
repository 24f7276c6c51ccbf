package org.parley.presence.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.net.URL;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parley.testing.ChatClient;
import org.parley.testing.Deployments;

@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PresenceIT {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive parley() {
        return Deployments.parley();
    }

    private static Predicate<JsonObject> presence(String user, String status) {
        return frame -> "presence".equals(frame.getString("type")) && user.equals(frame.getString("user"))
                && status.equals(frame.getString("status"));
    }

    private static long count(List<JsonObject> frames, Predicate<JsonObject> which) {
        return frames.stream().filter(which).count();
    }

    @Test
    void othersSeeYouComeOnlineAndGoOffline() {
        String alice = "alice" + UUID.randomUUID().toString().substring(0, 8);
        try (ChatClient bob = ChatClient.connect(base, "bob" + UUID.randomUUID().toString().substring(0, 8))) {
            ChatClient a = ChatClient.connect(base, alice);
            bob.next(presence(alice, "online"));
            a.close();
            bob.next(presence(alice, "offline"));
        }
    }

    @Test
    void secondTabNeitherAnnouncesNorEndsPresence() {
        String alice = "alice" + UUID.randomUUID().toString().substring(0, 8);
        String carol = "carol" + UUID.randomUUID().toString().substring(0, 8);
        try (ChatClient bob = ChatClient.connect(base, "bob" + UUID.randomUUID().toString().substring(0, 8));
                ChatClient c = ChatClient.connect(base, carol)) {
            ChatClient tab1 = ChatClient.connect(base, alice);
            ChatClient tab2 = ChatClient.connect(base, alice);
            bob.next(presence(alice, "online"));
            tab1.close();
            tab2.broadcast("marker after the first tab closed");
            bob.next(frame -> "marker after the first tab closed".equals(frame.getString("body", null)));
            tab2.close();
            bob.next(presence(alice, "offline"));
            c.broadcast("marker after the last tab closed");
            bob.next(frame -> "marker after the last tab closed".equals(frame.getString("body", null)));

            List<JsonObject> everything = bob.pending();
            assertEquals(0, count(everything, presence(alice, "online")), "online announced once: " + everything);
            assertEquals(0, count(everything, presence(alice, "offline")), "offline announced once: " + everything);
        }
    }
}
