package org.parley.live.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.testing.Frames.presence;
import static org.parley.testing.Frames.withBody;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.parley.testing.ChatClient;
import org.parley.testing.DeployedParley;
import org.parley.testing.SignIn;

class PresenceIT extends DeployedParley {

    private static final long INTERVAL_MILLIS = 250;

    private static long count(List<JsonObject> frames, Predicate<JsonObject> which) {
        return frames.stream().filter(which).count();
    }

    @Test
    void othersSeeYouComeOnlineAndGoOffline() {
        String alice = newAccount("alice");
        try (ChatClient bob = ChatClient.connect(base, newAccount("bob"))) {
            ChatClient a = ChatClient.connect(base, alice);
            bob.next(presence(alice, "online"));
            a.close();
            bob.next(presence(alice, "offline"));
        }
    }

    @Test
    void secondTabNeitherAnnouncesNorEndsPresence() {
        String alice = newAccount("alice");
        String carol = newAccount("carol");
        try (ChatClient bob = ChatClient.connect(base, newAccount("bob"));
                ChatClient c = ChatClient.connect(base, carol)) {
            ChatClient tab1 = ChatClient.connect(base, alice);
            ChatClient tab2 = ChatClient.connect(base, alice);
            bob.next(presence(alice, "online"));
            tab1.close();
            tab2.broadcast("marker after the first tab closed");
            bob.next(withBody("marker after the first tab closed"));
            tab2.close();
            bob.next(presence(alice, "offline"));
            c.broadcast("marker after the last tab closed");
            bob.next(withBody("marker after the last tab closed"));

            List<JsonObject> everything = bob.pending();
            assertEquals(0, count(everything, presence(alice, "online")), "online announced once: " + everything);
            assertEquals(0, count(everything, presence(alice, "offline")), "offline announced once: " + everything);
        }
    }

    /**
     * Thirty people arriving at once, and leaving at once: someone already there hears of all of them, in at most
     * one presence frame per interval (the suite's is the default, 250 ms), not one frame per arrival.
     */
    @Test
    void aCrowdArrivingAtOnceIsToldInOneFramePerIntervalNotOnePerArrival() throws Exception {
        int crowd = 30;
        List<String> names = IntStream.range(0, crowd).mapToObj(i -> newAccount("crowd")).toList();
        List<String> tickets = names.stream().map(name -> SignIn.ticket(base, name)).toList();
        ExecutorService arrivals = Executors.newFixedThreadPool(crowd);
        try (ChatClient watcher = ChatClient.connect(base, newAccount("watcher"))) {
            long start = System.nanoTime();
            List<Future<ChatClient>> opening = new ArrayList<>();
            for (String ticket : tickets) {
                opening.add(arrivals.submit(() -> ChatClient.open(base, "ticket=" + ticket)));
            }
            List<ChatClient> people = new ArrayList<>();
            for (Future<ChatClient> open : opening) {
                people.add(open.get());
            }
            int framesIn = framesUntilAll(watcher, names, "online");
            long arrivedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(framesIn <= arrivedMillis / INTERVAL_MILLIS + 2,
                    framesIn + " presence frames in " + arrivedMillis + " ms");

            start = System.nanoTime();
            List<Future<?>> closing = people.stream().map(person -> arrivals.submit(person::close))
                    .collect(Collectors.toList());
            for (Future<?> close : closing) {
                close.get();
            }
            int framesOut = framesUntilAll(watcher, names, "offline");
            long leftMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(framesOut <= leftMillis / INTERVAL_MILLIS + 2,
                    framesOut + " presence frames in " + leftMillis + " ms");
        } finally {
            arrivals.shutdownNow();
        }
    }

    /** @return how many presence frames it took until every one of {@code names} was said to be {@code status} */
    private static int framesUntilAll(ChatClient watcher, List<String> names, String status) {
        Set<String> told = new HashSet<>();
        int frames = 0;
        while (!told.containsAll(names)) {
            JsonObject frame = watcher.next("presence");
            frames++;
            told.addAll(frame.getJsonArray(status).getValuesAs(JsonString::getString));
        }
        return frames;
    }
}
