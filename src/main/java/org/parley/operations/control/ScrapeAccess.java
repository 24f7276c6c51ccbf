package org.parley.operations.control;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.parley.config.AddressRange;

/**
 * Who may read the metrics: a scraper from one of the operator's address ranges ({@code parley.metrics.from},
 * loopback only by default), or one presenting the operator's token ({@code parley.metrics.token}) as a bearer
 * token, from anywhere. The metrics tell how busy the server is and how many are online: not everyone's business.
 */
public final class ScrapeAccess {

    /** The answer to a request: allowed, or refused with the HTTP status and why. */
    public record Verdict(int status, String error, String message) {

        static final Verdict ALLOWED = new Verdict(200, null, null);

        public boolean allowed() {
            return status == 200;
        }
    }

    private final List<AddressRange> from;
    private final Optional<byte[]> token;

    public ScrapeAccess(List<AddressRange> from, Optional<String> token) {
        this.from = List.copyOf(from);
        this.token = token.map(t -> ("Bearer " + t).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param remote        the address the request came from (a reverse proxy's, behind one)
     * @param authorization the request's Authorization header, or null
     */
    public Verdict check(InetAddress remote, String authorization) {
        if (authorization != null) {
            // compared in constant time: how long a refusal takes must not tell how much of a guess was right
            if (token.isPresent() && MessageDigest.isEqual(token.get(),
                    authorization.strip().getBytes(StandardCharsets.UTF_8))) {
                return Verdict.ALLOWED;
            }
            return new Verdict(401, "wrong-metrics-token", "that is not the metrics token (parley.metrics.token)");
        }
        if (from.stream().anyMatch(range -> range.contains(remote))) {
            return Verdict.ALLOWED;
        }
        return new Verdict(403, "metrics-not-for-you", "metrics are served to the addresses in parley.metrics.from"
                + " and to whoever presents parley.metrics.token as a bearer token");
    }
}
