package org.parley.live.boundary;

import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.parley.account.boundary.Bearer;
import org.parley.live.control.Connections;
import org.parley.web.Json;
import org.parley.web.JsonBody;

/**
 * Who is online, as a question rather than a list in every welcome: {@code GET /parley/api/online?prefix=&after=
 * &limit=} answers the online count and one page of the people online whose names start with {@code prefix}, in
 * name order after {@code after}; {@code next} is the {@code after} of the next page, absent on the last. For
 * signed-in people (a ticket), as the chat itself is.
 */
@Path("online")
@Produces(MediaType.APPLICATION_JSON)
public class OnlineResource {

    @Inject
    Bearer bearer;

    @Inject
    Connections connections;

    @GET
    public Response online(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("user") String openName, @QueryParam("prefix") String prefix,
            @QueryParam("after") String after, @QueryParam("limit") Integer limit) {
        bearer.caller(authorization, openName);
        int max = limit == null ? JsonBody.PAGE : limit;
        if (max < 1 || max > JsonBody.MAX_PAGE) {
            throw JsonBody.refusal(Response.Status.BAD_REQUEST, "invalid-limit",
                    "'limit' must be from 1 to " + JsonBody.MAX_PAGE);
        }
        // one more than asked says whether there is a next page
        List<String> people = connections.onlineUsers(prefix == null ? "" : prefix, after == null ? "" : after, max + 1);
        JsonArrayBuilder names = Json.PROVIDER.createArrayBuilder();
        people.stream().limit(max).forEach(names::add);
        JsonObjectBuilder answer = Json.PROVIDER.createObjectBuilder().add("count", connections.onlineCount())
                .add("people", names);
        if (people.size() > max) {
            answer.add("next", people.get(max - 1));
        }
        return Response.ok(answer.build()).build();
    }
}
