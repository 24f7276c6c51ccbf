package org.parley.live.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.CloseReason;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.testing.ChatClient;
import org.parley.testing.DeployedParley;
import org.parley.testing.SignIn;

class OriginCheckIT extends DeployedParley {

    @Test
    void pageOfAnotherSiteIsRefusedWith1008EvenWithAValidTicketAndNeverComesOnline() {
        String victim = newAccount("victim");
        try (ChatClient witness = ChatClient.connect(base, newAccount("witness"));
                ChatClient hijacker = ChatClient.openFrom("https://evil.example", base,
                        "ticket=" + SignIn.ticket(base, victim))) {
            CloseReason reason = hijacker.awaitClose();
            assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY.getCode(), reason.getCloseCode().getCode());
            assertTrue(reason.getReasonPhrase().contains("https://evil.example"), reason.getReasonPhrase());
            // presence is told in order: had the victim come online (and gone again), the witness would be told of
            // it before it is told of someone who arrives after the refusal
            String later = newAccount("later");
            try (ChatClient after = ChatClient.connect(base, later)) {
                witness.awaitPresence(later, "online");
                assertFalse(witness.toldOf(victim), "the refused connection never joined: " + witness.pending());
            }
            assertEquals(List.of(), onlineNow(victim));
        }
    }

    @Test
    void refusingOneOriginLeavesTheNextHandshakeFromParleysOwnPageWelcome() {
        String own = base.getProtocol() + "://" + base.getHost() + ":" + base.getPort();
        for (int round = 0; round < 3; round++) {
            try (ChatClient hijacker = ChatClient.openFrom("http://evil.example", base,
                    "ticket=" + SignIn.ticket(base, newAccount("x")))) {
                assertEquals(1008, hijacker.awaitClose().getCloseCode().getCode());
            }
            try (ChatClient page = ChatClient.openFrom(own, base, "ticket=" + SignIn.ticket(base, newAccount("page")))) {
                assertEquals("welcome", page.next("welcome").getString("type"));
            }
        }
    }

    @Test
    void clientThatIsNoBrowserPageSendsNoOriginAndIsWelcome() {
        try (ChatClient client = ChatClient.connect(base, newAccount("cli"))) {
            assertTrue(client.isOpen());
        }
    }
}
