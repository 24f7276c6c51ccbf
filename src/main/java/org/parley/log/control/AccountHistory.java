package org.parley.log.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.parley.account.entity.AccountCreated;
import org.parley.account.entity.AccountRemoved;

/** What the log holds of an account goes in the transaction that removes it, or that makes an account of its name. */
@ApplicationScoped
public class AccountHistory {

    @Inject
    MessageStore messages;

    @Inject
    Marks marks;

    void removed(@Observes AccountRemoved removed) {
        messages.deleteAllOf(removed.name());
        marks.forget(removed.name());
    }

    // a message that reached a removed account's name while the removal was being heard of (another server's word
    // takes a moment) was stored to nobody, and goes now
    void created(@Observes AccountCreated created) {
        messages.deleteAllOf(created.name());
    }
}
