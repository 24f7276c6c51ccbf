// Makes the upgrade-from-log fixture's content over Parley's HTTP API and WebSocket protocol (docs/PROTOCOL.md),
// with the JDK's own HTTP and WebSocket client, and writes every answer to messages.json.
// usage: java -cp jakarta.json-api.jar:parsson.jar Populate.java http://localhost:8290 /path/to/messages.json
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import java.io.StringReader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

public class Populate {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static String base;

    // 40,000 ASCII characters, each position telling where it is: "000000 000001 000002 …" cut at 40,000
    static String longAscii() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; b.length() < 40_000; i++) {
            b.append(String.format("%06d ", i));
        }
        return b.substring(0, 40_000);
    }

    // 20,000 code points, "é😀" 10,000 times: 30,000 UTF-16 units, 60,000 UTF-8 bytes
    static String longMultiByte() {
        return "é\uD83D\uDE00".repeat(10_000);
    }

    record Send(String ref, String to, String body) {
    }

    static final List<Send> SENDS = List.of(
            new Send("1", "ben", "ben, one"),
            new Send("2", "ben", "ben, two"),
            new Send("3", "cy", "cy, one"),
            new Send("4", "ben", "ben, three"),
            new Send("5", "cy", "cy, two"),
            new Send("6", null, "everyone, one"),
            new Send("7", "ben", longAscii()),
            new Send("8", "ben", longMultiByte()),
            new Send("9", "ben", "\u200B"),
            new Send("10", "ben", "ben, after the long ones"),
            new Send("11", "cy", "cy, after the long ones"),
            new Send("12", null, "everyone, after the long ones"),
            new Send("13", "ben", "ben, last"));

    static HttpResponse<String> http(String method, String path, String body, String ticket) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + "/parley/api/" + path));
        if (ticket != null) {
            r.header("Authorization", "Bearer " + ticket);
        }
        if (body != null) {
            r.header("Content-Type", "application/json");
        }
        r.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> answer = HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
        System.out.println(method + " " + path + " -> " + answer.statusCode() + " "
                + answer.body().replaceAll("\"ticket\":\"[^\"]*\"", "\"ticket\":\"…\""));
        return answer;
    }

    static JsonValue json(String text) {
        return text.isEmpty() ? JsonValue.NULL : Json.createReader(new StringReader(text)).readValue();
    }

    static String credentials(String name) {
        return Json.createObjectBuilder().add("name", name).add("password", name + "-password-1").build().toString();
    }

    /** One WebSocket whose every frame is kept, in order, for the caller to wait on. */
    static final class Socket implements WebSocket.Listener {
        final LinkedBlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
        final List<JsonObject> all = new ArrayList<>();
        final StringBuilder partial = new StringBuilder();
        final String who;
        WebSocket ws;

        Socket(String who, String query) throws Exception {
            this.who = who;
            ws = HTTP.newWebSocketBuilder().header("Origin", base)
                    .buildAsync(URI.create(base.replaceFirst("^http", "ws") + "/parley/ws?" + query), this).join();
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonObject frame = (JsonObject) json(partial.toString());
                partial.setLength(0);
                String shown = frame.toString();
                System.out.println(who + " <- " + (shown.length() > 300 ? shown.substring(0, 300) + "…" : shown));
                synchronized (all) {
                    all.add(frame);
                }
                frames.add(frame);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
            System.out.println(who + " closed " + code + " " + reason);
            return null;
        }

        JsonObject next(Predicate<JsonObject> wanted) throws Exception {
            while (true) {
                JsonObject frame = frames.poll(20, TimeUnit.SECONDS);
                if (frame == null) {
                    throw new IllegalStateException(who + ": nothing wanted within 20 s");
                }
                if (wanted.test(frame)) {
                    return frame;
                }
            }
        }

        void send(JsonObject frame) {
            String text = frame.toString();
            System.out.println(who + " -> " + (text.length() > 300 ? text.substring(0, 300) + "…" : text));
            ws.sendText(text, true).join();
        }

        void close() {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }

        JsonArrayBuilder received() {
            JsonArrayBuilder b = Json.createArrayBuilder();
            synchronized (all) {
                all.forEach(b::add);
            }
            return b;
        }
    }

    static boolean type(JsonObject frame, String type) {
        return type.equals(frame.getString("type", ""));
    }

    public static void main(String[] args) throws Exception {
        base = args[0];
        JsonObjectBuilder out = Json.createObjectBuilder().add("base", base).add("startedAt", Instant.now().toString());
        out.add("mode", json(http("GET", "mode", null, null).body()));

        JsonArrayBuilder signUps = Json.createArrayBuilder();
        for (String name : List.of("ann", "ben", "cy")) {
            HttpResponse<String> answer = http("POST", "accounts", credentials(name), null);
            if (answer.statusCode() != 201) {
                throw new IllegalStateException("sign-up of " + name + ": " + answer.statusCode());
            }
            signUps.add(Json.createObjectBuilder().add("name", name).add("status", answer.statusCode())
                    .add("answer", json(answer.body())));
        }
        out.add("signUps", signUps);

        String annTicket = ((JsonObject) json(http("POST", "tickets", credentials("ann"), null).body())).getString("ticket");
        Socket ann = new Socket("ann", "ticket=" + annTicket);
        ann.next(f -> type(f, "welcome"));
        JsonArrayBuilder sent = Json.createArrayBuilder();
        Map<String, Long> seqOf = new java.util.HashMap<>();
        for (Send send : SENDS) {
            JsonObjectBuilder frame = Json.createObjectBuilder().add("type", "send");
            if (send.to() != null) {
                frame.add("to", send.to());
            }
            JsonObject f = frame.add("body", send.body()).add("ref", send.ref()).build();
            ann.send(f);
            JsonObject answer = ann.next(a -> (type(a, "ack") || type(a, "error")) && send.ref().equals(a.getString("ref", "")));
            if (!type(answer, "ack")) {
                throw new IllegalStateException("refused: " + answer);
            }
            seqOf.put(send.ref(), answer.getJsonNumber("seq").longValue());
            sent.add(Json.createObjectBuilder().add("frame", f).add("answer", answer));
        }
        out.add("sent", sent);

        // ben: a confirming device that says nothing gets the direct messages nobody of his confirmed, i.e. all of them
        String benTicket = ((JsonObject) json(http("POST", "tickets", credentials("ben"), null).body())).getString("ticket");
        Socket ben = new Socket("ben", "ticket=" + benTicket + "&confirm=received");
        ben.next(f -> type(f, "caught-up"));
        long deliveredUpTo = seqOf.get("8");
        long readUpTo = seqOf.get("4");
        ben.send(Json.createObjectBuilder().add("type", "received").add("upTo", deliveredUpTo).build());
        ann.next(f -> type(f, "receipt") && "delivered".equals(f.getString("status")) && f.getJsonNumber("upTo").longValue() == deliveredUpTo);
        ben.send(Json.createObjectBuilder().add("type", "read").add("conversation", "ann:ben").add("upTo", readUpTo).build());
        ben.next(f -> type(f, "read"));
        ann.next(f -> type(f, "receipt") && "read".equals(f.getString("status")));
        Thread.sleep(500);
        ben.close();
        ann.close();
        Thread.sleep(500);
        out.add("ann", ann.received());
        out.add("ben", Json.createObjectBuilder()
                .add("query", "confirm=received")
                .add("confirmed", Json.createObjectBuilder().add("type", "received").add("upTo", deliveredUpTo))
                .add("readFrame", Json.createObjectBuilder().add("type", "read").add("conversation", "ann:ben").add("upTo", readUpTo))
                .add("frames", ben.received()));

        JsonObjectBuilder conversations = Json.createObjectBuilder();
        for (String name : List.of("ann", "ben", "cy")) {
            String ticket = ((JsonObject) json(http("POST", "tickets", credentials(name), null).body())).getString("ticket");
            conversations.add(name, json(http("GET", "conversations", null, ticket).body()));
        }
        out.add("conversationsAfterwards", conversations);
        out.add("finishedAt", Instant.now().toString());

        try (Writer w = Files.newBufferedWriter(Path.of(args[1]));
                JsonGenerator g = Json.createGeneratorFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createGenerator(w)) {
            g.write(out.build());
        }
    }
}
