package org.parley.presence.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.parley.chat.control.ConnectionRegistry;
import org.parley.chat.entity.ServerFrame;
import org.parley.chat.entity.UserName;

/**
 * Tells everyone else when a user comes online (first connection) or goes offline (last connection). The
 * lobby calls it while holding the user's line, so the two announcements for one user never cross.
 */
@ApplicationScoped
public class PresenceAnnouncer {

    @Inject
    ConnectionRegistry registry;

    public void announce(UserName user, boolean online) {
        String frame = new ServerFrame.Presence(user.value(), online).encode();
        registry.all()
                .filter(connection -> !connection.user().equals(user))
                .forEach(connection -> connection.send(frame));
    }
}
