package org.parley.admin.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.parley.account.control.AccountRemoval;
import org.parley.account.control.Accounts;
import org.parley.chat.control.Lobby;

/**
 * Ends an account's use, in one order for an operator and for the account's owner: suspended first (it signs in no
 * more and its tickets open nothing, so no connection of its opens and no message of its is taken meanwhile), then
 * its connections closed (1008, with the reason), then, for a removal, its data deleted.
 */
@ApplicationScoped
public class AccountClosure {

    @Inject
    Accounts accounts;

    @Inject
    AccountRemoval removal;

    @Inject
    Lobby lobby;

    /** @return how many connections were closed */
    public int suspend(String accountName, String reason) {
        accounts.suspend(accountName, Instant.now());
        return lobby.dismiss(accountName, reason);
    }

    /** @return how many connections were closed */
    public int remove(String accountName) {
        int closed = suspend(accountName, "the account was removed");
        removal.remove(accountName);
        return closed;
    }
}
