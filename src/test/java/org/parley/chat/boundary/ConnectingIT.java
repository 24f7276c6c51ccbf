package org.parley.chat.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.websocket.CloseReason;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.parley.testing.ChatClient;
import org.parley.testing.DeployedParley;

class ConnectingIT extends DeployedParley {

    private void assertRefused(String query, String reasonPart) {
        try (ChatClient client = ChatClient.open(base, query)) {
            CloseReason reason = client.awaitClose();
            assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY.getCode(), reason.getCloseCode().getCode());
            assertTrue(reason.getReasonPhrase().contains(reasonPart), reason.getReasonPhrase());
        }
    }

    @Test
    void missingNameIsRefusedWith1008() {
        assertRefused(null, "required");
    }

    @Test
    void emptyNameIsRefusedWith1008() {
        assertRefused("user=", "empty");
    }

    @Test
    void nameOfThirtyThreeCharactersIsRefusedWith1008() {
        assertRefused("user=" + "a".repeat(33), "longer than 32");
    }

    @Test
    void nameWithDisallowedCharactersIsRefusedWith1008() {
        assertRefused("user=" + URLEncoder.encode("<b>bob</b>", StandardCharsets.UTF_8), "only letters");
        assertRefused("user=" + URLEncoder.encode("bob smith", StandardCharsets.UTF_8), "only letters");
        assertRefused("user=" + URLEncoder.encode("bob'--", StandardCharsets.UTF_8), "only letters");
    }

    @Test
    void chineseNameAndThirtyTwoCharacterNameAreWelcome() {
        String chinese = "李雷" + UUID.randomUUID().toString().substring(0, 4);
        String longest = unique("x").repeat(4).substring(0, 32);
        try (ChatClient li = ChatClient.connect(base, chinese); ChatClient x = ChatClient.connect(base, longest)) {
            assertTrue(li.isOpen());
            assertTrue(x.isOpen());
        }
    }

    @Test
    void welcomeListsEveryoneOnlineIncludingYou() {
        String alice = unique("alice");
        String bob = unique("bob");
        try (ChatClient a = ChatClient.connect(base, alice)) {
            ChatClient b = ChatClient.open(base, "user=" + bob);
            JsonObject welcome = b.next("welcome");
            assertEquals(bob, welcome.getString("user"));
            var online = welcome.getJsonArray("online").getValuesAs(JsonString::getString);
            assertTrue(online.contains(alice) && online.contains(bob), online.toString());
            assertEquals(65536, welcome.getInt("maxFrameBytes"));
            Instant serverTime = Instant.parse(welcome.getString("serverTime"));
            assertTrue(Math.abs(serverTime.toEpochMilli() - System.currentTimeMillis()) < 60_000);
            b.close();
        }
    }

    @Test
    void pageIsServedAtTheContextRoot() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(base.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<title>"), page.body());
        assertTrue(page.body().contains("type=\"module\""), "the page loads ES modules");
    }
}
