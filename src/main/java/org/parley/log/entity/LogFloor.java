package org.parley.log.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * The highest message number the log ever used or reserved (the log's writer, {@code LogWriter}, raises it). A server
 * alone reserves blocks of numbers here. Where several servers share the log, each reserves its batch's numbers here
 * in a short transaction of its own, beside a row of {@code LOG_RESERVATION} that stays until the batch commits
 * ({@code Reservations}); a batch of a room's entries instead holds this row from its numbering to its commit. It
 * outlives deleted messages (the purge, an account's removal): numbers are never given twice, or a client that had the
 * old message would take the new one for seen.
 */
@Entity
@Table(name = "LOG_FLOOR")
@NamedQuery(name = LogFloor.RAISE_TO, query = "UPDATE LogFloor f SET f.seq = :seq WHERE f.id = 1 AND f.seq < :seq")
public class LogFloor {

    public static final String RAISE_TO = "LogFloor.raiseTo";

    @Id
    @Column(name = "ID")
    private int id;

    @Column(name = "SEQ", nullable = false)
    private long seq;

    protected LogFloor() {
    }
}
