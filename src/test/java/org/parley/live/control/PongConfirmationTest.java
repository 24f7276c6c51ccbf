package org.parley.live.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PongConfirmationTest {

    private long now = 1_000_000_000L;
    private long written;
    private final List<String> pings = new ArrayList<>();
    private final List<Runnable> later = new ArrayList<>();
    private final List<Long> delays = new ArrayList<>();
    private final List<Long> confirmed = new ArrayList<>();

    private PongConfirmation confirmation(boolean clientConfirms) {
        return new PongConfirmation(clientConfirms, new PongConfirmation.Pinger() {
            @Override
            public void ping(ByteBuffer payload) {
                pings.add(StandardCharsets.US_ASCII.decode(payload).toString());
            }

            @Override
            public void later(Runnable task, long delayNanos) {
                later.add(task);
                delays.add(delayNanos);
            }
        }, () -> written, () -> now);
    }

    private void write(PongConfirmation confirmation, long seq) {
        written = seq;
        confirmation.messageWritten();
    }

    private static ByteBuffer pong(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aMessageWrittenIsFollowedByAPingCarryingItsSeqAndItsPongConfirmsIt() {
        PongConfirmation confirmation = confirmation(false);
        write(confirmation, 7);
        assertEquals(List.of("c7"), pings);
        confirmation.ponged(pong("c7"), confirmed::add);
        assertEquals(List.of(7L), confirmed);
    }

    @Test
    void aBusyStreamIsPingedAtMostOncePerGapAndTheLaterPingCoversEverythingWrittenMeanwhile() {
        PongConfirmation confirmation = confirmation(false);
        write(confirmation, 1);
        now += PongConfirmation.MIN_GAP_NANOS / 10;
        write(confirmation, 2);
        write(confirmation, 3);
        write(confirmation, 4);
        assertEquals(List.of("c1"), pings, "one ping until the gap has passed");
        assertEquals(1, later.size(), "one ping is due, however many messages are written meanwhile");
        assertEquals(PongConfirmation.MIN_GAP_NANOS - PongConfirmation.MIN_GAP_NANOS / 10, delays.get(0));
        now += PongConfirmation.MIN_GAP_NANOS;
        later.remove(0).run();
        assertEquals(List.of("c1", "c4"), pings);
        write(confirmation, 5);
        assertEquals(1, later.size(), "the next is due after the gap again");
    }

    @Test
    void nothingWrittenSinceTheLastPingMeansNoNewPing() {
        PongConfirmation confirmation = confirmation(false);
        write(confirmation, 3);
        now += PongConfirmation.MIN_GAP_NANOS;
        confirmation.messageWritten();
        assertEquals(List.of("c3"), pings);
    }

    @Test
    void aClientThatConfirmsForItselfIsNeverPingedAndItsPongsConfirmNothing() {
        PongConfirmation fromTheStart = confirmation(true);
        write(fromTheStart, 1);
        fromTheStart.ponged(pong("c1"), confirmed::add);
        assertEquals(List.of(), pings);
        assertEquals(List.of(), confirmed);

        PongConfirmation byItsFirstReceived = confirmation(false);
        write(byItsFirstReceived, 2);
        byItsFirstReceived.clientConfirms();
        now += PongConfirmation.MIN_GAP_NANOS;
        write(byItsFirstReceived, 3);
        byItsFirstReceived.ponged(pong("c2"), confirmed::add);
        assertEquals(List.of("c2"), pings);
        assertEquals(List.of(), confirmed, "once the client confirms, a pong says nothing of what arrived");
    }

    @Test
    void aPingDueWhenTheClientStartedConfirmingIsNotSent() {
        PongConfirmation confirmation = confirmation(false);
        write(confirmation, 1);
        write(confirmation, 2);
        confirmation.clientConfirms();
        now += PongConfirmation.MIN_GAP_NANOS;
        later.remove(0).run();
        assertEquals(List.of("c1"), pings);
    }

    @Test
    void onlyAPongPastTheLastOneConfirmsAndAHeartbeatsPongConfirmsNothing() {
        PongConfirmation confirmation = confirmation(false);
        confirmation.ponged(pong("c9"), confirmed::add);
        confirmation.ponged(pong("c9"), confirmed::add);
        confirmation.ponged(pong("c4"), confirmed::add);
        confirmation.ponged(pong("123456789"), confirmed::add);
        confirmation.ponged(pong(""), confirmed::add);
        confirmation.ponged(pong("c12"), confirmed::add);
        assertEquals(List.of(9L, 12L), confirmed);
    }

    @Test
    void onlyAPrefixAndDigitsThatFitParse() {
        assertEquals(OptionalLong.of(42), PongConfirmation.parse(pong("c42")));
        assertEquals(OptionalLong.of(999_999_999_999_999_999L), PongConfirmation.parse(pong("c" + "9".repeat(18))));
        for (String bad : new String[] {"c", "c-1", "c1x", "x42", "c" + "9".repeat(19), "C42", " c42"}) {
            assertTrue(PongConfirmation.parse(pong(bad)).isEmpty(), bad);
        }
    }
}
