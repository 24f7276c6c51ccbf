package org.parley.account.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.parley.testing.Frames.withBody;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.parley.testing.ChatClient;
import org.parley.testing.DeployedParley;
import org.parley.testing.SignIn;

/** A removed account's name leads nowhere at once, however it is spelled, until someone takes it again. */
class RemovedAccountIT extends DeployedParley {

    @Test
    void aRemovedNameIsRefusedAtOnceAndWhenTakenAgainLeadsOnlyToTheNewAccount() {
        String old = newAccount("gone");
        String before = "sent before the removal to " + old;
        try (ChatClient ann = ChatClient.connect(base, newAccount("ann"))) {
            // found once, so this server knows the name when the account goes
            assertEquals("stored", ann.sendTo(old, before).getString("status"));
            assertEquals("stored", ann.sendTo(old.toUpperCase(Locale.ROOT), before).getString("status"));

            HttpResponse<String> removed = SignIn.as(base, "POST", "accounts/me/removal", SignIn.ticket(base, old),
                    Json.createObjectBuilder().add("password", SignIn.password(old)).build().toString());
            assertEquals(200, removed.statusCode(), removed.body());

            for (String spelling : new String[] {old, old.toUpperCase(Locale.ROOT)}) {
                JsonObject refused = ann.sendTo(spelling, "after");
                assertEquals("error", refused.getString("type"), refused.toString());
                assertEquals("unknown-user", refused.getString("code"));
            }
            ann.send(old + "|after, in the text form");
            assertEquals("unknown-user", ann.next("error").getString("code"));

            // taken again in another spelling: a message to the old spelling reaches the new owner, who sees nothing
            // of what the name was sent before
            String taken = old.toUpperCase(Locale.ROOT);
            SignIn.signUp(base, taken);
            try (ChatClient newcomer = ChatClient.connect(base, taken)) {
                assertEquals(0, newcomer.next("caught-up").getInt("count"));
                JsonObject ack = ann.sendTo(old, "hello, newcomer");
                assertEquals("stored", ack.getString("status"), ack.toString());
                JsonObject arrived = newcomer.next(withBody("hello, newcomer"));
                assertEquals(taken, arrived.getString("to"));
                String history = SignIn.getWith(base, "conversations", SignIn.ticket(base, taken)).body();
                assertFalse(history.contains(before), history);
            }
        }
    }
}
