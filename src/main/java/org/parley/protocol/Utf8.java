package org.parley.protocol;

/** Sizes of text as it goes over the wire: WebSocket text frames are UTF-8. */
public final class Utf8 {

    private Utf8() {
    }

    /** The UTF-8 length of {@code text}, counted without encoding it. */
    public static long length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
