package org.parley.account.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TicketSignerTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private final TicketSigner signer = new TicketSigner("k".repeat(32).getBytes());

    @Test
    void aTicketSaysWhoseItIsUntilItExpires() {
        String ticket = signer.sign("李雷", NOW, NOW.plus(Duration.ofHours(1)));
        TicketSigner.Ticket valid = signer.check(ticket, NOW.plusSeconds(3599));
        assertEquals("李雷", valid.name());
        assertEquals(NOW, valid.issuedAt());
        String reason = assertThrows(TicketSigner.Refused.class, () -> signer.check(ticket, NOW.plusSeconds(3600)))
                .getMessage();
        assertTrue(reason.contains("expired"), reason);
    }

    @Test
    void anyAlterationOrAnotherKeyMakesItInvalid() {
        String ticket = signer.sign("alice", NOW, NOW.plusSeconds(60));
        String otherName = signer.sign("mallory", NOW, NOW.plusSeconds(60));
        String longer = ticket.replace("." + (NOW.toEpochMilli() + 60_000) + ".", "." + (NOW.toEpochMilli() + 9_999_999) + ".");
        String spliced = otherName.substring(0, otherName.lastIndexOf('.')) + ticket.substring(ticket.lastIndexOf('.'));
        TicketSigner stranger = new TicketSigner("x".repeat(32).getBytes());
        for (String forged : new String[] {longer, spliced, stranger.sign("alice", NOW, NOW.plusSeconds(60)), "",
                "nodots", "a.b.c.d", "a.b.c.!!!"}) {
            assertThrows(TicketSigner.Refused.class, () -> signer.check(forged, NOW), forged);
        }
        assertThrows(TicketSigner.Refused.class, () -> signer.check(null, NOW));
    }
}
