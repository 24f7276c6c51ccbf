package org.parley.live.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** One connection's presence, with writes that finish when the test says, as a slow reader's would. */
class PresenceFeedTest {

    private final List<String> written = new ArrayList<>();
    private final List<CompletableFuture<Void>> unfinished = new ArrayList<>();

    private CompletionStage<Void> write(String frame) {
        written.add(frame);
        CompletableFuture<Void> done = new CompletableFuture<>();
        unfinished.add(done);
        return done;
    }

    private void finishNextWrite() {
        unfinished.remove(0).complete(null);
    }

    private PresenceFeed feed(String self, boolean crowd, Set<String> partners) {
        PresenceFeed feed = new PresenceFeed(self, crowd, partners, this::write);
        feed.open();
        return feed;
    }

    private static JsonObject json(String frame) {
        return Json.createReader(new StringReader(frame)).readObject();
    }

    private static List<String> names(JsonObject frame, String status) {
        return frame.getJsonArray(status).getValuesAs(JsonString::getString);
    }

    private static Map<String, Boolean> changes(Object... userThenOnline) {
        Map<String, Boolean> changes = new LinkedHashMap<>();
        for (int i = 0; i < userThenOnline.length; i += 2) {
            changes.put((String) userThenOnline[i], (Boolean) userThenOnline[i + 1]);
        }
        return changes;
    }

    @Test
    void nothingIsWrittenBeforeTheWelcomeThenWhatCameMeanwhileGoesAsOneFrame() {
        PresenceFeed feed = new PresenceFeed("me", false, Set.of(), this::write);
        feed.offer(changes("ann", true), 2, null, false);
        feed.offer(changes("ben", true, "ann", false), 2, null, false);
        assertTrue(written.isEmpty(), "held until the welcome is queued");
        feed.open();
        assertEquals(1, written.size());
        JsonObject frame = json(written.get(0));
        assertEquals(List.of("ben"), names(frame, "online"));
        assertEquals(List.of("ann"), names(frame, "offline"));
        assertEquals(2, frame.getInt("count"));
    }

    @Test
    void aSharedFrameIsWrittenAsItIsWhenNothingWaits() {
        PresenceFeed feed = feed("me", false, Set.of());
        feed.offer(changes("ann", true), 5, "shared text", false);
        assertEquals(List.of("shared text"), written);
    }

    @Test
    void whileAFrameIsUnwrittenChangesMergeAndGoInOneFrameOnceItIsWritten() {
        PresenceFeed feed = feed("me", false, Set.of());
        feed.offer(changes("ann", true), 1, "first", false);
        for (int i = 0; i < 1000; i++) {
            feed.offer(changes("p" + i, true), 2 + i, "shared " + i, false);
        }
        feed.offer(changes("p7", false), 1000, "shared last", false);
        assertEquals(1, written.size(), "a slow reader holds one presence frame, however much changes");
        finishNextWrite();
        assertEquals(2, written.size());
        JsonObject merged = json(written.get(1));
        assertEquals(999, names(merged, "online").size());
        assertEquals(List.of("p7"), names(merged, "offline"));
        assertEquals(1000, merged.getInt("count"), "the latest count");
        finishNextWrite();
        assertEquals(2, written.size(), "nothing left to send");
    }

    @Test
    void oneselfIsLeftOutOfOnesOwnFrames() {
        PresenceFeed feed = feed("me", false, Set.of());
        feed.offer(changes("me", true), 1, "shared with me in it", false);
        assertTrue(written.isEmpty(), "only one's own change: nothing to say");
        feed.offer(changes("me", true, "ann", true), 2, "shared with me in it", false);
        assertEquals(List.of("ann"), names(json(written.get(0)), "online"));
    }

    @Test
    void inACrowdOnlyPartnersAndWhoThePageShowsAreHeardOf() {
        PresenceFeed feed = feed("me", true, Set.of("ann"));
        feed.offer(changes("zed", true), 5000, "shared", false);
        assertTrue(written.isEmpty(), "a stranger's coming is not this connection's news");
        feed.offer(changes("ann", true, "zed", false), 5000, "shared", false);
        assertEquals(List.of("ann"), names(json(written.get(0)), "online"));
        assertEquals(List.of(), names(json(written.get(0)), "offline"));
        finishNextWrite();

        feed.show(Set.of("zed"));
        feed.offer(changes("zed", true), 5001, "shared", false);
        assertEquals(List.of("zed"), names(json(written.get(1)), "online"));
        finishNextWrite();

        assertTrue(feed.addPartner("bob"));
        feed.offer(changes("bob", true), 5002, "shared", false);
        assertEquals(List.of("bob"), names(json(written.get(2)), "online"));
    }

    @Test
    void inACrowdTheCountComesAloneWhenItIsDue() {
        PresenceFeed feed = feed("me", true, Set.of());
        feed.offer(changes("zed", true), 5000, "shared", false);
        assertTrue(written.isEmpty());
        feed.offer(changes("zed", true), 5000, "shared", true);
        JsonObject frame = json(written.get(0));
        assertEquals(5000, frame.getInt("count"));
        assertEquals(List.of(), names(frame, "online"));
    }

    @Test
    void aFailedWriteStopsTheFeed() {
        PresenceFeed feed = feed("me", false, Set.of());
        feed.offer(changes("ann", true), 1, "first", false);
        feed.offer(changes("ben", true), 2, "second", false);
        unfinished.remove(0).completeExceptionally(new IOException("gone"));
        feed.offer(changes("cy", true), 3, "third", false);
        assertEquals(List.of("first"), written);
    }

    @Test
    void writesThatFinishAtOnceLeaveTheFeedReadyForTheNext() {
        List<String> frames = new ArrayList<>();
        PresenceFeed feed = new PresenceFeed("dee", true, Set.of("ann"), frame -> {
            frames.add(frame);
            return CompletableFuture.completedFuture(null);
        });
        feed.open();
        feed.offer(changes("ann", false), 4, "shared", false);
        feed.show(Set.of("eve"));
        feed.tell(Map.of("eve", true), 5);
        feed.offer(changes("eve", false), 4, "shared", false);
        assertTrue(feed.addPartner("fay"));
        feed.tell(Map.of("fay", true), 5);
        assertEquals(4, frames.size(), frames.toString());
        assertEquals(List.of("fay"), names(json(frames.get(3)), "online"));
    }
}
