package org.parley.account.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers "does anyone own this name?" for every direct message without asking the database each time: accounts
 * are never removed, so a name once found stays found. Names not found are asked again, as they may sign up.
 */
@ApplicationScoped
public class KnownNames {

    @Inject
    Accounts accounts;

    private final Set<String> found = ConcurrentHashMap.newKeySet();

    public boolean isOwned(String name) {
        if (found.contains(name)) {
            return true;
        }
        boolean owned = accounts.find(name).isPresent();
        if (owned) {
            found.add(name);
        }
        return owned;
    }
}
