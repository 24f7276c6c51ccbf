package org.parley.log.control;

import java.util.ArrayList;
import java.util.List;
import org.parley.log.entity.ChatMessage;

/** Merges ranges of a user's stream, each ordered by number, into the first {@code max} of them all. */
final class StreamMerge {

    private StreamMerge() {
    }

    static List<ChatMessage> firstOf(List<List<ChatMessage>> ranges, int max) {
        int[] next = new int[ranges.size()];
        List<ChatMessage> merged = new ArrayList<>(max);
        long last = Long.MIN_VALUE;
        while (merged.size() < max) {
            int pick = -1;
            for (int i = 0; i < ranges.size(); i++) {
                if (next[i] < ranges.get(i).size() && (pick < 0
                        || ranges.get(i).get(next[i]).seq() < ranges.get(pick).get(next[pick]).seq())) {
                    pick = i;
                }
            }
            if (pick < 0) {
                break;
            }
            ChatMessage message = ranges.get(pick).get(next[pick]++);
            // a message in two ranges (never so today, but cheap to rule out) is taken once
            if (message.seq() != last) {
                merged.add(message);
                last = message.seq();
            }
        }
        return merged;
    }
}
