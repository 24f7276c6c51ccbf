package org.parley.bench;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a server killed mid-load kept, read back after its restart: every acknowledged message must be in the log,
 * under the number its acknowledgement gave, in both its sender's and its recipient's stream; each stream in order,
 * nothing in it twice. Messages the log has but whose acknowledgement never arrived (committed just before the kill)
 * are allowed, and counted.
 */
final class CrashCheck {

    /** A direct message the generator sent: its sender and recipient. */
    record Sent(String from, String to) {
    }

    /** A message a catching-up connection was sent: its number in the log, and the generator's number for it. */
    record Received(long seq, long id) {
    }

    /**
     * @param missing      acknowledged messages absent from their sender's or recipient's stream (or there under
     *                     another number)
     * @param twice        messages that came more than once in one stream
     * @param outOfOrder   places in a stream where a number was not above the one before it
     * @param storedUnacked messages in the log whose acknowledgement never came
     */
    record Result(long acknowledged, long missing, long twice, long outOfOrder, long storedUnacked) {

        boolean kept() {
            return missing == 0 && twice == 0 && outOfOrder == 0;
        }
    }

    private CrashCheck() {
    }

    /**
     * @param sent    the generator's number of each message → who sent it to whom
     * @param acked   the generator's number of each acknowledged message → its number in the log
     * @param streams each user → what their connection was sent catching up from the start, in order
     */
    static Result check(Map<Long, Sent> sent, Map<Long, Long> acked, Map<String, List<Received>> streams) {
        long twice = 0;
        long outOfOrder = 0;
        Map<String, Map<Long, Long>> seqById = new HashMap<>();
        Set<Long> stored = new HashSet<>();
        for (Map.Entry<String, List<Received>> user : streams.entrySet()) {
            Map<Long, Long> byId = new HashMap<>();
            long previous = 0;
            for (Received message : user.getValue()) {
                if (byId.putIfAbsent(message.id(), message.seq()) != null) {
                    twice++;
                }
                if (message.seq() <= previous) {
                    outOfOrder++;
                }
                previous = Math.max(previous, message.seq());
                stored.add(message.id());
            }
            seqById.put(user.getKey(), byId);
        }
        long missing = 0;
        for (Map.Entry<Long, Long> ack : acked.entrySet()) {
            Sent message = sent.get(ack.getKey());
            if (message == null || !ack.getValue().equals(seqIn(seqById, message.from(), ack.getKey()))
                    || !ack.getValue().equals(seqIn(seqById, message.to(), ack.getKey()))) {
                missing++;
            }
        }
        long storedUnacked = stored.stream().filter(id -> !acked.containsKey(id)).count();
        return new Result(acked.size(), missing, twice, outOfOrder, storedUnacked);
    }

    private static Long seqIn(Map<String, Map<Long, Long>> seqById, String user, long id) {
        return seqById.getOrDefault(user, Map.of()).get(id);
    }
}
