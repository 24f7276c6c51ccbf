package org.parley.account.boundary;

import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.parley.account.control.Accounts;
import org.parley.chat.entity.UserName;

/** {@code POST /parley/api/accounts {"name", "password"}}: signing up. */
@Path("accounts")
public class AccountsResource {

    @Inject
    Accounts accounts;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response signUp(String body) {
        JsonObject request = JsonBody.parse(body);
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
            throw e.nameTaken() ? JsonBody.refusal(Response.Status.CONFLICT, "name-taken", e.getMessage())
                    : JsonBody.refusal(Response.Status.BAD_REQUEST, "invalid-password", e.getMessage());
        } catch (EJBException e) {
            // two sign-ups for one name at once: the second fails as it is written
            if (accounts.find(name.value()).isPresent()) {
                throw JsonBody.refusal(Response.Status.CONFLICT, "name-taken", "the name " + name + " is taken");
            }
            throw e;
        }
        return Response.status(Response.Status.CREATED)
                .entity(Json.createObjectBuilder().add("name", name.value()).build().toString()).build();
    }
}
