package org.parley.account.boundary;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;

/**
 * Reads request bodies and writes error answers, so that every refusal of the API reads the same way:
 * {@code {"error": "code", "message": "for people"}} with a fitting status.
 */
final class JsonBody {

    private JsonBody() {
    }

    static JsonObject parse(String body) {
        if (body == null || body.isBlank()) {
            throw refusal(Response.Status.BAD_REQUEST, "invalid-request", "the body must be a JSON object");
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw refusal(Response.Status.BAD_REQUEST, "invalid-request", "the body must be a JSON object");
        }
    }

    static String text(JsonObject json, String key) {
        return json.get(key) instanceof JsonString value ? value.getString() : null;
    }

    static WebApplicationException refusal(Response.Status status, String code, String message) {
        return new WebApplicationException(answer(Response.status(status), code, message));
    }

    static Response answer(Response.ResponseBuilder builder, String code, String message) {
        return builder.type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Json.createObjectBuilder().add("error", code).add("message", message).build().toString())
                .build();
    }
}
