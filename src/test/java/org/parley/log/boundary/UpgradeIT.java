package org.parley.log.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.testing.ChatClient;
import org.parley.testing.DirectoryTree;
import org.parley.testing.ParleyServer;
import org.parley.testing.SignIn;

/**
 * Parley started on a database that the previous version (commit 5bfee02, before the message log and migrations)
 * made and filled on this very server: src/test/resources/legacy/README.md says how. The accounts still sign in
 * with their passwords, and the offline messages they kept arrive, in order, from their sender, with their ids and
 * times, and are in the history.
 */
class UpgradeIT {

    // the fixture's messages were sent on 2026-11-30: kept long enough that the test still means this years on
    private static final Map<String, String> KEEP_EVERYTHING = Map.of("parley.retention", "36500d",
            "parley.history.retention", "36500d");

    private final ParleyServer server = ParleyServer.forTest(UpgradeIT.class);

    @Test
    void keptMessagesOfADatabaseMadeByThePreviousVersionArriveInOrderAfterTheUpgrade() throws Exception {
        boolean wildfly = "wildfly".equals(System.getProperty("parley.it.server"));
        replaceDatabase(server.databaseHome(), wildfly ? "/legacy/wildfly-made.zip" : "/legacy/payara-made.zip");
        List<String> ids = wildfly
                ? List.of("3b062475-838d-44fc-b496-756751b7ea0e", "d3fa2b65-93d1-416e-bf16-6abf9805a9df",
                        "32682738-bd51-442f-9eed-ebcf1ab67635")
                : List.of("f6c4f5b3-471f-426a-b705-dca817c9e95a", "c5fd29a8-ed3f-4343-b2da-c20ea65ea232",
                        "3856be9e-692b-4a13-b8f6-f5a8dffb7b0b");
        String firstSentAt = wildfly ? "2026-11-30T15:05:37.772Z" : "2026-11-30T15:03:44.109Z";

        URL base = server.start(KEEP_EVERYTHING);
        try {
            try (ChatClient ben = ChatClient.open(base, "ticket="
                    + URLEncoder.encode(ticket(base, "ben", "ben-password-1"), StandardCharsets.UTF_8))) {
                ben.next("welcome");
                List<String> bodies = List.of("kept one", "kept two", "kept three");
                for (int i = 0; i < bodies.size(); i++) {
                    JsonObject message = ben.next("message");
                    assertEquals(bodies.get(i), message.getString("body"));
                    assertEquals(ids.get(i), message.getString("id"));
                    assertEquals("ann", message.getString("from"));
                    assertEquals("ann:ben", message.getString("conversation"));
                    assertTrue(message.getBoolean("offline"));
                    if (i == 0) {
                        assertEquals(firstSentAt, message.getString("sentAt"));
                    }
                }
                assertEquals(3, ben.next("caught-up").getInt("count"), "and nothing else");
                assertEquals("stored", ben.sendTo("ann", "got them").getString("status"), "and the log goes on");
            }
            String annTicket = ticket(base, "ann", "ann-password-1");
            JsonObject history = SignIn.json(SignIn.getWith(base, "conversations/ann:ben/messages", annTicket));
            assertEquals(List.of("got them", "kept three", "kept two", "kept one"), history.getJsonArray("messages")
                    .getValuesAs(JsonObject.class).stream().map(m -> m.getString("body")).toList());
        } finally {
            server.stop();
        }
    }

    private static String ticket(URL base, String name, String password) {
        return SignIn.json(SignIn.attempt(base, SignIn.credentials(name, password))).getString("ticket");
    }

    private static void replaceDatabase(Path home, String fixture) throws IOException {
        DirectoryTree.delete(home.resolve("parley"));
        try (InputStream zip = UpgradeIT.class.getResourceAsStream(fixture)) {
            DirectoryTree.unzip(zip, home);
        }
    }
}
