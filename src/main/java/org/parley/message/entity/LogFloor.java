package org.parley.message.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The highest message number the log ever used, kept when messages are deleted (the purge, an account's removal):
 * the log numbers new messages after the newest one it holds, and without this a restart after the newest ones
 * were deleted would give their numbers again, to messages a client that had the old ones would take for seen.
 */
@Entity
@Table(name = "LOG_FLOOR")
public class LogFloor {

    public static final int THE_ONE = 1;

    @Id
    @Column(name = "ID")
    private int id;

    @Column(name = "SEQ", nullable = false)
    private long seq;

    protected LogFloor() {
    }

    public LogFloor(long seq) {
        this.id = THE_ONE;
        this.seq = seq;
    }

    public long seq() {
        return seq;
    }

    public void raiseTo(long seq) {
        this.seq = Math.max(this.seq, seq);
    }
}
