package org.parley.operations.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.parley.operations.control.Readiness;
import org.parley.web.Json;

/**
 * What a load balancer or Kubernetes probes: {@code /parley/api/health/live} answers 200 while Parley is deployed
 * and answering at all; {@code /parley/api/health/ready} answers 503 with the reason while it should not be sent
 * people. Open to anyone, like any load balancer's check, and they tell nothing about who uses the server.
 */
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    @Inject
    Readiness readiness;

    @GET
    @Path("live")
    public Response live() {
        return Response.ok(Json.PROVIDER.createObjectBuilder().add("status", "up").build()).build();
    }

    @GET
    @Path("ready")
    public Response ready() {
        Optional<String> because = readiness.notReadyBecause();
        if (because.isPresent()) {
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).entity(Json.PROVIDER.createObjectBuilder()
                    .add("status", "not-ready").add("reason", because.get()).build()).build();
        }
        return Response.ok(Json.PROVIDER.createObjectBuilder().add("status", "ready").build()).build();
    }
}
