package org.parley.account.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.parley.account.entity.Account;

/** Names found once and kept, alone for as long as nothing forgets them, in a chat of several servers for a while. */
class KnownNamesTest {

    private final AtomicInteger asked = new AtomicInteger();
    private final KnownNames names = new KnownNames();
    private final AtomicLong clock = new AtomicLong();

    KnownNamesTest() {
        names.accounts = new Accounts() {
            @Override
            public Optional<Account> find(String name) {
                asked.incrementAndGet();
                return Optional.of(new Account("Bob", "hash", Instant.EPOCH));
            }
        };
        names.settings = new AccountSettings(false, Duration.ofHours(1), 1000, Duration.ZERO, 0, 0);
        names.clock = clock::get;
    }

    @Test
    void aloneANameIsAskedOnceAndKeptUntilForgotten() {
        assertEquals(Optional.of("Bob"), names.ownerOf("BOB"));
        assertEquals(Optional.of("Bob"), names.ownerOf("BOB"));
        assertEquals(1, asked.get());
        names.forget("Bob");
        names.ownerOf("BOB");
        assertEquals(2, asked.get(), "a removal makes the name be asked again");
    }

    @Test
    void amongSeveralServersANameIsAskedAgainOnceKeptForItsWhile() {
        names.keepFor(Duration.ofHours(1));
        names.ownerOf("BOB");
        names.ownerOf("BOB");
        assertEquals(1, asked.get(), "within its while, the name is not asked again");
        names.keepFor(Duration.ofSeconds(2));
        names.forget("Bob");
        names.ownerOf("BOB");
        clock.addAndGet(Duration.ofMillis(999).toNanos());
        names.ownerOf("BOB");
        assertEquals(2, asked.get(), "kept for at least half its while");
        clock.addAndGet(Duration.ofMillis(1_002).toNanos());
        names.ownerOf("BOB");
        assertEquals(3, asked.get(), "in case the word of a removal on another server was lost");
    }
}
