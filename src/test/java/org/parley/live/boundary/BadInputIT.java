package org.parley.live.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.testing.Frames.withBody;

import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import org.junit.jupiter.api.Test;
import org.parley.testing.ChatClient;
import org.parley.testing.DeployedParley;

/** Each bad frame gets a clear answer, and nobody else notices anything. */
class BadInputIT extends DeployedParley {

    /** Sends the bad frame from alice, checks the error, then proves alice, bob and carol still chat. */
    private void assertRefusedAndHarmless(String badFrame, String expectedCode) {
        String alice = newAccount("alice");
        String bob = newAccount("bob");
        try (ChatClient a = ChatClient.connect(base, alice); ChatClient b = ChatClient.connect(base, bob);
                ChatClient c = ChatClient.connect(base, newAccount("carol"))) {
            a.send(badFrame);
            JsonObject error = a.next("error");
            assertEquals(expectedCode, error.getString("code"));
            assertTrue(!error.getString("message").isBlank());
            assertStillChatting(a, b, c, bob);
        }
    }

    private static void assertStillChatting(ChatClient a, ChatClient b, ChatClient c, String bob) {
        assertEquals("stored", a.sendTo(bob, "still here").getString("status"));
        assertEquals("still here", b.next("message").getString("body"));
        c.send("|carol too");
        assertEquals("carol too", b.next(withBody("carol too")).getString("body"));
    }

    @Test
    void invalidJsonGetsAnErrorFrameAndTheConnectionStays() {
        assertRefusedAndHarmless("{\"type\": \"send\", \"body\": ", "invalid-frame");
    }

    @Test
    void jsonNestedPastTheParsersDepthGetsAnErrorFrame() {
        assertRefusedAndHarmless("{\"type\":\"send\",\"body\":\"x\",\"n\":" + "[".repeat(10_000)
                + "]".repeat(10_000) + "}", "invalid-frame");
    }

    @Test
    void textAfterTheJsonObjectGetsAnErrorFrameAndNothingIsSent() {
        String bob = newAccount("bob");
        try (ChatClient a = ChatClient.connect(base, newAccount("alice")); ChatClient b = ChatClient.connect(base, bob);
                ChatClient c = ChatClient.connect(base, newAccount("carol"))) {
            a.send("{\"type\":\"send\",\"to\":\"" + bob + "\",\"body\":\"smuggled\"} xyz");
            assertEquals("invalid-frame", a.next("error").getString("code"));
            assertStillChatting(a, b, c, bob);
            assertTrue(b.pending().stream().noneMatch(frame -> "smuggled".equals(frame.getString("body", ""))),
                    "the frame with trailing text was not delivered");
        }
    }

    @Test
    void unknownTypeGetsAnErrorFrame() {
        assertRefusedAndHarmless("{\"type\": \"dance\", \"ref\": \"x1\"}", "unknown-type");
    }

    @Test
    void sendWithoutBodyGetsAnErrorFrame() {
        assertRefusedAndHarmless("{\"type\": \"send\", \"to\": \"bob\"}", "invalid-frame");
    }

    @Test
    void emptyBodyGetsAnErrorFrame() {
        assertRefusedAndHarmless("someone|   ", "empty-body");
    }

    @Test
    void invalidRecipientGetsAnErrorFrame() {
        assertRefusedAndHarmless("<b>x</b>|hi", "invalid-recipient");
    }

    @Test
    void messageToYourselfGetsAnErrorFrameWithItsRef() {
        String alice = newAccount("alice");
        try (ChatClient a = ChatClient.connect(base, alice)) {
            JsonObject error = a.sendTo(alice, "talking to myself");
            assertEquals("error", error.getString("type"));
            assertEquals("self-message", error.getString("code"));
        }
    }

    @Test
    void binaryFrameGetsAnErrorFrame() {
        String bob = newAccount("bob");
        try (ChatClient a = ChatClient.connect(base, newAccount("alice")); ChatClient b = ChatClient.connect(base, bob);
                ChatClient c = ChatClient.connect(base, newAccount("carol"))) {
            a.sendBinary(new byte[] {1, 2, 3});
            assertEquals("binary-unsupported", a.next("error").getString("code"));
            assertStillChatting(a, b, c, bob);
        }
    }

    @Test
    void frameOverTheLimitClosesOnlyThatConnectionWith1009() {
        String bob = newAccount("bob");
        try (ChatClient a = ChatClient.connect(base, newAccount("alice")); ChatClient b = ChatClient.connect(base, bob);
                ChatClient c = ChatClient.connect(base, newAccount("carol"));
                ChatClient mallory = ChatClient.connect(base, newAccount("mallory"))) {
            mallory.send(bob + "|" + "x".repeat(70_000));
            CloseReason reason = mallory.awaitClose();
            assertEquals(CloseReason.CloseCodes.TOO_BIG.getCode(), reason.getCloseCode().getCode());
            assertStillChatting(a, b, c, bob);
            assertTrue(b.pending().stream().noneMatch(frame -> frame.getString("body", "").startsWith("xxx")),
                    "nothing of the oversized frame was delivered");
        }
    }

    /**
     * A connection being turned away stays open a moment after its handshake (see Lobby.turnAway); what it sends then
     * is ignored, and it is still closed for the reason it was refused, not as a server fault.
     */
    @Test
    void framesAndPongsFromAConnectionBeingTurnedAwayAreIgnoredAndItIsClosedForItsReason() {
        for (int round = 0; round < 3; round++) {
            try (ChatClient refused = ChatClient.open(base, "ticket=garbage")) {
                refused.sendPong("c1");
                refused.sendBinary(new byte[] {1});
                refused.sendWhileOpen("someone|hello");
                refused.awaitClosedWith(CloseReason.CloseCodes.VIOLATED_POLICY.getCode(), "the ticket is not valid");
                assertTrue(refused.pending().stream().noneMatch(frame -> "welcome".equals(frame.getString("type"))));
            }
        }
    }
}
