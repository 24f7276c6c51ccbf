package org.parley.account.entity;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * A user's name as the chat knows it: 1–32 letters (any script), digits, {@code _}, {@code -} or {@code .}, in
 * Unicode NFC so that two spellings that look the same are the same user.
 */
public record UserName(String value) {

    public static final int MAX_LENGTH = 32;

    // combining marks belong to letters in many scripts (Devanagari vowel signs, Thai tone marks)
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{M}\\p{Nd}_.\\-]+");

    public UserName {
        if (!ALLOWED.matcher(value).matches() || value.codePointCount(0, value.length()) > MAX_LENGTH) {
            throw new IllegalArgumentException("not a valid user name");
        }
    }

    /**
     * @throws InvalidUserName with a reason fit to send back to the client
     */
    public static UserName parse(String raw) {
        if (raw == null) {
            throw new InvalidUserName("a user name is required (?user=NAME)");
        }
        String name = Normalizer.normalize(raw, Normalizer.Form.NFC);
        if (name.isEmpty()) {
            throw new InvalidUserName("the user name is empty");
        }
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            throw new InvalidUserName("the user name is longer than " + MAX_LENGTH + " characters");
        }
        if (!ALLOWED.matcher(name).matches()) {
            throw new InvalidUserName("a user name may hold only letters, digits, '_', '-' and '.'");
        }
        return new UserName(name);
    }

    @Override
    public String toString() {
        return value;
    }

    public static final class InvalidUserName extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        InvalidUserName(String reason) {
            super(reason);
        }
    }
}
