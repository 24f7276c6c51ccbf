package org.parley.account.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers "whose account is this name?" for every direct message without asking the database each time: a name as
 * typed ({@code BOB}) leads to the account as it spells itself ({@code Bob}). Accounts are never removed, so a name
 * once found stays found. Names not found are asked again, as they may sign up.
 */
@ApplicationScoped
public class KnownNames {

    @Inject
    Accounts accounts;

    private final Map<String, String> owners = new ConcurrentHashMap<>();

    /** @return the name of the account that this name, in any case or Unicode spelling, belongs to */
    public Optional<String> ownerOf(String name) {
        String owner = owners.get(name);
        if (owner != null) {
            return Optional.of(owner);
        }
        Optional<String> found = accounts.find(name).map(account -> account.name());
        found.ifPresent(account -> owners.put(name, account));
        return found;
    }
}
