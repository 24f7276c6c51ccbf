package org.parley.account.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.parley.account.control.AccountSettings;
import org.parley.web.Json;

/**
 * {@code GET /parley/api/mode}: whether this server wants a sign-in ({@code {"open": false}}) or takes a bare name
 * (open demo mode), so the page knows which form to show before it connects.
 */
@Path("mode")
public class ModeResource {

    @Inject
    AccountSettings settings;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String mode() {
        return Json.PROVIDER.createObjectBuilder().add("open", settings.openMode()).build().toString();
    }
}
