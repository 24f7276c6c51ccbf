package org.parley.message.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.parley.testing.ChatClient;
import org.parley.testing.RestartableParley;
import org.parley.testing.RestartableServer;
import org.parley.testing.ServerProcess;
import org.parley.testing.SignIn;

/**
 * The server is killed with SIGKILL while one person streams messages to another: every message acknowledged
 * before the kill reaches its recipient after the restart, exactly once and in order.
 */
class KilledServerIT extends RestartableParley {

    @ArquillianResource
    ContainerController containers;

    @Test
    void everyMessageAcknowledgedBeforeAKillArrivesOnceInOrderAfterTheRestart() throws Exception {
        String alice = "alice" + UUID.randomUUID().toString().substring(0, 8);
        String bob = "bob" + UUID.randomUUID().toString().substring(0, 8);
        URL first = start(Map.of());
        SignIn.signUp(first, alice);
        Map<String, Long> acknowledged = new LinkedHashMap<>();
        List<JsonObject> beforeTheKill;
        long bobHad;
        ChatClient b = ChatClient.connect(first, bob);
        ChatClient a = ChatClient.connect(first, alice);
        try {
            // alice streams without waiting for answers; the kill comes once 150 are acknowledged
            CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
                for (int i = 0; a.sendWhileOpen(Json.createObjectBuilder().add("type", "send").add("to", bob)
                        .add("body", "n" + i).add("ref", "r" + i).build().toString()); i++) {
                    // paced under the suite's allowance; the kill ends the stream at once
                    a.closesWithin(Duration.ofMillis(15));
                }
            });
            while (acknowledged.size() < 150) {
                JsonObject ack = a.next("ack");
                acknowledged.put(ack.getString("id"), ack.getJsonNumber("seq").longValue());
            }
            ServerProcess.killHard();
            stream.get(30, TimeUnit.SECONDS);
            // acks that were on their way before the kill count as well
            a.pending().stream().filter(frame -> "ack".equals(frame.getString("type")))
                    .forEach(ack -> acknowledged.put(ack.getString("id"), ack.getJsonNumber("seq").longValue()));
            beforeTheKill = messages(b);
            bobHad = b.lastSeq();
        } finally {
            a.close();
            b.close();
            containers.stop(RestartableServer.CONTAINER);
        }

        URL second = startAfterKill(Map.of());
        try (ChatClient back = ChatClient.connect(second, bob, bobHad)) {
            back.next("caught-up");
            List<JsonObject> all = new ArrayList<>(beforeTheKill);
            all.addAll(messages(back));
            List<String> ids = all.stream().map(m -> m.getString("id")).toList();
            assertEquals(ids.size(), ids.stream().distinct().count(), "nothing arrived twice");
            for (int i = 1; i < all.size(); i++) {
                assertTrue(all.get(i - 1).getJsonNumber("seq").longValue() < all.get(i).getJsonNumber("seq")
                        .longValue(), "in order");
            }
            List<String> lost = acknowledged.keySet().stream().filter(id -> !ids.contains(id)).toList();
            assertEquals(List.of(), lost, "of " + acknowledged.size() + " acknowledged, " + lost.size() + " lost");
        } finally {
            stop();
        }
    }

    private static List<JsonObject> messages(ChatClient client) {
        return client.pending().stream().filter(frame -> "message".equals(frame.getString("type"))).toList();
    }
}
