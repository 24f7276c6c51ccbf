package org.parley.account.control;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.parley.account.entity.AccountRemoved;
import org.parley.message.control.Marks;
import org.parley.message.control.MessageStore;

/**
 * Removes an account with everything of its: what it sent, the direct messages it was sent, its marks, and its name,
 * in one transaction. A name taken again later starts with nothing of what was.
 */
@Stateless
public class AccountRemoval {

    @Inject
    Accounts accounts;

    @Inject
    MessageStore messages;

    @Inject
    Marks marks;

    @Inject
    Event<AccountRemoved> removed;

    /** @return whether there was such an account */
    public boolean remove(String accountName) {
        if (!accounts.remove(accountName)) {
            return false;
        }
        messages.deleteAllOf(accountName);
        marks.forget(accountName);
        removed.fire(new AccountRemoved(accountName));
        return true;
    }
}
