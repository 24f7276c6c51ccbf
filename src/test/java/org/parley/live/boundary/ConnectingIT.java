package org.parley.live.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.parley.testing.ChatClient;
import org.parley.testing.DeployedParley;
import org.parley.testing.SignIn;

class ConnectingIT extends DeployedParley {

    @Test
    void chineseNameAndThirtyTwoCharacterNameSignUpAndConnect() {
        String chinese = "李雷" + UUID.randomUUID().toString().substring(0, 4);
        String longest = ("x" + UUID.randomUUID().toString().replace("-", "")).substring(0, 32);
        try (ChatClient li = ChatClient.connect(base, chinese); ChatClient x = ChatClient.connect(base, longest)) {
            assertTrue(li.isOpen());
            assertTrue(x.isOpen());
        }
    }

    @Test
    void welcomeListsEveryoneOnlineIncludingYouAndSaysNothingOfOpenMode() {
        String alice = newAccount("alice");
        String bob = newAccount("bob");
        try (ChatClient a = ChatClient.connect(base, alice);
                ChatClient b = ChatClient.open(base, "ticket=" + URLEncoder.encode(SignIn.ticket(base, bob),
                        StandardCharsets.UTF_8))) {
            JsonObject welcome = b.next("welcome");
            assertEquals(bob, welcome.getString("user"), "the name comes from the ticket");
            var online = welcome.getJsonArray("online").getValuesAs(JsonString::getString);
            assertTrue(online.contains(alice) && online.contains(bob), online.toString());
            assertEquals(65536, welcome.getInt("maxFrameBytes"));
            assertFalse(welcome.containsKey("open"), "open mode is off by default");
            assertFalse(SignIn.json(SignIn.get(base, "mode")).getBoolean("open"));
            Instant serverTime = Instant.parse(welcome.getString("serverTime"));
            assertTrue(Math.abs(serverTime.toEpochMilli() - System.currentTimeMillis()) < 60_000);
        }
    }

    @Test
    void pageIsServedAtTheContextRoot() throws Exception {
        HttpResponse<String> page = SignIn.HTTP.send(
                HttpRequest.newBuilder(URI.create(base.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<title>"), page.body());
        assertTrue(page.body().contains("type=\"module\""), "the page loads ES modules");
    }
}
