package org.parley.operations.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.parley.testing.ChatClient;
import org.parley.testing.DeployedParley;
import org.parley.testing.Scrape;
import org.parley.testing.SignIn;

/** What an operator's probes and Prometheus see: health for a load balancer, metrics for whoever may read them. */
class OperatingIT extends DeployedParley {

    // Parley's metrics and the JVM's, as a query names them
    private static final Pattern METRIC = Pattern.compile("\\b(?:parley|jvm)_[a-zA-Z0-9_]+");

    @Test
    void liveAndReadyAnswerAProbe() {
        HttpResponse<String> live = SignIn.get(base, "health/live");
        assertEquals(200, live.statusCode(), live.body());
        assertEquals("up", SignIn.json(live).getString("status"));
        HttpResponse<String> ready = SignIn.get(base, "health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        assertEquals("ready", SignIn.json(ready).getString("status"));
    }

    /** The suite's servers serve metrics to no address of the suite's (pom.xml), so only the token opens them. */
    @Test
    void metricsAreForTheOperatorsAddressesAndTokenOnly() {
        HttpResponse<String> anonymous = Scrape.get(base, null);
        assertEquals(403, anonymous.statusCode(), anonymous.body());
        assertEquals("metrics-not-for-you", SignIn.json(anonymous).getString("error"));

        HttpResponse<String> guess = Scrape.get(base, "Bearer " + Scrape.TOKEN + "x");
        assertEquals(401, guess.statusCode(), guess.body());
        assertEquals("wrong-metrics-token", SignIn.json(guess).getString("error"));
        assertTrue(guess.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));

        HttpResponse<String> operator = Scrape.get(base, "Bearer " + Scrape.TOKEN);
        assertEquals(200, operator.statusCode());
        assertTrue(operator.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
                operator.headers().map().toString());
    }

    @Test
    void messagesSignInsRefusalsAndClosesAreCountedAndTheDashboardFindsThem() throws IOException {
        String ann = newAccount("ann");
        String ben = newAccount("ben");
        Scrape before = Scrape.of(base);
        // someone else's: ann's own next sign-in would wait out the throttle's backoff
        assertEquals(401, SignIn.post(base, "tickets", SignIn.credentials(newAccount("eve"), "not her password"))
                .statusCode());
        try (ChatClient a = ChatClient.connect(base, ann); ChatClient b = ChatClient.connect(base, ben);
                ChatClient mallory = ChatClient.connect(base, newAccount("mallory"))) {
            assertEquals("stored", a.sendTo(ben, "counted").getString("status"));
            b.next(frame -> "counted".equals(frame.getString("body", null)));
            a.broadcast("counted, for everyone " + ann);
            String room = a.room("create", "name", "Counted " + ann).getString("conversation");
            assertEquals("ack", a.sendTo(room, "counted in a room").getString("type"));
            JsonObject refused = a.sendTo("nobody" + UUID.randomUUID().toString().substring(0, 8), "lost");
            assertEquals("unknown-user", refused.getString("code"));
            mallory.send(ben + "|" + "x".repeat(70_000));
            assertEquals(CloseReason.CloseCodes.TOO_BIG.getCode(), mallory.awaitClose().getCloseCode().getCode());

            Map<String, Double> grew = Map.ofEntries(
                    Map.entry("parley_messages_received_total{kind=\"direct\"}", 1.0),
                    Map.entry("parley_messages_received_total{kind=\"everyone\"}", 1.0),
                    Map.entry("parley_messages_received_total{kind=\"room\"}", 2.0),
                    Map.entry("parley_messages_delivered_total{kind=\"direct\",path=\"live\"}", 1.0),
                    Map.entry("parley_message_ack_seconds_count", 4.0),
                    Map.entry("parley_store_batch_messages_count", 1.0),
                    Map.entry("parley_sign_ins_total{outcome=\"ok\"}", 3.0),
                    Map.entry("parley_sign_ins_total{outcome=\"failed\"}", 1.0),
                    Map.entry("parley_errors_total{code=\"unknown-user\"}", 1.0),
                    Map.entry("parley_connections_closed_total{code=\"1009\"}", 1.0),
                    Map.entry("parley_catch_up_seconds_count", 3.0));
            Predicate<Scrape> counted = after -> grew.entrySet().stream()
                    .allMatch(e -> after.value(e.getKey()) - before.value(e.getKey()) >= e.getValue());
            Scrape after = Scrape.awaitUntil(base, counted);
            assertTrue(counted.test(after), () -> grew.keySet().stream()
                    .map(name -> name + ": " + before.value(name) + " -> " + after.value(name))
                    .collect(Collectors.joining("\n")));
            assertTrue(after.value("parley_connections") >= 2, "ann and ben are connected");
            assertTrue(after.value("parley_users_online") >= 2);
            assertTrue(after.has("parley_outbox_bytes"));
            assertTrue(after.value("parley_rooms") >= 1, "ann's room");
            assertTrue(after.value("jvm_memory_used_bytes{area=\"heap\"}") > 0, "and the JVM's own");

            // server-config/grafana/parley.json, the dashboard README "Operating Parley" offers: every metric its
            // queries name must be in a real scrape, or its panel stays empty
            List<String> asked = metricsAskedForBy(Path.of(System.getProperty("parley.server.config"), "grafana",
                    "parley.json"));
            assertTrue(asked.size() >= 10, "the dashboard asks for " + asked);
            assertEquals(List.of(), asked.stream().filter(name -> !after.names().contains(name)).toList(),
                    "asked for by the dashboard, not in a scrape");
        }
    }

    @Test
    void derbysPageCacheIsSizedBeforeTheDatabaseStartsAndCounted() {
        // the suite's servers have PARLEY_DERBY_PAGE_CACHE (war.pom.xml), a size none would choose by itself
        double asked = Double.parseDouble(System.getenv("PARLEY_DERBY_PAGE_CACHE"));
        Scrape first = Scrape.of(base);
        assertEquals(asked, first.value("parley_derby_page_cache_pages"), "Derby took the size Parley set");
        assertTrue(first.value("parley_derby_page_cache_allocated_pages") > 0);
        newAccount("reader"); // a sign-up reads and writes pages
        Scrape second = Scrape.awaitUntil(base, later -> later.value("parley_derby_page_cache_hits_total") > 0);
        assertTrue(second.value("parley_derby_page_cache_hits_total") > 0, "hits are counted from the first scrape");
        assertTrue(second.has("parley_derby_page_cache_misses_total"));
    }

    /** The metrics named in the dashboard's queries: Parley's own and the JVM's, by their prefixes. */
    private static List<String> metricsAskedForBy(Path dashboard) throws IOException {
        List<String> expressions = new ArrayList<>();
        try (JsonReader reader = Json.createReader(Files.newBufferedReader(dashboard))) {
            collectExpressions(reader.readValue(), expressions);
        }
        Matcher names = METRIC.matcher(String.join("\n", expressions));
        List<String> found = new ArrayList<>();
        while (names.find()) {
            if (!found.contains(names.group())) {
                found.add(names.group());
            }
        }
        return found;
    }

    private static void collectExpressions(JsonValue value, List<String> into) {
        if (value instanceof JsonObject object) {
            object.forEach((key, member) -> {
                if ("expr".equals(key) && member instanceof JsonString text) {
                    into.add(text.getString());
                } else {
                    collectExpressions(member, into);
                }
            });
        } else if (value instanceof JsonArray array) {
            array.forEach(member -> collectExpressions(member, into));
        }
    }
}
