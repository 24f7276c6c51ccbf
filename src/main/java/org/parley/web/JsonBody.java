package org.parley.web;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;

/**
 * Reads request bodies and writes error answers, so that every refusal of the API reads the same way:
 * {@code {"error": "code", "message": "for people"}} with a fitting status.
 */
public final class JsonBody {

    private JsonBody() {
    }

    /**
     * The body as one JSON object. A request must say it sends JSON: a body of another or of no declared type is
     * refused rather than guessed at (a form post from another site declares no JSON).
     */
    public static JsonObject parse(HttpHeaders headers, String body) {
        MediaType type = headers.getMediaType();
        if (type == null || !type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            throw refusal(Response.Status.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "send the body as JSON, with 'Content-Type: application/json'");
        }
        if (body == null || body.isBlank()) {
            throw refusal(Response.Status.BAD_REQUEST, "invalid-request", "the body must be a JSON object");
        }
        try {
            return StrictJson.object(body);
        } catch (StrictJson.NotAnObject e) {
            throw refusal(Response.Status.BAD_REQUEST, "invalid-request",
                    "the body must be one JSON object: " + e.getMessage());
        }
    }

    public static String text(JsonObject json, String key) {
        return json.get(key) instanceof JsonString value ? value.getString() : null;
    }

    public static WebApplicationException refusal(Response.Status status, String code, String message) {
        return new WebApplicationException(answer(Response.status(status), code, message));
    }

    /** 429 with {@code Retry-After} in whole seconds, rounded up, also in the message: "..., try again in 3 s". */
    public static Response retryLater(Duration wait, String code, String message) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return answer(Response.status(Response.Status.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, seconds),
                code, message + ": try again in " + seconds + " s");
    }

    public static Response answer(Response.ResponseBuilder builder, String code, String message) {
        return builder.type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Json.PROVIDER.createObjectBuilder().add("error", code).add("message", message)
                        .build().toString())
                .build();
    }

    /** How many items a page of history holds unless asked for fewer or more, and the most it may hold. */
    public static final int PAGE = 50;
    public static final int MAX_PAGE = 200;

    /**
     * A query parameter that must be a whole number from 1 to {@code max}, or {@code fallback} when absent.
     *
     * @throws WebApplicationException 400 with a message naming the parameter
     */
    public static long wholeNumber(String raw, String name, long fallback, long max) {
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw);
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw refusal(Response.Status.BAD_REQUEST, "invalid-request",
                "'" + name + "' must be a whole number from 1 to " + max);
    }
}
