package org.parley.room.control;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Invitations a minute and rooms an hour, per person, refilling evenly. */
class RoomQuotaTest {

    @Test
    void aPersonsInvitationsRunOutAndComeBackEvenlyWithoutTouchingAnothersOrTheirRooms() {
        RoomQuota quota = new RoomQuota();
        quota.settings = new RoomSettings(500, 10_000, 2, 1);
        quota.readSettings();
        Instant now = Instant.parse("2026-12-06T10:00:00Z");
        assertTrue(quota.take("ann", RoomQuota.Kind.INVITE, now).isEmpty());
        assertTrue(quota.take("ann", RoomQuota.Kind.INVITE, now).isEmpty());
        assertTrue(quota.take("ann", RoomQuota.Kind.INVITE, now).orElseThrow().contains("2 invitations a minute"));
        assertTrue(quota.take("ben", RoomQuota.Kind.INVITE, now).isEmpty(), "each person has their own");
        assertTrue(quota.take("ann", RoomQuota.Kind.CREATE, now).isEmpty(), "and rooms are counted apart");
        assertTrue(quota.take("ann", RoomQuota.Kind.CREATE, now.plusSeconds(60)).isPresent());
        assertTrue(quota.take("ann", RoomQuota.Kind.INVITE, now.plusSeconds(30)).isEmpty(), "one back in 30 s");
        assertTrue(quota.take("ann", RoomQuota.Kind.INVITE, now.plusSeconds(30)).isPresent());
    }
}
