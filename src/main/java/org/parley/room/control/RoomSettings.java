package org.parley.room.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.parley.config.Setting;

/**
 * The limits an operator set on rooms, read once as Parley starts (README's settings table).
 *
 * @param roomsPerPerson  the most rooms one person may be in
 * @param members         the most members a room may have
 * @param invitesPerMinute invitations one person may send a minute
 * @param createsPerHour  rooms one person may make an hour
 */
public record RoomSettings(int roomsPerPerson, int members, int invitesPerMinute, int createsPerHour) {

    public static RoomSettings read() {
        return new RoomSettings(Setting.ROOMS_PER_PERSON.positiveInt(), Setting.ROOM_MEMBERS.positiveInt(),
                Setting.ROOM_INVITES_PER_MINUTE.positiveInt(), Setting.ROOM_CREATES_PER_HOUR.positiveInt());
    }

    /** Gives every bean the one instance (a record: no proxy, so the pseudo-scope). */
    @ApplicationScoped
    static class Source {
        @Produces
        @Singleton
        RoomSettings settings() {
            return read();
        }
    }
}
