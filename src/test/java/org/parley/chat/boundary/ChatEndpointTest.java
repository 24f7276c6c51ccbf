package org.parley.chat.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
}
