package org.parley.testing;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.function.Predicate;

/** Which server frame a test waits for. */
public final class Frames {

    private Frames() {
    }

    /** A presence frame that has {@code user} among those it says are now {@code status} (online or offline). */
    public static Predicate<JsonObject> presence(String user, String status) {
        return frame -> "presence".equals(frame.getString("type"))
                && frame.getJsonArray(status).getValuesAs(JsonString::getString).contains(user);
    }

    public static Predicate<JsonObject> withBody(String body) {
        return frame -> body.equals(frame.getString("body", null));
    }
}
