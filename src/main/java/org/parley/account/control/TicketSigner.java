package org.parley.account.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes and checks sign-in tickets: {@code name.issuedAt.expiresAt.signature}, the name in Base64url and the times
 * in epoch milliseconds, signed with HMAC-SHA256. A ticket is what a page passes at the WebSocket handshake, where
 * browsers can set no header; it says who its holder is and until when, and cannot be altered without the key.
 */
public final class TicketSigner {

    private static final String MAC = "HmacSHA256";

    private final SecretKeySpec key;

    public TicketSigner(byte[] key) {
        this.key = new SecretKeySpec(key, MAC);
    }

    /** What a valid ticket says. */
    public record Ticket(String name, Instant issuedAt, Instant expiresAt) {
    }

    /** Why a ticket is refused, in words fit for the close reason the holder sees. */
    public static final class Refused extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public Refused(String reason) {
            super(reason);
        }
    }

    public String sign(String name, Instant issuedAt, Instant expiresAt) {
        String claims = Base64.getUrlEncoder().withoutPadding().encodeToString(name.getBytes(StandardCharsets.UTF_8))
                + "." + issuedAt.toEpochMilli() + "." + expiresAt.toEpochMilli();
        return claims + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(claims));
    }

    /** @throws Refused when the ticket is malformed, altered or expired */
    public Ticket check(String ticket, Instant now) {
        if (ticket == null || ticket.isEmpty()) {
            throw new Refused("sign in first: no ticket");
        }
        int signatureAt = ticket.lastIndexOf('.');
        String[] claims = signatureAt < 0 ? new String[0] : ticket.substring(0, signatureAt).split("\\.");
        if (claims.length != 3) {
            throw new Refused("the ticket is not valid");
        }
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(ticket.substring(signatureAt + 1));
        } catch (IllegalArgumentException e) {
            throw new Refused("the ticket is not valid");
        }
        if (!MessageDigest.isEqual(signature, mac(ticket.substring(0, signatureAt)))) {
            throw new Refused("the ticket is not valid");
        }
        Ticket valid = new Ticket(new String(Base64.getUrlDecoder().decode(claims[0]), StandardCharsets.UTF_8),
                Instant.ofEpochMilli(Long.parseLong(claims[1])), Instant.ofEpochMilli(Long.parseLong(claims[2])));
        if (!now.isBefore(valid.expiresAt())) {
            throw new Refused("the ticket has expired: sign in again");
        }
        return valid;
    }

    private byte[] mac(String claims) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(key);
            return mac.doFinal(claims.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(MAC + " is part of every Java 17 runtime", e);
        }
    }
}
