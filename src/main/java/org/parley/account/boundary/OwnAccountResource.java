package org.parley.account.boundary;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.parley.account.control.AccountRemoval;
import org.parley.account.control.Accounts;
import org.parley.account.control.Tickets;
import org.parley.account.entity.Account;
import org.parley.web.Json;
import org.parley.web.JsonBody;

/**
 * One's own account, for the holder of its ticket who also gives its password: {@code PUT accounts/me/password}
 * {@code {"password", "newPassword"}} changes the password (every device signs in again; this one gets a new
 * ticket), {@code POST accounts/me/removal} {@code {"password"}} removes the account with everything of it.
 */
@Path("accounts/me")
@Produces(MediaType.APPLICATION_JSON)
public class OwnAccountResource {

    @Inject
    Bearer bearer;

    @Inject
    Accounts accounts;

    @Inject
    AccountRemoval removal;

    @Inject
    Tickets tickets;

    @Context
    HttpHeaders headers;

    @PUT
    @Path("password")
    public Response changePassword(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
        JsonObject request = JsonBody.parse(headers, body);
        Account account = confirmed(authorization, request);
        Instant now = Instant.now();
        try {
            accounts.changePassword(account.name(), JsonBody.text(request, "newPassword"), now);
        } catch (Accounts.Refused e) {
            throw JsonBody.refusal(Response.Status.BAD_REQUEST, "invalid-password", e.getMessage());
        }
        return TicketsResource.issued(tickets.issue(account, now));
    }

    // a POST: a DELETE's body has no defined meaning, and Payara answers one with a body 400 before Parley sees it
    @POST
    @Path("removal")
    public Response remove(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
        Account account = confirmed(authorization, JsonBody.parse(headers, body));
        removal.remove(account.name());
        return Response.ok(Json.PROVIDER.createObjectBuilder().add("removed", account.name()).build()).build();
    }

    /** The ticket's account, when the request also gives its password: a ticket left on a shared screen is not enough. */
    private Account confirmed(String authorization, JsonObject request) {
        String holder = bearer.holder(authorization, Instant.now()).value();
        return accounts.verify(holder, JsonBody.text(request, "password")).orElseThrow(() -> JsonBody.refusal(
                Response.Status.FORBIDDEN, "wrong-password", "that is not this account's password"));
    }
}
