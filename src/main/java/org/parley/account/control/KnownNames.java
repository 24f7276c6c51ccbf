package org.parley.account.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.parley.account.entity.AccountRemoved;

/**
 * Answers "whose account is this name?" for every direct message without asking the database each time: a name as
 * typed ({@code BOB}) leads to the account as it spells itself ({@code Bob}). Names not found are asked again, as
 * they may sign up. A removed account's name is forgotten once its removal is committed here, and when another server
 * of the chat says so ({@link #forget}): from then on a message to it is refused, and if the name is taken again, it
 * leads to the new account.
 * <p>
 * Where servers share the chat, the word of a removal on another server may be lost; then each name found is asked
 * again once it has been known for a while ({@link #keepFor}): each at its own time, between half that while and
 * all of it after it was found, so that the names do not all go to the database at once, in front of the messages
 * that need them.
 */
@ApplicationScoped
public class KnownNames {

    @Inject
    Accounts accounts;

    @Inject
    AccountSettings settings;

    LongSupplier clock = System::nanoTime;

    private record Known(String owner, long until) {
    }

    private final Map<String, Known> owners = new ConcurrentHashMap<>();
    // how long a name found is kept before it is asked again, in nanoseconds; 0 for as long as it is not forgotten
    private volatile long keep;
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
        long now = clock.getAsLong();
        Known known = owners.get(name);
        if (known != null && (known.until() == 0 || now - known.until() < 0)) {
            return Optional.of(known.owner());
        }
        long before = forgettings.get();
        Optional<String> found = accounts.find(name).map(account -> account.name());
        found.ifPresent(account -> {
            Known fresh = new Known(account, until(now));
            owners.put(name, fresh);
            if (forgettings.get() != before) {
                owners.remove(name, fresh);
            }
        });
        return found;
    }

    /** Every spelling that led to this account leads nowhere now. */
    public void forget(String accountName) {
        forgettings.incrementAndGet();
        owners.values().removeIf(known -> known.owner().equals(accountName));
    }

    /** From now on each name found is asked again after about {@code span} ({@link KnownNames}). */
    public void keepFor(Duration span) {
        keep = span.toNanos();
    }

    private long until(long now) {
        long span = keep;
        if (span == 0) {
            return 0;
        }
        // never 0, which means for good
        return (now + span / 2 + ThreadLocalRandom.current().nextLong(span / 2 + 1)) | 1;
    }

    void removed(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountRemoved removed) {
        forget(removed.name());
    }
}
