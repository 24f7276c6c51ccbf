package org.parley.account.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

    @Test
    void onlyTheRightPasswordMatchesAndTheClearTextIsNowhereInTheHash() {
        String stored = PasswordHash.of("correct horse 🐎", 1000);
        assertTrue(stored.startsWith("pbkdf2-sha256$1000$"), stored);
        assertFalse(stored.contains("horse"));
        assertTrue(PasswordHash.matches("correct horse 🐎", stored));
        assertFalse(PasswordHash.matches("correct horse", stored));
        assertFalse(PasswordHash.matches("", stored));
    }

    @Test
    void samePasswordHashesDifferentlyEachTimeAndOldRoundsStillVerify() {
        String a = PasswordHash.of("same password", 1000);
        String b = PasswordHash.of("same password", 2000);
        assertNotEquals(a, b, "salted");
        assertTrue(PasswordHash.matches("same password", a));
        assertTrue(PasswordHash.matches("same password", b));
        assertFalse(PasswordHash.matches("same password", "md5$whatever"));
    }
}
