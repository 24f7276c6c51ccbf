package org.parley.account.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UserNameTest {

    private static String refusal(String raw) {
        return assertThrows(UserName.InvalidUserName.class, () -> UserName.parse(raw)).getMessage();
    }

    @Test
    void lettersOfAnyScriptDigitsAndPunctuationAreAllowed() {
        assertEquals("bob_smith-2.0", UserName.parse("bob_smith-2.0").value());
        assertEquals("李雷", UserName.parse("李雷").value());
        assertEquals("हिन्दी", UserName.parse("हिन्दी").value());
    }

    @Test
    void thirtyTwoCharactersFitAndThirtyThreeDoNot() {
        assertEquals(32, UserName.parse("a".repeat(32)).value().length());
        assertTrue(refusal("a".repeat(33)).contains("longer than 32"));
        assertEquals(32, UserName.parse("李".repeat(32)).value().length());
    }

    @Test
    void missingEmptyAndDisallowedNamesAreRefusedWithAReason() {
        assertTrue(refusal(null).contains("required"));
        assertTrue(refusal("").contains("empty"));
        for (String bad : new String[] {"bob smith", "<b>", "bob'--", "a|b", "tab\there", "nul\u0000", "😀"}) {
            assertTrue(refusal(bad).contains("only letters"), bad);
        }
    }

    @Test
    void namesAreComparedAfterNfcNormalisation() {
        assertEquals(UserName.parse("José"), UserName.parse("Jose\u0301"));
    }
}
