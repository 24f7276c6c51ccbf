package org.parley.account.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.parley.testing.ChatClient;
import org.parley.testing.DeployedParley;
import org.parley.testing.Pause;
import org.parley.testing.SignIn;

/**
 * Nobody speaks or reads as someone else. The suite runs the server with tickets that live 6 s and a sign-in
 * backoff of at most 2 s (see the failsafe configuration), so that expiry and throttling can be reached.
 */
class SigningInIT extends DeployedParley {

    private static final Duration TICKET_LIFETIME = Duration.ofSeconds(6);

    private void assertClosedWith1008(ChatClient client, String reasonPart) {
        CloseReason reason = client.awaitClose();
        assertEquals(1008, reason.getCloseCode().getCode(), reason.toString());
        assertTrue(reason.getReasonPhrase().contains(reasonPart), reason.getReasonPhrase());
    }

    @Test
    void nameInTheQueryGrantsNothingAndTheOwnersKeptMessageStaysTheirs() {
        String victim = newAccount("victim");
        try (ChatClient a = ChatClient.connect(base, newAccount("alice"))) {
            assertEquals("stored", a.sendTo(victim, "for the victim only").getString("status"));
        }
        try (ChatClient impostor = ChatClient.open(base, "user=" + victim)) {
            assertClosedWith1008(impostor, "sign in");
            assertTrue(impostor.pending().stream().noneMatch(frame -> "message".equals(frame.getString("type"))));
        }
        try (ChatClient owner = ChatClient.connect(base, victim)) {
            assertEquals("for the victim only", owner.next("message").getString("body"));
        }
    }

    @Test
    void handshakeWithoutTicketIsClosedWith1008() {
        try (ChatClient nobody = ChatClient.open(base, null)) {
            assertClosedWith1008(nobody, "sign in");
        }
    }

    @Test
    void wrongPasswordGets401AndNoTicket() {
        String name = newAccount("bob");
        HttpResponse<String> answer = SignIn.attempt(base, SignIn.credentials(name, "not the password"));
        assertEquals(401, answer.statusCode());
        assertEquals("wrong-credentials", SignIn.json(answer).getString("error"));
        assertTrue(!answer.body().contains("ticket\""), answer.body());
    }

    @Test
    void tamperedTicketIsClosedWith1008() {
        String alice = newAccount("alice");
        String ticket = SignIn.ticket(base, alice);
        String mallory = SignIn.ticket(base, newAccount("mallory"));
        // alice's name with mallory's signature, and mallory's ticket with one character of the signature changed
        String spliced = ticket.substring(0, ticket.lastIndexOf('.')) + mallory.substring(mallory.lastIndexOf('.'));
        char last = mallory.charAt(mallory.length() - 2);
        String flipped = mallory.substring(0, mallory.length() - 2) + (last == 'A' ? 'B' : 'A')
                + mallory.charAt(mallory.length() - 1);
        for (String forged : new String[] {spliced, flipped, "garbage", "a.b.c.d"}) {
            try (ChatClient client = ChatClient.open(base, "ticket=" + forged)) {
                assertClosedWith1008(client, "not valid");
            }
        }
    }

    @Test
    void expiredTicketIsClosedWith1008() throws Exception {
        String name = newAccount("late");
        String ticket = SignIn.ticket(base, name);
        Instant expiry = Instant.now().plus(TICKET_LIFETIME).plusMillis(500);
        // waiting for the ticket to run out is the point of this test
        Pause.of(Duration.between(Instant.now(), expiry));
        try (ChatClient client = ChatClient.open(base, "ticket=" + ticket)) {
            assertClosedWith1008(client, "expired");
        }
    }

    @Test
    void signingOutClosesOpenConnectionsAndVoidsTheTicket() {
        String name = newAccount("leaver");
        String ticket = SignIn.ticket(base, name);
        try (ChatClient open = ChatClient.open(base, "ticket=" + ticket)) {
            open.next("welcome");
            assertEquals(204, SignIn.signOut(base, ticket).statusCode());
            assertClosedWith1008(open, "signed out");
        }
        try (ChatClient reused = ChatClient.open(base, "ticket=" + ticket)) {
            assertClosedWith1008(reused, "signed out");
        }
        assertEquals(401, SignIn.signOut(base, ticket).statusCode(), "a void ticket cannot sign out again");
        try (ChatClient again = ChatClient.connect(base, name)) {
            assertTrue(again.isOpen(), "signing in again works");
        }
    }

    @Test
    void messageToANameNobodyOwnsIsRefusedAndNothingIsKept() {
        String ghost = "ghost" + System.nanoTime() % 1_000_000;
        try (ChatClient a = ChatClient.connect(base, newAccount("alice"))) {
            JsonObject answer = a.sendTo(ghost, "hello?");
            assertEquals("error", answer.getString("type"));
            assertEquals("unknown-user", answer.getString("code"));
            try (ChatClient late = ChatClient.connect(base, ghost)) {
                a.sendTo(ghost, "now you exist");
                assertEquals("now you exist", late.next("message").getString("body"), "nothing was kept before");
            }
        }
    }

    @Test
    void aThousandWrongPasswordsAreSlowedDownButTheOwnerGetsInAfterTheWait() throws Exception {
        String owner = newAccount("owner");
        String wrong = SignIn.credentials(owner, "guess");
        // the guesser's own address: the failures it spends are counted there, not against every other test's
        InetAddress guesser = SignIn.addressOfItsOwn();
        int checked = 0;
        int throttled = 0;
        for (int attempt = 0; attempt < 1000; attempt++) {
            int status = SignIn.postFrom(guesser, base, "tickets", wrong).statusCode();
            if (status == 401) {
                checked++;
            } else if (status == 429) {
                throttled++;
            } else {
                throw new AssertionError("unexpected status " + status);
            }
        }
        assertTrue(throttled > 900, "most guesses were not even checked: " + checked + " checked, " + throttled
                + " throttled");
        SignIn.Raw tooSoon = SignIn.postFrom(guesser, base, "tickets", SignIn.credentials(owner,
                SignIn.password(owner)));
        long retryAfter = tooSoon.statusCode() == 429 ? Long.parseLong(tooSoon.headers().get("Retry-After")) : 0;
        assertTrue(retryAfter <= 2, "the wait is bounded: " + retryAfter + " s");
        assertEquals(200, SignIn.attempt(base, SignIn.credentials(owner, SignIn.password(owner))).statusCode(),
                "the owner is not locked out");
    }
}
