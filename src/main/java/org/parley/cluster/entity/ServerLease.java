package org.parley.cluster.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A running Parley server of a chat, alive until {@code expiresAt} (epoch milliseconds) unless its heartbeat moves
 * that on. A server whose lease ran out is taken for dead: any other removes it and its people's places.
 */
@Entity
@Table(name = "SERVER_LEASE")
@NamedQuery(name = ServerLease.EXPIRED, query = "SELECT l.server FROM ServerLease l WHERE l.expiresAt < :now")
@NamedQuery(name = ServerLease.DELETE, query = "DELETE FROM ServerLease l WHERE l.server = :server")
public class ServerLease {

    public static final String EXPIRED = "ServerLease.expired";
    public static final String DELETE = "ServerLease.delete";

    @Id
    @Column(name = "SERVER_ID", length = 64)
    private String server;

    @Column(name = "EXPIRES_AT", nullable = false)
    private long expiresAt;

    protected ServerLease() {
    }

    public ServerLease(String server, long expiresAt) {
        this.server = server;
        this.expiresAt = expiresAt;
    }

    public void renewUntil(long expiresAt) {
        this.expiresAt = expiresAt;
    }
}
