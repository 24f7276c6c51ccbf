package org.parley.bench;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A direct message shaped like a row of Parley's log, for filling or measuring Derby outside any server: between two
 * different people of {@code people}, named {@code prefix} and a number, with a body of 100 letters, in the
 * conversation Parley would file it under (the two names in code-point order; plain ASCII names here).
 */
record LogRow(String sender, String recipient, String conversation, String body) {

    private static final int BODY_LENGTH = 100;

    static LogRow next(SplittableRandom random, String prefix, int people) {
        int from = random.nextInt(people);
        int to = (from + 1 + random.nextInt(people - 1)) % people;
        String sender = person(prefix, from);
        String recipient = person(prefix, to);
        char[] body = new char[BODY_LENGTH];
        for (int c = 0; c < body.length; c++) {
            body[c] = (char) ('a' + random.nextInt(26));
        }
        return new LogRow(sender, recipient,
                sender.compareTo(recipient) < 0 ? sender + ":" + recipient : recipient + ":" + sender, new String(body));
    }

    static String person(String prefix, int index) {
        return String.format(Locale.ROOT, "%s%05d", prefix, index);
    }
}
