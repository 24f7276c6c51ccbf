package org.parley.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExcerptTest {

    @Test
    void aShortTextIsQuotedWhole() {
        assertEquals("bob", Excerpt.of("bob"));
        assertEquals("x".repeat(Excerpt.LENGTH), Excerpt.of("x".repeat(Excerpt.LENGTH)));
        assertEquals("", Excerpt.of(null));
    }

    @Test
    void aLongTextIsCutAfterItsFirstCharactersAndSaysSo() {
        assertEquals("y".repeat(Excerpt.LENGTH) + "…", Excerpt.of("y".repeat(Excerpt.LENGTH + 1)));
    }

    @Test
    void aCutNeverSplitsACharacterOutsideTheBasicPlane() {
        // each emoji is two chars in Java: a cut at 40 chars would leave half of the twentieth one
        String emojis = "\uD83D\uDE00".repeat(Excerpt.LENGTH + 5);
        assertEquals("\uD83D\uDE00".repeat(Excerpt.LENGTH) + "…", Excerpt.of(emojis));
    }
}
