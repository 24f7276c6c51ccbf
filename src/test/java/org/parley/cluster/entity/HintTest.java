package org.parley.cluster.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.log.entity.ChatMessage;
import org.parley.log.entity.Header;

/** What servers tell each other reads back as it was said; anything else on the topic is refused, not guessed at. */
class HintTest {

    @Test
    void messagesReadBackWithTheirNumbersTimesAndRecipients() {
        ChatMessage direct = new ChatMessage("id-1", "ann", "ben", "hé \"there\"\n", Instant.ofEpochMilli(1234))
                .numbered(41);
        ChatMessage everyone = new ChatMessage("id-2", "ann", null, "to all", Instant.ofEpochMilli(1235)).numbered(42);
        Hint.Messages read = (Hint.Messages) Hint.decode(new Hint.Messages("s1", List.of(direct, everyone)).encode());
        assertEquals("s1", read.server());
        ChatMessage first = read.messages().get(0);
        assertEquals(List.of(41L, "id-1", "ann", "ben", "hé \"there\"\n", Instant.ofEpochMilli(1234)),
                List.of(first.seq(), first.messageId(), first.sender(), first.recipient(), first.body(),
                        first.sentAt()));
        assertEquals(direct.conversation(), first.conversation());
        assertNull(read.messages().get(1).recipient());
        assertEquals(everyone.conversation(), read.messages().get(1).conversation());
    }

    @Test
    void headersReadBackWithTheWholeMessagesBesideThem() {
        ChatMessage whole = new ChatMessage("id-5", "ann", "cy", "hi", Instant.ofEpochMilli(9)).numbered(46);
        Hint.Messages read = (Hint.Messages) Hint.decode(new Hint.Messages("s1", List.of(whole),
                List.of(new Header(45, "ann", "ben"), new Header(47, "dee", "eve"))).encode());
        assertEquals(List.of(46L), read.messages().stream().map(ChatMessage::seq).toList());
        assertEquals(List.of(new Header(45, "ann", "ben"), new Header(47, "dee", "eve")), read.headers());
        // a server that sends every message whole says nothing of headers
        Hint.Messages older = (Hint.Messages) Hint.decode(
                "{\"v\":1,\"server\":\"s\",\"kind\":\"messages\",\"messages\":[]}");
        assertEquals(List.of(), older.headers());
    }

    @Test
    void aRoomsEntriesReadBackInTheirRoomWithTheirEvent() {
        ChatMessage said = ChatMessage.inRoom("id-3", "ann", "#team", null, "hi", Instant.ofEpochMilli(7)).numbered(43);
        ChatMessage joined = ChatMessage.inRoom("id-4", "ben", "#team", "joined", "{\"person\":\"ben\"}",
                Instant.ofEpochMilli(8)).numbered(44);
        List<ChatMessage> read = ((Hint.Messages) Hint.decode(new Hint.Messages("s1", List.of(said, joined))
                .encode())).messages();
        assertEquals(List.of("#team", "#team"), read.stream().map(ChatMessage::conversationId).toList());
        assertFalse(read.get(0).isBroadcast(), "a room's message never reaches everyone");
        assertNull(read.get(0).kind());
        assertEquals("joined", read.get(1).kind());
        assertEquals(joined.body(), read.get(1).body());
    }

    @Test
    void theOtherKindsReadBackAsThemselves() {
        List<Hint> hints = List.of(new Hint.Places("s2", List.of("ann", "cy"), List.of("ben")),
                new Hint.Dismiss("s2", "ann", "signed out"), new Hint.Removed("s2", "cy"),
                new Hint.Tell("s2", "ben", "{\"type\":\"receipt\"}"), new Hint.Gone("s3"));
        hints.forEach(hint -> assertEquals(hint, Hint.decode(hint.encode())));
    }

    @Test
    void whatIsNotAHintOfThisVersionIsRefused() {
        for (String text : List.of("", "[]", "{\"v\":2,\"server\":\"s\",\"kind\":\"gone\"}",
                "{\"v\":1,\"server\":\"s\",\"kind\":\"shout\"}", "{\"v\":1,\"kind\":\"gone\"}",
                "{\"v\":1,\"server\":\"s\",\"kind\":\"messages\",\"messages\":[{\"seq\":\"x\"}]}",
                "{\"v\":1,\"server\":\"s\",\"kind\":\"messages\",\"messages\":[],\"headers\":[{\"seq\":4}]}")) {
            assertThrows(Hint.Unreadable.class, () -> Hint.decode(text), text);
        }
    }
}
