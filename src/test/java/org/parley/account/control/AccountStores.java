package org.parley.account.control;

import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import org.parley.account.entity.AccountCreated;
import org.parley.account.entity.AccountRemoved;
import org.parley.testing.Fired;

/** Accounts on a test's own entity manager, announcing to the given observers, for tests of other packages. */
public final class AccountStores {

    private AccountStores() {
    }

    public static Accounts on(EntityManager em, Event<AccountCreated> created, Event<AccountRemoved> removed) {
        Accounts accounts = new Accounts();
        accounts.em = em;
        accounts.settings = AccountSettings.read();
        accounts.created = created;
        accounts.removed = removed;
        accounts.ended = Fired.kept();
        return accounts;
    }
}
