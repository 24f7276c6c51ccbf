package org.parley.testing;

import jakarta.json.JsonObject;
import java.util.function.Predicate;

/** Which server frame a test waits for. */
public final class Frames {

    private Frames() {
    }

    public static Predicate<JsonObject> presence(String user, String status) {
        return frame -> "presence".equals(frame.getString("type")) && user.equals(frame.getString("user"))
                && status.equals(frame.getString("status"));
    }

    public static Predicate<JsonObject> withBody(String body) {
        return frame -> body.equals(frame.getString("body", null));
    }
}
