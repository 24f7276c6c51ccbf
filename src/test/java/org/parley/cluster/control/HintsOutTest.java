package org.parley.cluster.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.cluster.entity.Hint;
import org.parley.live.control.Connections;
import org.parley.log.entity.ChatMessage;
import org.parley.log.entity.Header;

/**
 * The others hear of every message this server commits, but a direct message's text only where they may want it, and
 * headers alone at once only while someone is online on another server.
 */
class HintsOutTest {

    private final List<Hint> published = new ArrayList<>();
    private final Connections connections = new Connections();
    private final HintsOut hints = new HintsOut();

    HintsOutTest() {
        hints.bus = new ClusterBus() {
            @Override
            void publish(Hint hint) {
                published.add(hint);
            }

            @Override
            String self() {
                return "here";
            }
        };
        hints.connections = connections;
    }

    private static ChatMessage direct(long seq, String from, String to) {
        return new ChatMessage("id-" + seq, from, to, "m" + seq, Instant.EPOCH).numbered(seq);
    }

    @Test
    void aDirectMessageGoesWholeOnlyWhereItsRecipientOrSenderIsOnlineElsewhere() {
        connections.underLine("cy", () -> connections.placeElsewhere("cy", "there"));
        ChatMessage toEveryone = new ChatMessage("id-5", "ann", null, "all", Instant.EPOCH).numbered(5);
        ChatMessage inRoom = ChatMessage.inRoom("id-6", "ann", "#team", null, "hi", Instant.EPOCH).numbered(6);
        hints.committed(List.of(direct(1, "ann", "ben"), direct(2, "ann", "cy"), direct(3, "cy", "ben"),
                direct(4, "ben", "ann"), toEveryone, inRoom));
        Hint.Messages told = (Hint.Messages) published.get(0);
        assertEquals(1, published.size());
        assertEquals(List.of(2L, 3L, 5L, 6L), told.messages().stream().map(ChatMessage::seq).toList());
        assertEquals(List.of(new Header(1, "ann", "ben"), new Header(4, "ben", "ann")), told.headers());
    }

    @Test
    void headersAloneWhileNobodyIsOnlineElsewhereAreHeldAndToldTogetherOnce() {
        hints.committed(List.of(direct(1, "ann", "ben")));
        hints.committed(List.of(direct(2, "ben", "ann"), direct(3, "ann", "ben")));
        assertEquals(List.of(), published, "held");
        hints.tellHeld();
        hints.tellHeld();
        assertEquals(1, published.size(), "told once");
        Hint.Messages told = (Hint.Messages) published.get(0);
        assertEquals(List.of(), told.messages());
        assertEquals(List.of(new Header(1, "ann", "ben"), new Header(2, "ben", "ann"), new Header(3, "ann", "ben")),
                told.headers());
    }

    @Test
    void headersHeldGoWithTheNextWholeMessage() {
        hints.committed(List.of(direct(1, "ann", "ben")));
        hints.committed(List.of(new ChatMessage("id-2", "ann", null, "all", Instant.EPOCH).numbered(2)));
        assertEquals(1, published.size());
        Hint.Messages told = (Hint.Messages) published.get(0);
        assertEquals(List.of(2L), told.messages().stream().map(ChatMessage::seq).toList());
        assertEquals(List.of(new Header(1, "ann", "ben")), told.headers());
        hints.tellHeld();
        assertEquals(1, published.size(), "nothing left to tell");
    }

    @Test
    void headersAloneGoAtOnceWhileAnyoneIsOnlineElsewhere() {
        connections.underLine("cy", () -> connections.placeElsewhere("cy", "there"));
        hints.committed(List.of(direct(1, "ann", "ben")));
        assertEquals(1, published.size());
        assertEquals(List.of(new Header(1, "ann", "ben")), ((Hint.Messages) published.get(0)).headers());
    }
}
