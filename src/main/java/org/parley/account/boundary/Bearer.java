package org.parley.account.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.parley.account.control.AccountSettings;
import org.parley.account.control.TicketSigner;
import org.parley.account.control.Tickets;
import org.parley.account.entity.UserName;
import org.parley.web.JsonBody;

/** Who an API request comes from: the holder of the ticket in {@code Authorization: Bearer <ticket>}. */
@ApplicationScoped
public class Bearer {

    private static final String PREFIX = "Bearer ";

    @Inject
    AccountSettings settings;

    @Inject
    Tickets tickets;

    /**
     * The caller of an API that open mode lets anyone use by name ({@code ?user=NAME}); otherwise the ticket's holder.
     *
     * @throws jakarta.ws.rs.WebApplicationException 400 for an unfit name, 401 without a valid ticket
     */
    public String caller(String authorization, String openName) {
        if (settings.openMode() && openName != null) {
            try {
                return UserName.parse(openName).value();
            } catch (UserName.InvalidUserName e) {
                throw JsonBody.refusal(Response.Status.BAD_REQUEST, "invalid-name", e.getMessage());
            }
        }
        return holder(authorization, Instant.now()).value();
    }

    /** @throws jakarta.ws.rs.WebApplicationException 401 without a valid ticket */
    public UserName holder(String authorization, Instant now) {
        if (authorization == null || !authorization.startsWith(PREFIX)) {
            throw JsonBody.refusal(Response.Status.UNAUTHORIZED, "no-ticket",
                    "send the ticket as 'Authorization: Bearer <ticket>'");
        }
        try {
            return tickets.holderOf(authorization.substring(PREFIX.length()).strip(), now);
        } catch (TicketSigner.Refused e) {
            throw JsonBody.refusal(Response.Status.UNAUTHORIZED, "invalid-ticket", e.getMessage());
        }
    }
}
