package org.parley.account.control;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * Removes an account in two transactions, for its owner and for an operator alike. First it is suspended: once that
 * commits it signs in no more, its tickets open nothing and its connections close, so no message of its is taken
 * meanwhile. Then it is removed, and everything of its (what it sent, the direct messages it was sent, its marks, its
 * name) goes in that second transaction. A name taken again later starts with nothing of what was.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AccountRemoval {

    static final String REASON = "the account was removed";

    @Inject
    Accounts accounts;

    /** @return whether there was such an account */
    public boolean remove(String accountName) {
        return accounts.suspend(accountName, Instant.now(), REASON).isPresent() && accounts.remove(accountName);
    }
}
