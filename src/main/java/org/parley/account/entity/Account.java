package org.parley.account.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A person who may sign in: their name and a slow salted hash of their password, never the password itself.
 * <p>
 * Signing out moves {@code ticketsValidFrom} to now, which voids every ticket issued before it on every device.
 * Times are epoch milliseconds because JPA 3.1 has no portable mapping for {@link Instant}.
 */
@Entity
@Table(name = "ACCOUNT")
public class Account {

    // 32 characters may take 64 UTF-16 units
    @Id
    @Column(name = "NAME", length = 64)
    private String name;

    @Column(name = "PASSWORD_HASH", nullable = false, length = 200)
    private String passwordHash;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "TICKETS_VALID_FROM", nullable = false)
    private long ticketsValidFrom;

    // when an operator suspended it; null while it is not suspended
    @Column(name = "SUSPENDED_AT")
    private Long suspendedAt;

    protected Account() {
    }

    public Account(String name, String passwordHash, Instant createdAt) {
        this.name = Objects.requireNonNull(name);
        this.passwordHash = Objects.requireNonNull(passwordHash);
        this.createdAt = createdAt.toEpochMilli();
        this.ticketsValidFrom = this.createdAt;
    }

    public String name() {
        return name;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public Instant ticketsValidFrom() {
        return Instant.ofEpochMilli(ticketsValidFrom);
    }

    public boolean suspended() {
        return suspendedAt != null;
    }

    public Optional<Instant> suspendedAt() {
        return Optional.ofNullable(suspendedAt).map(Instant::ofEpochMilli);
    }

    /** Suspended, it cannot sign in, and no ticket it holds opens a connection, until it is reinstated. */
    public void suspend(Instant now) {
        if (suspendedAt == null) {
            suspendedAt = now.toEpochMilli();
        }
    }

    public void reinstate() {
        suspendedAt = null;
    }

    public void changePassword(String newHash) {
        passwordHash = Objects.requireNonNull(newHash);
    }

    public void voidTicketsIssuedBefore(Instant moment) {
        ticketsValidFrom = Math.max(ticketsValidFrom, moment.toEpochMilli());
    }
}
