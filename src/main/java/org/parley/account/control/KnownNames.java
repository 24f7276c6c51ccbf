package org.parley.account.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.parley.account.entity.AccountRemoved;

/**
 * Answers "whose account is this name?" for every direct message without asking the database each time: a name as
 * typed ({@code BOB}) leads to the account as it spells itself ({@code Bob}). Names not found are asked again, as
 * they may sign up. A removed account's name is forgotten once its removal is committed here, and when another server
 * of the chat says so ({@link #forget}): from then on a message to it is refused, and if the name is taken again, it
 * leads to the new account.
 * <p>
 * Where servers share the chat, the word of a removal on another server may be lost; so the servers' sweep asks the
 * database, in one query off the messages' path, which of the accounts known here are still there, and forgets the
 * others ({@link #recheck}). (Asking again for each name once it had been known for a while put a transaction of its
 * own in front of the message that found it stale.)
 */
@ApplicationScoped
public class KnownNames {

    @Inject
    Accounts accounts;

    @Inject
    AccountSettings settings;

    // each name as typed, with the account it leads to
    private final Map<String, String> owners = new ConcurrentHashMap<>();
    // moved by every forgetting: a lookup that began before one does not put back what was just forgotten
    private final AtomicLong forgettings = new AtomicLong();

    /**
     * Whom something addressed to this name reaches (a message, an invitation): the account it belongs to, as
     * {@link #ownerOf} finds it; in open mode, where every name is anyone's, the name itself.
     */
    public Optional<String> addressee(String name) {
        return settings.openMode() ? Optional.of(name) : ownerOf(name);
    }

    /** @return the name of the account that this name, in any case or Unicode spelling, belongs to */
    public Optional<String> ownerOf(String name) {
        String known = owners.get(name);
        if (known != null) {
            return Optional.of(known);
        }
        long before = forgettings.get();
        Optional<String> found = accounts.find(name).map(account -> account.name());
        found.ifPresent(account -> {
            owners.put(name, account);
            if (forgettings.get() != before) {
                owners.remove(name, account);
            }
        });
        return found;
    }

    /** Every spelling that led to this account leads nowhere now. */
    public void forget(String accountName) {
        forgettings.incrementAndGet();
        owners.values().removeIf(owner -> owner.equals(accountName));
    }

    /** Forgets every account known here that the database no longer has (removed where the word was lost). */
    public void recheck() {
        Set<String> known = Set.copyOf(owners.values());
        if (known.isEmpty()) {
            return;
        }
        Set<String> there = accounts.existing(known);
        known.stream().filter(owner -> !there.contains(owner)).forEach(this::forget);
    }

    void removed(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountRemoved removed) {
        forget(removed.name());
    }
}
