package org.parley.account.control;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.parley.account.entity.UserName;

/**
 * Which names a new account may take, and when two names are one, so that nobody can pass for somebody else in the
 * chat (docs/PROTOCOL.md, "Names"). Unicode's own data decides, through ICU: the UTS #39 General Security Profile
 * for which characters may stand in a name at all, its restriction levels for mixing scripts, and its confusable
 * skeletons for names that look alike ({@code paul}, {@code pauI}, {@code раul} with a Cyrillic а).
 * <p>
 * The checks apply to new names only: an account made before them keeps its name and signs in with it.
 */
public final class NamePolicy {

    private static final SpoofChecker CHECKER = new SpoofChecker.Builder()
            .setChecks(SpoofChecker.RESTRICTION_LEVEL | SpoofChecker.INVISIBLE | SpoofChecker.MIXED_NUMBERS)
            .setRestrictionLevel(SpoofChecker.RestrictionLevel.MODERATELY_RESTRICTIVE)
            .build();
    private static final Normalizer2 FOLD = Normalizer2.getNFKCCasefoldInstance();
    private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();
    private static final int ALLOWED = UCharacter.IdentifierStatus.ALLOWED.ordinal();

    private NamePolicy() {
    }

    /** @return why a new account may not be called this, in words for the person choosing it; empty if it may */
    public static Optional<String> refusalOf(UserName name) {
        String value = name.value();
        if (!NFKC.isNormalized(value)) {
            return Optional.of("write the name in plain letters: '" + value + "' is a styled form of '"
                    + NFKC.normalize(value) + "'");
        }
        int first = value.codePointAt(0);
        if (!UCharacter.isLetterOrDigit(first)) {
            return Optional.of("a name begins with a letter or a digit");
        }
        for (int i = 0; i < value.length(); i += Character.charCount(value.codePointAt(i))) {
            int c = value.codePointAt(i);
            if (UCharacter.getIntPropertyValue(c, UProperty.IDENTIFIER_STATUS) != ALLOWED) {
                return Optional.of(String.format(Locale.ROOT,
                        "U+%04X may not stand in a name: it is invisible, or easily mistaken for another", c));
            }
        }
        SpoofChecker.CheckResult result = new SpoofChecker.CheckResult();
        if (CHECKER.failsChecks(value, result)) {
            if ((result.checks & SpoofChecker.RESTRICTION_LEVEL) != 0) {
                return Optional.of("a name mixes scripts that readers cannot tell apart (such as Latin and "
                        + "Cyrillic); use one script, or Latin with one other");
            }
            if ((result.checks & SpoofChecker.MIXED_NUMBERS) != 0) {
                return Optional.of("a name uses digits of one kind only");
            }
            return Optional.of("a name may not repeat a combining mark on one letter");
        }
        return Optional.empty();
    }

    /** The longest name a room may have, in code points. */
    public static final int MAX_ROOM_NAME = 64;

    /**
     * Why a room may not be called this, or empty if it may. A room's name is read, not typed to address it (its id
     * does that), so it may hold single spaces and visible ASCII punctuation besides what an account's name may; the
     * rest is checked as for accounts: no styled forms, nothing invisible or easily mistaken, no mix of scripts
     * that readers cannot tell apart.
     */
    public static Optional<String> refusalOfRoomName(String name) {
        int length = name.codePointCount(0, name.length());
        if (length == 0 || length > MAX_ROOM_NAME) {
            return Optional.of("a room's name has 1 to " + MAX_ROOM_NAME + " characters");
        }
        if (!name.strip().equals(name) || name.contains("  ")) {
            return Optional.of("a room's name neither begins nor ends with a space, nor holds two in a row");
        }
        if (!NFKC.isNormalized(name)) {
            return Optional.of("write the name in plain letters: '" + name + "' is a styled form of '"
                    + NFKC.normalize(name) + "'");
        }
        StringBuilder letters = new StringBuilder();
        for (int i = 0; i < name.length(); i += Character.charCount(name.codePointAt(i))) {
            int c = name.codePointAt(i);
            boolean punctuation = c >= 0x20 && c < 0x7f && !Character.isLetterOrDigit(c);
            if (!punctuation && UCharacter.getIntPropertyValue(c, UProperty.IDENTIFIER_STATUS) != ALLOWED) {
                return Optional.of(String.format(Locale.ROOT,
                        "U+%04X may not stand in a room's name: it is invisible, or easily mistaken for another", c));
            }
            if (!punctuation) {
                letters.appendCodePoint(c);
            }
        }
        SpoofChecker.CheckResult result = new SpoofChecker.CheckResult();
        if (letters.length() > 0 && CHECKER.failsChecks(letters.toString(), result)) {
            return Optional.of("a room's name mixes scripts that readers cannot tell apart, or kinds of digits, or"
                    + " repeats a combining mark");
        }
        return Optional.empty();
    }

    /** What a public room's name claims against other public rooms' names: as for accounts' names. */
    public static Set<String> roomNameClaims(String name) {
        return claimsOf(name);
    }

    /**
     * The key that finds an account whatever the case or Unicode spelling a person types ({@code Ann}, {@code ANN}
     * and {@code ann} are one name): NFKC case folding, as UTS #39 and IDNA compare identifiers.
     */
    public static String folded(String name) {
        return FOLD.normalize(name);
    }

    /**
     * What a name claims against later names: itself, its folded form, and the confusable skeletons of it as written,
     * folded and in capitals (so that {@code pauI} meets {@code paul}, and {@code L0L} meets {@code LOL}). Hashed,
     * as a skeleton may be several times longer than the name.
     */
    static Set<String> claimsOf(String name) {
        String folded = folded(name);
        Set<String> claims = new LinkedHashSet<>();
        // the name itself: a claim nobody else can hold, which marks the account as claimed
        claims.add(claim("name", name));
        claims.add(claim("fold", folded));
        for (String form : new String[] {name, folded, UCharacter.toUpperCase(Locale.ROOT, folded)}) {
            claims.add(claim("look", CHECKER.getSkeleton(form)));
        }
        return claims;
    }

    /** The claim by which sign-in and messages find an account from any spelling of its name. */
    static String foldClaimOf(String name) {
        return claim("fold", folded(name));
    }

    private static String claim(String kind, String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return kind + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
