package org.parley.admin.boundary;

import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.parley.account.boundary.Bearer;
import org.parley.account.control.AccountRemoval;
import org.parley.account.control.Accounts;
import org.parley.account.entity.Account;
import org.parley.account.entity.UserName;
import org.parley.admin.control.Operators;
import org.parley.live.control.Connections;
import org.parley.live.control.Lobby;
import org.parley.live.control.RoomRequests;
import org.parley.log.control.LogRefusal;
import org.parley.log.entity.ChatMessage;
import org.parley.log.entity.Conversation;
import org.parley.room.control.RoomReads;
import org.parley.room.entity.Membership;
import org.parley.room.entity.RoomSummary;
import org.parley.web.Json;
import org.parley.web.JsonBody;

/**
 * The operator's API, under {@code /parley/api/admin}, for the holder of an operator's ticket
 * ({@code parley.operators}): who is online, disconnecting someone, suspending and reinstating an account, and
 * removing one with its data. Others get 403; a request without a valid ticket 401.
 */
@Path("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    private static final int MAX_LIMIT = 200;
    private static final long CLOSE_WAIT_SECONDS = 10;

    @Inject
    Bearer bearer;

    @Inject
    Operators operators;

    @Inject
    Accounts accounts;

    @Inject
    AccountRemoval removal;

    @Inject
    Connections connections;

    @Inject
    Lobby lobby;

    @Inject
    RoomReads rooms;

    @Inject
    RoomRequests roomRequests;

    /** {@code GET admin/online?prefix=&after=&limit=}: who is online, with how many connections each. */
    @GET
    @Path("online")
    public Response online(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("prefix") @DefaultValue("") String prefix, @QueryParam("after") @DefaultValue("") String after,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        operator(authorization);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw JsonBody.refusal(Response.Status.BAD_REQUEST, "invalid-limit",
                    "limit must be from 1 to " + MAX_LIMIT);
        }
        List<String> page = connections.onlineUsers(prefix, after, limit + 1);
        JsonArrayBuilder people = Json.PROVIDER.createArrayBuilder();
        page.stream().limit(limit).forEach(name -> people.add(Json.PROVIDER.createObjectBuilder().add("name", name)
                .add("connections", connections.connectionsOf(name).size())));
        JsonObjectBuilder answer = Json.PROVIDER.createObjectBuilder().add("count", connections.onlineCount())
                .add("people", people);
        if (page.size() > limit) {
            answer.add("next", page.get(limit - 1));
        }
        return Response.ok(answer.build()).build();
    }

    /** {@code DELETE admin/users/NAME/connections}: closes the user's connections (1008); they may sign in again. */
    @DELETE
    @Path("users/{name}/connections")
    public Response disconnect(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("name") String name) {
        operator(authorization);
        Account account = existing(name);
        int closed = lobby.dismiss(account.name(), "disconnected by an operator");
        return Response.ok(Json.PROVIDER.createObjectBuilder().add("name", account.name()).add("closed", closed)
                .build()).build();
    }

    /** {@code PUT admin/users/NAME/suspension}: the account can no longer sign in, and its connections close. */
    @PUT
    @Path("users/{name}/suspension")
    public Response suspend(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("name") String name) {
        Account account = otherThanTheCaller(authorization, name);
        // the connections close once the suspension commits (Lobby observes it): these are they
        int closed = connections.connectionsOf(account.name()).size();
        accounts.suspend(account.name(), Instant.now(), "the account is suspended by an operator");
        return Response.ok(Json.PROVIDER.createObjectBuilder().add("name", account.name()).add("suspended", true)
                .add("closed", closed).build()).build();
    }

    /** {@code DELETE admin/users/NAME/suspension}: the account may sign in again. */
    @DELETE
    @Path("users/{name}/suspension")
    public Response reinstate(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("name") String name) {
        operator(authorization);
        Account account = existing(name);
        accounts.reinstate(account.name());
        return Response.ok(Json.PROVIDER.createObjectBuilder().add("name", account.name()).add("suspended", false)
                .build()).build();
    }

    /** {@code DELETE admin/users/NAME}: removes the account, its messages and marks; its connections close. */
    @DELETE
    @Path("users/{name}")
    public Response remove(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("name") String name) {
        Account account = otherThanTheCaller(authorization, name);
        int closed = connections.connectionsOf(account.name()).size();
        removal.remove(account.name());
        return Response.ok(Json.PROVIDER.createObjectBuilder().add("removed", account.name()).add("closed", closed)
                .build()).build();
    }

    /** {@code GET admin/rooms?search=&limit=}: every room whose name holds the search, private and closed ones too. */
    @GET
    @Path("rooms")
    public Response rooms(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("search") @DefaultValue("") String search, @QueryParam("limit") @DefaultValue("50") int limit) {
        operator(authorization);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw JsonBody.refusal(Response.Status.BAD_REQUEST, "invalid-limit",
                    "limit must be from 1 to " + MAX_LIMIT);
        }
        JsonArrayBuilder list = Json.PROVIDER.createArrayBuilder();
        rooms.everyRoom(search, limit).forEach(room -> list.add(roomJson(room)));
        return Response.ok(Json.PROVIDER.createObjectBuilder().add("rooms", list).build()).build();
    }

    /**
     * {@code GET admin/rooms/ID?after=&limit=}: one room, with a page of its members and those invited, by name, and
     * their roles; {@code next} is the {@code after} of the next page.
     */
    @GET
    @Path("rooms/{id}")
    public Response room(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id,
            @QueryParam("after") @DefaultValue("") String after, @QueryParam("limit") @DefaultValue("200") int limit) {
        operator(authorization);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw JsonBody.refusal(Response.Status.BAD_REQUEST, "invalid-limit",
                    "limit must be from 1 to " + MAX_LIMIT);
        }
        RoomSummary room = existingRoom(id);
        List<Membership> page = rooms.members(room.id(), after, limit + 1);
        JsonArrayBuilder members = Json.PROVIDER.createArrayBuilder();
        for (Membership member : page.subList(0, Math.min(limit, page.size()))) {
            members.add(Json.PROVIDER.createObjectBuilder().add("name", member.person())
                    .add("standing", member.standing().wireName()).add("role", member.role().wireName())
                    .add("connections", connections.connectionsOf(member.person()).size()));
        }
        JsonObjectBuilder answer = roomJson(room).add("members", members);
        if (page.size() > limit) {
            answer.add("next", page.get(limit - 1).person());
        }
        return Response.ok(answer.build()).build();
    }

    /**
     * {@code DELETE admin/rooms/ID}: closes the room. Everyone in it leaves with a {@code closed} event in its
     * log; nothing more is said in it, and its name is free again. Answered once that is committed.
     */
    @DELETE
    @Path("rooms/{id}")
    public Response closeRoom(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("id") String id) {
        String caller = operator(authorization);
        RoomSummary room = existingRoom(id);
        ChatMessage closing;
        try {
            closing = roomRequests.closeAsOperator(caller, room.id()).get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof LogRefusal refusal) {
                throw JsonBody.refusal(Response.Status.CONFLICT, refusal.code().wireName(), refusal.getMessage());
            }
            throw JsonBody.refusal(Response.Status.SERVICE_UNAVAILABLE, "unavailable",
                    "the room could not be closed; try again");
        } catch (TimeoutException e) {
            throw JsonBody.refusal(Response.Status.SERVICE_UNAVAILABLE, "unavailable",
                    "the closing was not committed within " + CLOSE_WAIT_SECONDS + " s; it may still be");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw JsonBody.refusal(Response.Status.SERVICE_UNAVAILABLE, "unavailable", "interrupted");
        }
        return Response.ok(Json.PROVIDER.createObjectBuilder().add("closed", room.id()).add("seq", closing.seq())
                .add("members", room.members()).build()).build();
    }

    private RoomSummary existingRoom(String id) {
        return (Conversation.isRoomId(id) ? rooms.room(id) : Optional.<RoomSummary>empty())
                .orElseThrow(() -> JsonBody.refusal(Response.Status.NOT_FOUND, "unknown-room", "no room has the id "
                        + id));
    }

    private static JsonObjectBuilder roomJson(RoomSummary room) {
        JsonObjectBuilder json = Json.PROVIDER.createObjectBuilder().add("id", room.id()).add("name", room.name())
                .add("topic", room.topic()).add("public", room.open()).add("history", room.history().wireName())
                .add("memberCount", room.members()).add("lastSeq", room.lastSeq());
        return room.isClosed() ? json.add("closedSeq", room.closedSeq()) : json;
    }

    private String operator(String authorization) {
        String caller = bearer.holder(authorization, Instant.now()).value();
        if (!operators.isOperator(caller)) {
            throw JsonBody.refusal(Response.Status.FORBIDDEN, "not-an-operator",
                    "only the accounts parley.operators names may administer");
        }
        return caller;
    }

    private Account existing(String name) {
        try {
            UserName.parse(name);
        } catch (UserName.InvalidUserName e) {
            throw JsonBody.refusal(Response.Status.NOT_FOUND, "unknown-user", "no such user name: " + e.getMessage());
        }
        return accounts.find(name).orElseThrow(() -> JsonBody.refusal(Response.Status.NOT_FOUND, "unknown-user",
                "nobody is called " + name));
    }

    // an operator locked out by their own hand would need the server's settings to get back in
    private Account otherThanTheCaller(String authorization, String name) {
        String caller = operator(authorization);
        Account account = existing(name);
        if (caller.equals(account.name())) {
            throw JsonBody.refusal(Response.Status.CONFLICT, "yourself", "an operator cannot do that to themselves");
        }
        return account;
    }
}
