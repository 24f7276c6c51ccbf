package org.parley.account.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * At start-up, gives the accounts of a database made before names were folded and checked for look-alikes their
 * {@code NameClaim}s, a page per transaction. Until then such an account is found by its exact spelling only.
 */
@ApplicationScoped
public class UnclaimedNames {

    private static final Logger LOG = Logger.getLogger(UnclaimedNames.class.getName());
    private static final int PAGE = 500;

    @Inject
    Accounts accounts;

    void claim(@Observes @Initialized(ApplicationScoped.class) Object started) {
        try {
            int claimed = 0;
            for (int page = PAGE; page == PAGE; claimed += page) {
                page = accounts.claimUnclaimedNames(PAGE);
            }
            if (claimed > 0) {
                int total = claimed;
                LOG.info(() -> "Claimed the names of " + total + " accounts made before look-alike checks");
            }
        } catch (RuntimeException e) {
            // a second server doing the same at the same moment, say: the next start tries again
            LOG.log(Level.WARNING, "Could not claim the names of older accounts; they sign in as spelled", e);
        }
    }
}
