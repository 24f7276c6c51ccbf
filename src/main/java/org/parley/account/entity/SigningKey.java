package org.parley.account.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Base64;

/**
 * The key that signs tickets when the operator sets none: made once, at random, and kept in the database so that
 * tickets stay valid across restarts and every server sharing the database agrees on it.
 */
@Entity
@Table(name = "SIGNING_KEY")
public class SigningKey {

    public static final int THE_ONE = 1;

    @Id
    @Column(name = "ID")
    private int id;

    @Column(name = "KEY_BASE64", nullable = false, length = 100)
    private String keyBase64;

    protected SigningKey() {
    }

    public SigningKey(byte[] key) {
        this.id = THE_ONE;
        this.keyBase64 = Base64.getEncoder().encodeToString(key);
    }

    public byte[] bytes() {
        return Base64.getDecoder().decode(keyBase64);
    }
}
