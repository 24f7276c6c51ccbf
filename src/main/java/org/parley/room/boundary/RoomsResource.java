package org.parley.room.boundary;

import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parley.account.boundary.Bearer;
import org.parley.log.control.MessageStore;
import org.parley.log.entity.ChatMessage;
import org.parley.log.entity.Conversation;
import org.parley.protocol.Excerpt;
import org.parley.room.control.RoomReads;
import org.parley.room.entity.History;
import org.parley.room.entity.Membership;
import org.parley.room.entity.RoomSummary;
import org.parley.room.entity.Span;
import org.parley.room.entity.Standing;
import org.parley.web.Json;
import org.parley.web.JsonBody;

/**
 * Rooms, read: {@code GET /parley/api/rooms} lists the caller's rooms and invitations, {@code /rooms/directory}
 * searches the public ones, {@code /rooms/{id}} shows one with its members, and {@code /rooms/{id}/messages} pages
 * back through what the caller may read of it, newest first. Everything a room changes goes through the chat's
 * WebSocket, where it is numbered in the log (docs/PROTOCOL.md, "Rooms"). A private room the caller is neither in nor
 * invited to is 404, like one that does not exist.
 */
@Path("rooms")
@Produces(MediaType.APPLICATION_JSON)
public class RoomsResource {

    @Inject
    Bearer bearer;

    @Inject
    RoomReads rooms;

    @Inject
    MessageStore store;

    @GET
    public Response mine(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("user") String openName) {
        String user = bearer.caller(authorization, openName);
        JsonArrayBuilder list = Json.PROVIDER.createArrayBuilder();
        for (RoomReads.Mine mine : rooms.roomsOf(user)) {
            JsonObjectBuilder json = summary(mine.room()).add("standing", mine.membership().standing().wireName())
                    .add("role", mine.membership().role().wireName()).add("readUpTo", mine.readUpTo())
                    .add("unread", mine.unread());
            mine.last().ifPresent(last -> json.add("last", last.toFrame(false).toJson()));
            list.add(json);
        }
        return ok(Json.PROVIDER.createObjectBuilder().add("rooms", list));
    }

    @GET
    @Path("directory")
    public Response directory(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("user") String openName, @QueryParam("search") String search,
            @QueryParam("limit") String limit) {
        bearer.caller(authorization, openName);
        int max = (int) JsonBody.wholeNumber(limit, "limit", JsonBody.PAGE, JsonBody.MAX_PAGE);
        JsonArrayBuilder list = Json.PROVIDER.createArrayBuilder();
        rooms.directory(search == null ? "" : search, max).forEach(room -> list.add(summary(room)));
        return ok(Json.PROVIDER.createObjectBuilder().add("rooms", list));
    }

    @GET
    @Path("{id}")
    public Response room(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("user") String openName, @PathParam("id") String id, @QueryParam("after") String after,
            @QueryParam("limit") String limit) {
        String user = bearer.caller(authorization, openName);
        RoomSummary room = visible(id, user);
        int max = (int) JsonBody.wholeNumber(limit, "limit", JsonBody.MAX_PAGE, JsonBody.MAX_PAGE);
        // one more than asked: whether there is a next page
        List<Membership> page = rooms.members(room.id(), after == null ? "" : after, max + 1);
        JsonArrayBuilder members = Json.PROVIDER.createArrayBuilder();
        for (Membership member : page.subList(0, Math.min(max, page.size()))) {
            members.add(Json.PROVIDER.createObjectBuilder().add("name", member.person())
                    .add("standing", member.standing().wireName()).add("role", member.role().wireName()));
        }
        JsonObjectBuilder json = summary(room).add("members", members);
        if (page.size() > max) {
            json.add("next", page.get(max - 1).person());
        }
        rooms.membership(room.id(), user).ifPresent(m -> json.add("standing", m.standing().wireName())
                .add("role", m.role().wireName()));
        return ok(json);
    }

    @GET
    @Path("{id}/messages")
    public Response messages(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("user") String openName, @PathParam("id") String id, @QueryParam("before") String before,
            @QueryParam("limit") String limit) {
        String user = bearer.caller(authorization, openName);
        RoomSummary room = visible(id, user);
        long beforeSeq = JsonBody.wholeNumber(before, "before", Long.MAX_VALUE, Long.MAX_VALUE);
        int max = (int) JsonBody.wholeNumber(limit, "limit", JsonBody.PAGE, JsonBody.MAX_PAGE);
        List<long[]> readable = readable(room, rooms.spansIn(user, room.id()));
        if (readable.isEmpty()) {
            throw JsonBody.refusal(Response.Status.FORBIDDEN, "not-member",
                    "join the room to read what is said in it");
        }
        // the newest stretch first; one more than asked: whether there is an older page
        List<ChatMessage> page = new ArrayList<>();
        Conversation conversation = Conversation.room(room.id());
        for (int i = readable.size() - 1; i >= 0 && page.size() <= max; i--) {
            long from = readable.get(i)[0];
            long until = Math.min(beforeSeq, readable.get(i)[1]);
            if (from < until) {
                page.addAll(store.history(conversation, from, until, max + 1 - page.size()));
            }
        }
        JsonArrayBuilder messages = Json.PROVIDER.createArrayBuilder();
        page.stream().limit(max).forEach(m -> messages.add(m.toFrame(false).toJson()));
        return ok(Json.PROVIDER.createObjectBuilder().add("conversation", room.id()).add("messages", messages)
                .add("more", page.size() > max));
    }

    /**
     * The stretches [from, before) of the room that a reader of these spans may read, oldest first: from the room's
     * beginning to the end of their latest membership where its history is shared; else their memberships only.
     * Notices (an invitation, a ban) give nothing to read.
     */
    static List<long[]> readable(RoomSummary room, List<Span> spans) {
        List<long[]> stretches = new ArrayList<>();
        for (Span span : spans) {
            if (!span.notice()) {
                stretches.add(new long[] {span.fromSeq(), span.isOpen() ? Long.MAX_VALUE : span.untilSeq() + 1});
            }
        }
        if (room.history() == History.SHARED && !stretches.isEmpty()) {
            return List.of(new long[] {room.createdSeq(), stretches.get(stretches.size() - 1)[1]});
        }
        return stretches;
    }

    /** The room, if the caller may see it: public, or one they are in or invited to. */
    private RoomSummary visible(String id, String user) {
        Optional<RoomSummary> room = Conversation.isRoomId(id) ? rooms.room(id) : Optional.empty();
        if (room.isPresent() && !room.get().open()) {
            Standing standing = rooms.membership(id, user).map(Membership::standing).orElse(Standing.LEFT);
            if (!standing.seesRoom()) {
                room = Optional.empty();
            }
        }
        return room.orElseThrow(() -> JsonBody.refusal(Response.Status.NOT_FOUND, "unknown-room",
                "there is no room " + Excerpt.of(id) + " that you can see"));
    }

    private static JsonObjectBuilder summary(RoomSummary room) {
        return Json.PROVIDER.createObjectBuilder().add("id", room.id()).add("name", room.name())
                .add("topic", room.topic())
                .add("public", room.open()).add("history", room.history().wireName()).add("memberCount", room.members())
                .add("lastSeq", room.lastSeq()).add("lastMessageSeq", room.lastMessageSeq());
    }

    private static Response ok(JsonObjectBuilder json) {
        return Response.ok(json.build().toString()).build();
    }
}
