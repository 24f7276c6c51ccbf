package org.parley.protocol;

/**
 * The start of what a client sent, for an error message that quotes it: whole characters only (a cut never leaves
 * half of a surrogate pair, which is no character at all), and "…" where it was cut.
 */
public final class Excerpt {

    /** Characters (code points) quoted at most. */
    public static final int LENGTH = 40;

    private Excerpt() {
    }

    /** @return {@code text} if it is short enough, else its first {@link #LENGTH} characters and "…"; "" for null */
    public static String of(String text) {
        if (text == null) {
            return "";
        }
        if (text.codePointCount(0, text.length()) <= LENGTH) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, LENGTH)) + "…";
    }
}
