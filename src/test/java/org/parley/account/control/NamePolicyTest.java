package org.parley.account.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.parley.account.entity.UserName;

class NamePolicyTest {

    private static boolean refused(String name) {
        return NamePolicy.refusalOf(UserName.parse(name)).isPresent();
    }

    private static boolean lookAlike(String one, String other) {
        Set<String> shared = new HashSet<>(NamePolicy.claimsOf(one));
        shared.retainAll(NamePolicy.claimsOf(other));
        return !shared.isEmpty();
    }

    @Test
    void namesPeopleUseAreAccepted() {
        for (String name : new String[] {"paul", "Paul_2", "ann.b-c", "李雷", "李雷a1b2", "Ölaf", "Łukasz", "日本語テスト",
                "한국어", "Ελένη", "Владимир", "user١٢", "e\u0301mile", "9lives"}) {
            assertFalse(refused(name), () -> name + ": " + NamePolicy.refusalOf(UserName.parse(name)));
        }
    }

    @Test
    void invisibleBlankStyledAndMarkOnlyNamesAreRefused() {
        assertTrue(refused("\u3164\u3164"), "Hangul filler only: renders blank");
        assertTrue(refused("\u0301\u0301"), "combining marks only");
        assertTrue(refused("x\u0301\u0301"), "a mark repeated on one letter");
        assertTrue(refused("_ann"), "no letter or digit first");
        assertTrue(refused("ＰＡＵＬ"), "fullwidth");
        assertTrue(refused("\u210Cello"), "a styled letter");
    }

    @Test
    void scriptsThatReadersCannotTellApartAreNotMixed() {
        assertTrue(refused("\u0440\u0430ul"), "Cyrillic р and а with Latin");
        assertTrue(refused("abc\u0430\u0431\u0432"), "Latin and Cyrillic");
        assertTrue(refused("user1\u0661"), "two kinds of digits");
    }

    @Test
    void caseAndUnicodeSpellingsFoldToOneName() {
        assertEquals(NamePolicy.folded("paul"), NamePolicy.folded("PAUL"));
        assertEquals(NamePolicy.folded("\u00e9mile"), NamePolicy.folded("E\u0301MILE"));
        assertEquals(NamePolicy.foldClaimOf("Paul"), NamePolicy.foldClaimOf("pAUL"));
    }

    @Test
    void lookAlikesOfANameShareAClaimWithIt() {
        for (String other : new String[] {"Paul", "PAUL", "pauI", "\u0440\u0430ul", "ＰＡＵＬ"}) {
            assertTrue(lookAlike("paul", other), other);
        }
        assertTrue(lookAlike("ann_1", "ann_l"));
        assertTrue(lookAlike("mike", "rnike"));
        assertTrue(lookAlike("L0L", "lol"), "zero and capital o, in capitals");
        assertFalse(lookAlike("paul", "paula"));
        assertFalse(lookAlike("bob1a2b3c4d", "bob1a2b3c4e"), "names the suite makes up stay apart");
    }
}
