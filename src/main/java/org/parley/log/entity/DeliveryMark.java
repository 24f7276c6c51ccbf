package org.parley.log.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * How far a user's devices have confirmed receiving their stream: every message up to {@code upTo} reached one of
 * them. A device that connects without saying where it was is sent what came after this mark.
 */
@Entity
@Table(name = "DELIVERY_MARK")
@NamedQuery(name = DeliveryMark.ADVANCE,
        query = "UPDATE DeliveryMark d SET d.upTo = :upTo WHERE d.user = :user AND d.upTo < :upTo")
public class DeliveryMark {

    public static final String ADVANCE = "DeliveryMark.advance";

    @Id
    @Column(name = "USER_NAME", length = 64)
    private String user;

    @Column(name = "UP_TO", nullable = false)
    private long upTo;

    protected DeliveryMark() {
    }

    public DeliveryMark(String user, long upTo) {
        this.user = user;
        this.upTo = upTo;
    }

    public long upTo() {
        return upTo;
    }

    public void moveTo(long seq) {
        upTo = seq;
    }
}
