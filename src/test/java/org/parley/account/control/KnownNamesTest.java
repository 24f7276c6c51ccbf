package org.parley.account.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.parley.account.entity.Account;

/** Names found once and kept for as long as nothing forgets them; among several servers, rechecked all at once. */
class KnownNamesTest {

    private final AtomicInteger asked = new AtomicInteger();
    private final KnownNames names = new KnownNames();
    // the accounts the database has, by a name as typed folded to lower case
    private final Map<String, String> accounts = Map.of("bob", "Bob", "cy", "Cy");
    private final Set<String> stillThere = new HashSet<>(accounts.values());
    private final List<Set<String>> rechecked = new ArrayList<>();

    KnownNamesTest() {
        names.accounts = new Accounts() {
            @Override
            public Optional<Account> find(String name) {
                asked.incrementAndGet();
                return Optional.ofNullable(accounts.get(name.toLowerCase())).filter(stillThere::contains)
                        .map(owner -> new Account(owner, "hash", Instant.EPOCH));
            }

            @Override
            public Set<String> existing(Collection<String> owners) {
                rechecked.add(Set.copyOf(owners));
                Set<String> there = new HashSet<>(owners);
                there.retainAll(stillThere);
                return there;
            }
        };
        names.settings = new AccountSettings(false, Duration.ofHours(1), 1000, Duration.ZERO, 0, 0);
    }

    @Test
    void aNameIsAskedOnceAndKeptUntilForgotten() {
        assertEquals(Optional.of("Bob"), names.ownerOf("BOB"));
        assertEquals(Optional.of("Bob"), names.ownerOf("BOB"));
        assertEquals(1, asked.get());
        names.forget("Bob");
        names.ownerOf("BOB");
        assertEquals(2, asked.get(), "a removal makes the name be asked again");
    }

    @Test
    void aRecheckAsksForEveryAccountKnownAtOnceAndForgetsOnlyThoseRemoved() {
        names.ownerOf("BOB");
        names.ownerOf("bob");
        names.ownerOf("CY");
        names.recheck();
        assertEquals(List.of(Set.of("Bob", "Cy")), rechecked, "the accounts, once each, in one question");
        names.ownerOf("BOB");
        names.ownerOf("CY");
        assertEquals(3, asked.get(), "nothing removed: nothing asked again");

        // removed on another server, whose word of it was lost
        stillThere.remove("Bob");
        names.recheck();
        assertEquals(Optional.empty(), names.ownerOf("BOB"));
        assertEquals(Optional.of("Cy"), names.ownerOf("CY"));
        assertEquals(4, asked.get(), "only the removed account's name is asked again");
    }

    @Test
    void aRecheckWithNothingKnownAsksNothing() {
        names.recheck();
        assertEquals(List.of(), rechecked);
    }
}
