package org.parley.web;


import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads exactly one JSON object, for client frames and API request bodies alike. Stricter than
 * {@code JsonReader.readObject()}, which accepts text after the object and lets a repeated key silently replace the
 * first: a frame {@code {"to":"ann",...,"to":"ben"}} must not mean one thing to Parley and another to a filter in
 * front of it.
 */
public final class StrictJson {

    private StrictJson() {
    }

    /** @throws NotAnObject when the text is anything but one well-formed JSON object, with a reason for people */
    public static JsonObject object(String text) {
        try (JsonParser parser = Json.PROVIDER.createParser(new StringReader(text))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw new NotAnObject("not a JSON object");
            }
            JsonObject object = members(parser);
            if (parser.hasNext()) {
                throw new NotAnObject("text follows the JSON object");
            }
            return object;
        } catch (NotAnObject e) {
            throw e;
        } catch (RuntimeException e) {
            // JsonException for broken text, and Parsson's plain RuntimeException for nesting past its depth limit
            throw new NotAnObject("not a valid JSON object");
        }
    }

    /** The members of the object just opened, each name once (JSON-P's setting for that is not honoured alike). */
    private static JsonObject members(JsonParser parser) {
        JsonObjectBuilder object = Json.PROVIDER.createObjectBuilder();
        Set<String> names = new HashSet<>();
        for (JsonParser.Event event = parser.next(); event != JsonParser.Event.END_OBJECT; event = parser.next()) {
            String name = parser.getString();
            if (!names.add(name)) {
                throw new NotAnObject("'" + (name.length() <= 32 ? name : name.substring(0, 32) + "…")
                        + "' appears twice");
            }
            parser.next();
            object.add(name, parser.getValue());
        }
        return object.build();
    }

    public static final class NotAnObject extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        NotAnObject(String reason) {
            super(reason);
        }
    }
}
