package org.parley.presence.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.parley.testing.Frames.presence;
import static org.parley.testing.Frames.withBody;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.parley.testing.ChatClient;
import org.parley.testing.DeployedParley;

class PresenceIT extends DeployedParley {

    private static long count(List<JsonObject> frames, Predicate<JsonObject> which) {
        return frames.stream().filter(which).count();
    }

    @Test
    void othersSeeYouComeOnlineAndGoOffline() {
        String alice = unique("alice");
        try (ChatClient bob = ChatClient.connect(base, unique("bob"))) {
            ChatClient a = ChatClient.connect(base, alice);
            bob.next(presence(alice, "online"));
            a.close();
            bob.next(presence(alice, "offline"));
        }
    }

    @Test
    void secondTabNeitherAnnouncesNorEndsPresence() {
        String alice = unique("alice");
        String carol = unique("carol");
        try (ChatClient bob = ChatClient.connect(base, unique("bob"));
                ChatClient c = ChatClient.connect(base, carol)) {
            ChatClient tab1 = ChatClient.connect(base, alice);
            ChatClient tab2 = ChatClient.connect(base, alice);
            bob.next(presence(alice, "online"));
            tab1.close();
            tab2.broadcast("marker after the first tab closed");
            bob.next(withBody("marker after the first tab closed"));
            tab2.close();
            bob.next(presence(alice, "offline"));
            c.broadcast("marker after the last tab closed");
            bob.next(withBody("marker after the last tab closed"));

            List<JsonObject> everything = bob.pending();
            assertEquals(0, count(everything, presence(alice, "online")), "online announced once: " + everything);
            assertEquals(0, count(everything, presence(alice, "offline")), "offline announced once: " + everything);
        }
    }
}
