package org.parley.account.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.Objects;

/**
 * A key that an account's name holds against every later name: its case-folded form, or one of its look-alike
 * skeletons (see {@code NamePolicy}). The key is the primary key, so two sign-ups for names that look alike cannot
 * both commit, however close together they come. A table of its own rather than columns of {@link Account}: a
 * database made before these keys existed gains it at start-up, and its accounts are given their keys then.
 */
@Entity
@Table(name = "NAME_CLAIM", indexes = @Index(name = "NAME_CLAIM_ACCOUNT", columnList = "ACCOUNT_NAME"))
@NamedQuery(name = NameClaim.HOLDERS, query = "SELECT c FROM NameClaim c WHERE c.claim IN :claims")
public class NameClaim {

    public static final String HOLDERS = "NameClaim.holders";

    @Id
    @Column(name = "CLAIM", length = 64)
    private String claim;

    @Column(name = "ACCOUNT_NAME", nullable = false, length = 64)
    private String accountName;

    protected NameClaim() {
    }

    public NameClaim(String claim, String accountName) {
        this.claim = Objects.requireNonNull(claim);
        this.accountName = Objects.requireNonNull(accountName);
    }

    public String claim() {
        return claim;
    }

    public String accountName() {
        return accountName;
    }
}
