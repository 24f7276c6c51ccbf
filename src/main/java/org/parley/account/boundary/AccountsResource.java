package org.parley.account.boundary;

import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Optional;
import org.parley.account.control.Accounts;
import org.parley.account.control.SignUpAllowance;
import org.parley.account.entity.UserName;
import org.parley.web.Json;
import org.parley.web.JsonBody;

/**
 * {@code POST /parley/api/accounts {"name", "password"}}: signing up, within the {@link SignUpAllowance} and the
 * name rules of {@link org.parley.account.control.NamePolicy}.
 */
@Path("accounts")
public class AccountsResource {

    @Inject
    Accounts accounts;

    @Inject
    SignUpAllowance allowance;

    @Context
    HttpHeaders headers;

    @Context
    HttpServletRequest http;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response signUp(String body) {
        JsonObject request = JsonBody.parse(headers, body);
        Optional<SignUpAllowance.Wait> wait = allowance.take(http.getRemoteAddr(), Instant.now());
        if (wait.isPresent()) {
            return JsonBody.retryLater(wait.get().left(), "too-many-sign-ups", wait.get().wholeServer()
                    ? "this server is taking many sign-ups just now" : "too many sign-ups from your address");
        }
        UserName name;
        try {
            name = UserName.parse(JsonBody.text(request, "name"));
        } catch (UserName.InvalidUserName e) {
            throw JsonBody.refusal(Response.Status.BAD_REQUEST, "invalid-name", e.getMessage());
        }
        String password = JsonBody.text(request, "password");
        try {
            Accounts.checkPassword(password);
            accounts.signUp(name, password, Instant.now());
        } catch (Accounts.Refused e) {
            throw switch (e.cause()) {
                case NAME_TAKEN -> JsonBody.refusal(Response.Status.CONFLICT, "name-taken", e.getMessage());
                case INVALID_NAME -> JsonBody.refusal(Response.Status.BAD_REQUEST, "invalid-name", e.getMessage());
                case INVALID_PASSWORD -> JsonBody.refusal(Response.Status.BAD_REQUEST, "invalid-password",
                        e.getMessage());
            };
        } catch (EJBException e) {
            // two sign-ups for one name, or for two look-alikes, at once: the second fails as it is written
            Optional<String> holder = accounts.lookAlikeOf(name);
            if (holder.isPresent()) {
                throw JsonBody.refusal(Response.Status.CONFLICT, "name-taken", "the name " + name + " is taken"
                        + (holder.get().equals(name.value()) ? "" : " (too like " + holder.get() + ")"));
            }
            throw e;
        }
        return Response.status(Response.Status.CREATED)
                .entity(Json.PROVIDER.createObjectBuilder().add("name", name.value()).build().toString()).build();
    }
}
