package org.parley.account.boundary;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.parley.account.control.Accounts;
import org.parley.account.control.SignInThrottle;
import org.parley.account.control.Tickets;
import org.parley.account.entity.Account;
import org.parley.account.entity.UserName;
import org.parley.metrics.ParleyMetrics;
import org.parley.web.Json;
import org.parley.web.JsonBody;

/**
 * Signing in and out. {@code POST /parley/api/tickets {"name", "password"}} answers a ticket to pass at the
 * WebSocket handshake ({@code /parley/ws?ticket=...}); {@code DELETE /parley/api/tickets} with
 * {@code Authorization: Bearer <ticket>} signs that account out on every device. The answers carry the ticket's
 * {@code expiresAt}.
 */
@Path("tickets")
public class TicketsResource {


    @Inject
    Accounts accounts;

    @Context
    HttpHeaders headers;

    @Inject
    Tickets tickets;

    @Inject
    Bearer bearer;

    @Inject
    SignInThrottle throttle;

    @Context
    HttpServletRequest http;

    @Inject
    ParleyMetrics metrics;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response signIn(String body) {
        JsonObject request = JsonBody.parse(headers, body);
        String name = String.valueOf(JsonBody.text(request, "name"));
        String address = http.getRemoteAddr();
        Instant now = Instant.now();
        Duration wait = throttle.waitBefore(name, address, now);
        if (!wait.isZero()) {
            metrics.signIn(ParleyMetrics.SignIn.THROTTLED);
            return JsonBody.retryLater(wait, "too-many-attempts", "too many failed sign-ins");
        }
        Optional<Account> account = accounts.verify(name, JsonBody.text(request, "password"));
        if (account.isEmpty()) {
            throttle.failed(name, address, now);
            metrics.signIn(ParleyMetrics.SignIn.FAILED);
            throw JsonBody.refusal(Response.Status.UNAUTHORIZED, "wrong-credentials", "wrong name or password");
        }
        throttle.succeeded(name);
        if (account.get().suspended()) {
            metrics.signIn(ParleyMetrics.SignIn.FAILED);
            throw JsonBody.refusal(Response.Status.FORBIDDEN, "account-suspended",
                    "this account is suspended by an operator");
        }
        metrics.signIn(ParleyMetrics.SignIn.OK);
        return issued(tickets.issue(account.get(), now));
    }

    /**
     * {@code POST /parley/api/tickets/renewal} with a valid ticket answers a fresh one, so that a page stays signed
     * in for as long as it is open without asking for the password again.
     */
    @POST
    @Path("renewal")
    @Produces(MediaType.APPLICATION_JSON)
    public Response renew(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Instant now = Instant.now();
        UserName holder = bearer.holder(authorization, now);
        Account account = accounts.find(holder.value()).orElseThrow(() -> JsonBody.refusal(
                Response.Status.UNAUTHORIZED, "invalid-ticket", "the ticket's account no longer exists"));
        return issued(tickets.issue(account, now));
    }

    @DELETE
    @Produces(MediaType.APPLICATION_JSON)
    public Response signOut(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Instant now = Instant.now();
        UserName holder = bearer.holder(authorization, now);
        accounts.voidTickets(holder.value(), now);
        return Response.noContent().build();
    }

    static Response issued(Tickets.Issued ticket) {
        return Response.ok(Json.PROVIDER.createObjectBuilder().add("ticket", ticket.value()).add("name", ticket.name())
                .add("expiresAt", ticket.expiresAt().toString()).build().toString()).build();
    }
}
