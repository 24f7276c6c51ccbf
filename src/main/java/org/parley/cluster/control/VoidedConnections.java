package org.parley.cluster.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.parley.account.control.Accounts;
import org.parley.live.control.Connection;
import org.parley.live.control.Connections;
import org.parley.live.control.Lobby;
import org.parley.protocol.CloseCode;

/** Connections of this server that another server's sign-out or suspension voided: closed by each sweep. */
@ApplicationScoped
public class VoidedConnections {

    private static final Duration VOIDS_OVERLAP = Duration.ofSeconds(30);

    @Inject
    Accounts accounts;

    @Inject
    Connections connections;

    @Inject
    Lobby lobby;

    // sign-outs and suspensions up to here were checked against this server's connections; one sweep at a time
    private Instant voidsCheckedUpTo = Instant.now();

    /**
     * Closes this server's connections of accounts signed out or suspended on another server, in case its word of it
     * was lost: as the sign-in's ticket check would refuse them now. Each sweep looks a while back, as the time of a
     * sign-out is the clock of the server that made it, and its commit may come a moment after that time.
     */
    void close() {
        Instant now = Instant.now();
        for (Accounts.Voided voided : accounts.voidedSince(voidsCheckedUpTo.minus(VOIDS_OVERLAP))) {
            for (Connection connection : List.copyOf(connections.connectionsOf(voided.name()))) {
                if (voided.suspended()) {
                    lobby.drop(connection, CloseCode.POLICY.because("the account is suspended by an operator"));
                } else if (connection.openedAt().isBefore(voided.at())) {
                    lobby.drop(connection, CloseCode.POLICY.because("signed out"));
                }
            }
        }
        voidsCheckedUpTo = now;
    }
}
