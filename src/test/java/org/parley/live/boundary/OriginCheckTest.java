package org.parley.live.boundary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OriginCheckTest {

    @Test
    void withNothingListedOnlyThePagesOwnHostMayConnect() {
        assertTrue(OriginCheck.isAllowed("http://localhost:8080", "localhost:8080", List.of()));
        assertTrue(OriginCheck.isAllowed("https://Chat.Example.com", "chat.example.com", List.of()));
        assertFalse(OriginCheck.isAllowed("http://evil.example", "localhost:8080", List.of()));
        assertFalse(OriginCheck.isAllowed("http://localhost:9999", "localhost:8080", List.of()));
        assertFalse(OriginCheck.isAllowed("null", "localhost:8080", List.of()));
        assertFalse(OriginCheck.isAllowed("http://localhost:8080", null, List.of()));
    }

    @Test
    void aListReplacesTheSameHostRule() {
        List<String> allowed = List.of("https://chat.example.com");
        assertTrue(OriginCheck.isAllowed("https://chat.example.com", "internal:8080", allowed));
        assertFalse(OriginCheck.isAllowed("http://internal:8080", "internal:8080", allowed));
    }
}
