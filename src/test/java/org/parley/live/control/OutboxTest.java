package org.parley.live.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The queue of one connection, against a socket whose writes complete only when the test says. */
class OutboxTest {

    private final List<String> written = new ArrayList<>();
    private final List<SendHandler> unfinished = new ArrayList<>();
    private final AtomicReference<CloseReason> broken = new AtomicReference<>();

    private Session session() {
        RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendText") && args.length == 2) {
                        written.add((String) args[0]);
                        unfinished.add((SendHandler) args[1]);
                    }
                    return null;
                });
        return (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> method.getName().equals("getAsyncRemote") ? remote : null);
    }

    private void finishNextWrite(SendResult result) {
        unfinished.remove(0).onResult(result);
    }

    @Test
    void framesAreWrittenOneAtATimeInTheOrderQueued() {
        Outbox outbox = new Outbox(session(), 10, broken::set);
        outbox.send("a");
        outbox.send("b");
        outbox.send("c");
        assertEquals(List.of("a"), written, "the next write waits for the one under way");
        finishNextWrite(new SendResult());
        finishNextWrite(new SendResult());
        assertEquals(List.of("a", "b", "c"), written);
        assertNull(broken.get());
    }

    @Test
    void aReaderThatLetsTheLimitPileUpIsClosedWith1013AndWhatWasQueuedFails() {
        // "m0" is under way; "m1", "m2" and "m3" wait, 6 bytes: "m4" finds the limit reached
        Outbox outbox = new Outbox(session(), 5, broken::set);
        List<CompletionStage<Void>> sends = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sends.add(outbox.send("m" + i));
        }
        assertNull(broken.get(), "4 bytes were waiting when m3 came, under 5");
        sends.add(outbox.send("m4"));
        assertEquals(CloseReason.CloseCodes.TRY_AGAIN_LATER, broken.get().getCloseCode());
        outbox.close();
        CompletableFuture<Void> last = sends.get(4).toCompletableFuture();
        assertTrue(last.isCompletedExceptionally(), "refused at once, past the limit");
        assertTrue(sends.get(2).toCompletableFuture().isCompletedExceptionally(), "queued, never written");
    }

    @Test
    void theLimitCountsUtf8BytesNotFrames() {
        Outbox outbox = new Outbox(session(), 8, broken::set);
        outbox.send("under way");
        outbox.send("é€");
        outbox.send("€");
        assertNull(broken.get(), "5 bytes were waiting when \"€\" came, under 8");
        outbox.send("x");
        assertEquals(CloseReason.CloseCodes.TRY_AGAIN_LATER, broken.get().getCloseCode(), "8 bytes waiting");
    }

    @Test
    void aFrameLargerThanTheLimitStillGoesWhenLessThanTheLimitWaits() {
        Outbox outbox = new Outbox(session(), 4, broken::set);
        outbox.send("under way");
        outbox.send("a");
        outbox.send("a frame far larger than four bytes");
        assertNull(broken.get());
        finishNextWrite(new SendResult());
        finishNextWrite(new SendResult());
        assertEquals(List.of("under way", "a", "a frame far larger than four bytes"), written);
    }

    @Test
    void aFailedWriteBreaksTheConnectionAndStopsTheRest() {
        Outbox outbox = new Outbox(session(), 10, broken::set);
        CompletionStage<Void> first = outbox.send("a");
        CompletionStage<Void> second = outbox.send("b");
        finishNextWrite(new SendResult(new IOException("reset by peer")));
        assertEquals(CloseReason.CloseCodes.UNEXPECTED_CONDITION, broken.get().getCloseCode());
        assertTrue(first.toCompletableFuture().isCompletedExceptionally());
        assertEquals(List.of("a"), written, "nothing more is written to a broken connection");
        outbox.close();
        assertTrue(second.toCompletableFuture().isCompletedExceptionally(),
                "what was queued fails: its client resumes from what it confirmed");
    }

    @Test
    void settledCompletesWhenTheWriteUnderWayFinishesWithoutAThreadWaiting() {
        Outbox outbox = new Outbox(session(), 100, broken::set);
        assertTrue(outbox.settled().isDone(), "nothing under way");
        outbox.send("a");
        outbox.send("b");
        outbox.close();
        CompletableFuture<Void> settled = outbox.settled();
        assertFalse(settled.isDone(), "\"a\" is still being written");
        finishNextWrite(new SendResult());
        assertTrue(settled.isDone());
        assertEquals(List.of("a"), written, "nothing more is written once closed");
    }
}
