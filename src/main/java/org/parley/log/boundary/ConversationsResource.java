package org.parley.log.boundary;

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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.parley.account.boundary.Bearer;
import org.parley.log.control.LogSettings;
import org.parley.log.control.Marks;
import org.parley.log.control.MessageStore;
import org.parley.log.entity.ChatMessage;
import org.parley.log.entity.Conversation;
import org.parley.web.Json;
import org.parley.web.JsonBody;

/**
 * History, for the signed-in user only: {@code GET /parley/api/conversations} lists their conversations (everyone
 * first, then the latest first) with unread counts, and {@code GET /parley/api/conversations/{id}/messages} pages
 * back through one of them, newest first. A conversation the caller takes no part in is 404, the same as one that
 * does not exist, so that nobody learns who talks to whom.
 */
@Path("conversations")
@Produces(MediaType.APPLICATION_JSON)
public class ConversationsResource {

    @Inject
    LogSettings logSettings;

    @Inject
    Bearer bearer;

    @Inject
    MessageStore store;

    @Inject
    Marks marks;

    @GET
    public Response list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("user") String openName) {
        String user = bearer.caller(authorization, openName);
        Map<String, Long> read = marks.readBy(user);
        List<Map.Entry<String, Long>> direct = new ArrayList<>(store.directConversationsOf(user).entrySet());
        direct.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()));
        JsonArrayBuilder conversations = Json.PROVIDER.createArrayBuilder();
        conversations.add(summary(user, Conversation.everyone(), read));
        for (Map.Entry<String, Long> entry : direct) {
            Conversation.parse(entry.getKey()).ifPresent(c -> conversations.add(summary(user, c, read)));
        }
        return Response.ok(Json.PROVIDER.createObjectBuilder().add("conversations", conversations).build().toString())
                .build();
    }

    private JsonObjectBuilder summary(String user, Conversation conversation, Map<String, Long> read) {
        long readUpTo = read.getOrDefault(conversation.id(), 0L);
        JsonObjectBuilder json = Json.PROVIDER.createObjectBuilder().add("id", conversation.id());
        if (!conversation.isEveryone()) {
            String partner = conversation.partnerOf(user);
            json.add("with", partner).add("partnerReceivedUpTo", marks.deliveredTo(partner));
            if (logSettings.readReceipts()) {
                json.add("partnerReadUpTo", marks.readBy(partner, conversation));
            }
        }
        List<ChatMessage> last = store.history(conversation, Long.MAX_VALUE, 1);
        if (!last.isEmpty()) {
            json.add("last", last.get(0).toFrame(false).toJson());
        }
        return json.add("readUpTo", readUpTo).add("unread", store.countUnread(conversation, user, readUpTo));
    }

    @GET
    @Path("{id}/messages")
    public Response messages(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("user") String openName, @PathParam("id") String id, @QueryParam("before") String before,
            @QueryParam("limit") String limit) {
        String user = bearer.caller(authorization, openName);
        Conversation conversation = Conversation.parse(id).filter(c -> c.hasParticipant(user))
                .orElseThrow(() -> JsonBody.refusal(Response.Status.NOT_FOUND, "unknown-conversation",
                        "you take no part in a conversation with that id"));
        long beforeSeq = JsonBody.wholeNumber(before, "before", Long.MAX_VALUE, Long.MAX_VALUE);
        int max = (int) JsonBody.wholeNumber(limit, "limit", JsonBody.PAGE, JsonBody.MAX_PAGE);
        // one more than asked: whether there is an older page
        List<ChatMessage> page = store.history(conversation, beforeSeq, max + 1);
        JsonArrayBuilder messages = Json.PROVIDER.createArrayBuilder();
        page.stream().limit(max).forEach(m -> messages.add(m.toFrame(false).toJson()));
        return Response.ok(Json.PROVIDER.createObjectBuilder().add("conversation", conversation.id())
                .add("messages", messages).add("more", page.size() > max).build().toString()).build();
    }

    /** The signed-in user; in open demo mode, where anyone may be anyone, the name in {@code ?user=}. */
}
