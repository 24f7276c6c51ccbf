package org.parley.chat.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChatEndpointTest {

    @Test
    void userParameterIsDecodedAsUtf8() {
        assertEquals("李雷", ChatEndpoint.queryParameter("user=%E6%9D%8E%E9%9B%B7", "user"));
        assertEquals("a b", ChatEndpoint.queryParameter("x=1&user=a+b", "user"));
    }

    @Test
    void missingParameterIsNullAndBareParameterIsEmpty() {
        assertNull(ChatEndpoint.queryParameter(null, "user"));
        assertNull(ChatEndpoint.queryParameter("name=bob", "user"));
        assertEquals("", ChatEndpoint.queryParameter("user", "user"));
        assertEquals("", ChatEndpoint.queryParameter("user=", "user"));
    }

    @Test
    void closeReasonsAreCutToFitACloseFrameWithoutSplittingACharacter() {
        assertEquals("short enough", ChatEndpoint.abbreviated("short enough"));
        for (String wide : new String[] {"李".repeat(60), "😀".repeat(40), "x".repeat(200)}) {
            String reason = ChatEndpoint.abbreviated("a name may not be '" + wide + "'");
            assertTrue(reason.getBytes(StandardCharsets.UTF_8).length <= 123, reason);
            assertTrue(reason.endsWith("..."), reason);
            assertFalse(Character.isHighSurrogate(reason.charAt(reason.length() - 4)), reason);
        }
    }
}
