package org.parley.testing;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/** Parley's HTTP API as the page uses it: signing up, in and out. Every test user's password is {@link #password}. */
public final class SignIn {

    /**
     * HTTP/1.1, as a browser speaks to a server over plain http. The JDK client's default first asks to upgrade to
     * HTTP/2 (h2c), and Payara's upgrade of a request with a body now and then fails it with a 500, "Connection is
     * closed": a server fault no browser can meet, since browsers never ask for h2c.
     */
    public static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private SignIn() {
    }

    public static String password(String name) {
        return name + "-correct-horse";
    }

    /** Makes the account unless it exists already. */
    public static void signUp(URL base, String name) {
        HttpResponse<String> answer = post(base, "accounts", credentials(name, password(name)));
        if (answer.statusCode() != 201 && answer.statusCode() != 409) {
            throw new AssertionError("sign-up of " + name + " answered " + answer.statusCode() + " " + answer.body());
        }
    }

    /** Signs in with the right password and returns the ticket. */
    public static String ticket(URL base, String name) {
        return signIn(base, name).getString("ticket");
    }

    /** Signs in with the right password and returns the answer: the ticket, whose it is and when it expires. */
    public static JsonObject signIn(URL base, String name) {
        HttpResponse<String> answer = attempt(base, credentials(name, password(name)));
        if (answer.statusCode() != 200) {
            throw new AssertionError("sign-in of " + name + " answered " + answer.statusCode() + " " + answer.body());
        }
        return json(answer);
    }

    /**
     * One sign-in as a well-behaved client makes it: when told to wait (429, after other tests' wrong passwords from
     * this same address), it waits as long as {@code Retry-After} says and tries once more.
     */
    public static HttpResponse<String> attempt(URL base, String credentials) {
        HttpResponse<String> answer = post(base, "tickets", credentials);
        if (answer.statusCode() == 429) {
            long seconds = Long.parseLong(answer.headers().firstValue("Retry-After").orElse("1"));
            Pause.of(Duration.ofSeconds(seconds));
            answer = post(base, "tickets", credentials);
        }
        return answer;
    }

    public static String credentials(String name, String password) {
        return Json.createObjectBuilder().add("name", name).add("password", password).build().toString();
    }

    public static HttpResponse<String> post(URL base, String path, String body) {
        return post(base, path, body, "application/json");
    }

    /**
     * A JSON POST sent from {@code local}, an address of this machine's loopback range (127.0.0.0/8) other than the
     * one every other test uses. The server counts failed sign-ins per client address (50 are free, kept 15 min), so
     * a test that spends more than a few spends them from an address of its own and leaves the others' budget whole.
     * HTTP/1.1 on a socket of its own, one request each: the JDK 17 client cannot choose its local address.
     */
    public static Raw postFrom(InetAddress local, URL base, String path, String body) {
        URI uri = api(base, path);
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(local, 0));
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
            socket.setSoTimeout(30_000);
            String head = "POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + content.length
                    + "\r\nConnection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = answer.indexOf("\r\n\r\n");
            if (!answer.startsWith("HTTP/1.1 ") || end < 0) {
                throw new AssertionError("not an HTTP answer: " + answer);
            }
            String[] lines = answer.substring(0, end).split("\r\n");
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
            }
            return new Raw(Integer.parseInt(lines[0].split(" ")[1]), headers, answer.substring(end + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An answer to {@link #postFrom}: its status, headers (any case) and body as sent (chunked or not). */
    public record Raw(int statusCode, Map<String, String> headers, String body) {
    }

    /** An address of the loopback range that no other test uses, for {@link #postFrom}. */
    public static InetAddress addressOfItsOwn() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try {
            return InetAddress.getByAddress(new byte[] {127, (byte) random.nextInt(1, 255),
                    (byte) random.nextInt(0, 256), (byte) random.nextInt(2, 255)});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A POST whose body says it is of this type, or says nothing of its type when that is null. */
    public static HttpResponse<String> post(URL base, String path, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api(base, path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    public static HttpResponse<String> get(URL base, String path) {
        return send(HttpRequest.newBuilder(api(base, path)).GET().build());
    }

    /** A GET of the API as the holder of this ticket. */
    public static HttpResponse<String> getWith(URL base, String path, String ticket) {
        return send(HttpRequest.newBuilder(api(base, path)).header("Authorization", "Bearer " + ticket).GET()
                .build());
    }

    /** Any request to the API as the holder of this ticket, with a JSON body or none (null). */
    public static HttpResponse<String> as(URL base, String method, String path, String ticket, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api(base, path))
                .header("Authorization", "Bearer " + ticket)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request.build());
    }

    public static HttpResponse<String> signOut(URL base, String ticket) {
        return send(HttpRequest.newBuilder(api(base, "tickets")).header("Authorization", "Bearer " + ticket)
                .DELETE().build());
    }

    /** The answer's JSON body; an answer that is not JSON fails with everything it was, to tell whose fault it is. */
    public static JsonObject json(HttpResponse<String> answer) {
        try (var reader = Json.createReader(new StringReader(answer.body()))) {
            return reader.readObject();
        } catch (JsonException e) {
            throw new NotJson(answer, e);
        }
    }

    /**
     * An answer whose body is not the JSON every answer of Parley's API is. Seen once in CI, on Payara Micro: a
     * sign-in answered 200 with a body whose first byte was not even UTF-8, during the churn benchmark.
     */
    public static final class NotJson extends IllegalStateException {

        NotJson(HttpResponse<String> answer, JsonException cause) {
            super(answer.request().method() + " " + answer.uri() + " answered " + answer.version() + " "
                    + answer.statusCode() + " " + answer.headers().map() + " with a body that is not JSON: "
                    + answer.body(), cause);
        }
    }

    private static URI api(URL base, String path) {
        return URI.create(base.toString() + "api/" + path);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, answer -> HttpResponse.BodySubscribers.mapping(
                    HttpResponse.BodySubscribers.ofByteArray(), SignIn::text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The body as UTF-8, which is all Parley sends; bytes that are not UTF-8 come back as their hex dump instead of
     * being replaced, so that a test failing on them shows exactly what arrived.
     */
    private static String text(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return "(" + body.length + " bytes, not UTF-8) " + HexFormat.ofDelimiter(" ").formatHex(body, 0,
                    Math.min(body.length, 512));
        }
    }
}
