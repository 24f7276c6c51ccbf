package org.parley.live.control;

/**
 * How many messages one user may send now: a token bucket that refills at {@code perSecond} up to {@code burst},
 * shared by all of the user's connections so that more tabs buy no more speed.
 * <p>
 * A frame over the allowance is refused. Refusals are counted in a second bucket that drains at the same rate:
 * only a refusal after a quiet spell is answered, which keeps a flooder from turning its flood into as many error
 * frames for the server to write, and when the refusals outgrow the burst the sender is flooding, whether in one
 * rush or by going on at a few times the rate. A sender just over the rate is refused now and then, never closed.
 */
final class SendAllowance {

    enum Verdict {
        /** within the allowance */
        SEND,
        /** over it, after a quiet spell: answer with an error */
        REFUSE_AND_SAY,
        /** over it again: drop without an answer */
        REFUSE,
        /** refused more than the burst, net of the rate: the sender is flooding */
        ABUSE
    }

    private final double perNano;
    private final int burst;
    private double tokens;
    private long refilledAt;
    private double refusals;

    SendAllowance(int perSecond, int burst, long nowNanos) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.refilledAt = nowNanos;
    }

    synchronized Verdict take(long nowNanos) {
        double earned = (nowNanos - refilledAt) * perNano;
        refilledAt = nowNanos;
        tokens = Math.min(burst, tokens + earned);
        refusals = Math.max(0, refusals - earned);
        if (tokens >= 1) {
            tokens -= 1;
            return Verdict.SEND;
        }
        boolean afterQuiet = refusals < 1;
        refusals += 1;
        if (refusals > burst) {
            return Verdict.ABUSE;
        }
        return afterQuiet ? Verdict.REFUSE_AND_SAY : Verdict.REFUSE;
    }
}
