package org.parley.live.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.websocket.CloseReason;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.testing.ChatClient;
import org.parley.testing.DeployedParley;
import org.parley.testing.SignIn;

/**
 * docs/PROTOCOL.md, "Connecting": a connection refused as it opens is closed with 1008 and a reason that says why,
 * and receives nothing before the close, no {@code welcome} either: for a ticket that is not valid, a page of a
 * foreign origin, a {@code since} that is not a whole number from 0 up, and a {@code confirm} other than
 * {@code received}.
 */
class RefusedAtConnectIT extends DeployedParley {

    private static final String BAD_SINCE = "'since' must be the seq of a message: a whole number, 0 or more";

    @Test
    void aSinceThatIsNoWholeNumberFromZeroUpIsRefusedWithNothingSentBefore() {
        String ann = newAccount("ann");
        for (String since : new String[] {"abc", "-1", "1.5", ""}) {
            try (ChatClient client = ChatClient.open(base, "ticket=" + ticket(ann) + "&since=" + since)) {
                assertRefusedWithNothingSent(client, BAD_SINCE, "since=" + since);
            }
        }
    }

    @Test
    void aConfirmOtherThanReceivedIsRefusedWithNothingSentBefore() {
        String ann = newAccount("ann");
        for (String confirm : new String[] {"pong", "RECEIVED", ""}) {
            try (ChatClient client = ChatClient.open(base, "ticket=" + ticket(ann) + "&confirm=" + confirm)) {
                assertRefusedWithNothingSent(client, "'confirm' must be 'received' (or left out)",
                        "confirm=" + confirm);
            }
        }
    }

    @Test
    void aTicketThatIsNotValidIsRefusedWithNothingSentBefore() {
        try (ChatClient client = ChatClient.open(base, "ticket=garbage")) {
            assertRefusedWithNothingSent(client, "the ticket is not valid", "ticket=garbage");
        }
        try (ChatClient client = ChatClient.open(base, null)) {
            assertRefusedWithNothingSent(client, "sign in first: no ticket", "no ticket");
        }
    }

    @Test
    void aPageOfAnotherSiteIsRefusedWithNothingSentBefore() {
        String ann = newAccount("ann");
        try (ChatClient client = ChatClient.openFrom("https://evil.example", base, "ticket=" + ticket(ann))) {
            assertRefusedWithNothingSent(client, "pages from https://evil.example may not connect here",
                    "a foreign origin");
        }
    }

    private String ticket(String user) {
        return URLEncoder.encode(SignIn.ticket(base, user), StandardCharsets.UTF_8);
    }

    /** The close frame comes after every frame sent before it, so what is pending once it came is all there was. */
    private static void assertRefusedWithNothingSent(ChatClient client, String reason, String what) {
        CloseReason closed = client.awaitClose();
        assertEquals(1008, closed.getCloseCode().getCode(), what + ": " + closed);
        assertEquals(reason, closed.getReasonPhrase(), what);
        assertEquals(List.of(), client.pending(), what + ": nothing before the close");
    }
}
