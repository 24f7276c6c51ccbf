package org.parley.admin.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.testing.ChatClient;
import org.parley.testing.DeployedParley;
import org.parley.testing.SignIn;

/**
 * The operator's API as an operator uses it, and one's own account as its holder does. The suite's servers name
 * {@code apioperator} in parley.operators (pom.xml), for this class alone; its account is made here, as README
 * "Operating Parley" says the first operator's is.
 */
class AdministrationIT extends DeployedParley {

    private static final String OPERATOR = "apioperator";
    private static final int POLICY = CloseReason.CloseCodes.VIOLATED_POLICY.getCode();

    private String operator;

    @BeforeEach
    void operatorSignsIn() {
        SignIn.signUp(base, OPERATOR);
        operator = SignIn.ticket(base, OPERATOR);
    }

    private HttpResponse<String> admin(String method, String path) {
        return SignIn.as(base, method, "admin/" + path, operator, null);
    }


    @Test
    void onlyAnOperatorAdministers() {
        String mallory = newAccount("mallory");
        HttpResponse<String> notOne = SignIn.as(base, "GET", "admin/online", SignIn.ticket(base, mallory), null);
        assertEquals(403, notOne.statusCode(), notOne.body());
        assertEquals("not-an-operator", SignIn.json(notOne).getString("error"));
        assertEquals(401, SignIn.get(base, "admin/online").statusCode());
        HttpResponse<String> nobody = admin("PUT", "users/nobody" + mallory + "/suspension");
        assertEquals(404, nobody.statusCode(), nobody.body());
        assertEquals(404, admin("DELETE", "users/not%20a%20name").statusCode());
        assertEquals(409, admin("PUT", "users/" + OPERATOR + "/suspension").statusCode(), "not oneself");
    }

    @Test
    void anOperatorSeesWhoIsOnlineAndDisconnectsSomeoneWhoMayComeBack() {
        String ann = newAccount("ann");
        try (ChatClient phone = ChatClient.connect(base, ann); ChatClient laptop = ChatClient.connect(base, ann)) {
            JsonObject online = SignIn.json(admin("GET", "online?prefix=" + ann));
            assertEquals(1, online.getJsonArray("people").size(), online.toString());
            assertEquals(2, online.getJsonArray("people").getJsonObject(0).getInt("connections"));

            JsonObject disconnected = SignIn.json(admin("DELETE", "users/" + ann + "/connections"));
            assertEquals(2, disconnected.getInt("closed"));
            phone.awaitClosedWith(POLICY, "disconnected by an operator");
            laptop.awaitClosedWith(POLICY, "disconnected by an operator");
        }
        try (ChatClient again = ChatClient.connect(base, ann)) {
            assertTrue(again.isOpen(), "a disconnect is not a ban");
        }
    }

    @Test
    void aSuspendedAccountIsClosedCannotSignInOrUseItsTicketUntilReinstated() {
        String ben = newAccount("ben");
        String ticket = SignIn.ticket(base, ben);
        try (ChatClient b = ChatClient.connect(base, ben)) {
            JsonObject suspended = SignIn.json(admin("PUT", "users/" + ben.toUpperCase() + "/suspension"));
            assertEquals(ben, suspended.getString("name"), "found in any case");
            assertTrue(suspended.getBoolean("suspended"));
            b.awaitClosedWith(POLICY, "the account is suspended by an operator");
        }
        HttpResponse<String> signIn = SignIn.attempt(base, SignIn.credentials(ben, SignIn.password(ben)));
        assertEquals(403, signIn.statusCode(), signIn.body());
        assertEquals("account-suspended", SignIn.json(signIn).getString("error"));
        try (ChatClient withOldTicket = ChatClient.open(base, "ticket="
                + URLEncoder.encode(ticket, StandardCharsets.UTF_8))) {
            CloseReason refused = withOldTicket.awaitClose();
            assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY.getCode(), refused.getCloseCode().getCode());
            assertTrue(refused.getReasonPhrase().contains("suspended"), refused.getReasonPhrase());
        }

        assertEquals(200, admin("DELETE", "users/" + ben + "/suspension").statusCode());
        try (ChatClient back = ChatClient.connect(base, ben)) {
            assertTrue(back.isOpen());
        }
    }

    @Test
    void aRemovedAccountGoesWithItsMessagesAndItsNameStartsAfresh() {
        String cy = newAccount("cy");
        String dee = newAccount("dee");
        String conversation;
        try (ChatClient d = ChatClient.connect(base, dee); ChatClient c = ChatClient.connect(base, cy)) {
            conversation = c.sendTo(dee, "before cy went").getString("conversation");
            d.next(frame -> "before cy went".equals(frame.getString("body", null)));
            JsonObject removed = SignIn.json(admin("DELETE", "users/" + cy));
            assertEquals(cy, removed.getString("removed"));
            c.awaitClosedWith(POLICY, "the account was removed");
            assertTrue(d.isOpen(), "the other person stays");
        }
        assertEquals(401, SignIn.attempt(base, SignIn.credentials(cy, SignIn.password(cy))).statusCode());
        HttpResponse<String> history = SignIn.getWith(base, "conversations/" + conversation + "/messages",
                SignIn.ticket(base, dee));
        assertEquals(200, history.statusCode(), history.body());
        assertEquals(0, SignIn.json(history).getJsonArray("messages").size(), "what cy wrote is gone: " + history.body());

        SignIn.signUp(base, cy);
        HttpResponse<String> newcomers = SignIn.getWith(base, "conversations/" + conversation + "/messages",
                SignIn.ticket(base, cy));
        assertEquals(0, SignIn.json(newcomers).getJsonArray("messages").size(), "a new cy sees nothing of the old");
    }

    @Test
    void oneChangesOnesPasswordAndRemovesOnesAccountWithThePasswordOnly() {
        String eve = newAccount("eve");
        String ticket = SignIn.ticket(base, eve);
        String newPassword = "a new password for " + eve;
        HttpResponse<String> wrong = SignIn.as(base, "PUT", "accounts/me/password", ticket, Json.createObjectBuilder()
                .add("password", "not it at all").add("newPassword", newPassword).build().toString());
        assertEquals(403, wrong.statusCode(), wrong.body());

        try (ChatClient other = ChatClient.connect(base, eve)) {
            HttpResponse<String> changed = SignIn.as(base, "PUT", "accounts/me/password", ticket,
                    Json.createObjectBuilder().add("password", SignIn.password(eve)).add("newPassword", newPassword)
                            .build().toString());
            assertEquals(200, changed.statusCode(), changed.body());
            ticket = SignIn.json(changed).getString("ticket");
            other.awaitClosedWith(POLICY, "the password was changed: sign in again");
        }
        assertEquals(401, SignIn.attempt(base, SignIn.credentials(eve, SignIn.password(eve))).statusCode());
        assertEquals(200, SignIn.attempt(base, SignIn.credentials(eve, newPassword)).statusCode());

        HttpResponse<String> removed = SignIn.as(base, "POST", "accounts/me/removal", ticket,
                Json.createObjectBuilder().add("password", newPassword).build().toString());
        assertEquals(200, removed.statusCode(), removed.body());
        assertEquals(401, SignIn.attempt(base, SignIn.credentials(eve, newPassword)).statusCode());
    }

    @Test
    void anOperatorSeesEveryRoomPrivateOnesTooWithTheirMembersAndClosesOne() {
        String ann = newAccount("ann");
        String ben = newAccount("ben");
        try (ChatClient a = ChatClient.connect(base, ann); ChatClient b = ChatClient.connect(base, ben)) {
            String room = a.room("create", "name", "Secret " + ann).getString("conversation");
            a.room("invite", "room", room, "person", ben);
            assertEquals("ack", b.room("join", "room", room).getString("type"));
            String path = "rooms/" + room.replace("#", "%23");

            JsonObject found = SignIn.json(admin("GET", "rooms?search=secret%20" + ann));
            assertEquals(room, found.getJsonArray("rooms").getJsonObject(0).getString("id"),
                    "a private room is listed for operators");
            JsonObject details = SignIn.json(admin("GET", path));
            assertEquals(2, details.getJsonArray("members").size());
            assertEquals(1, details.getJsonArray("members").getValuesAs(JsonObject.class).stream()
                    .filter(m -> ben.equals(m.getString("name"))).findFirst().orElseThrow().getInt("connections"));

            HttpResponse<String> closing = admin("DELETE", path);
            assertEquals(200, closing.statusCode(), closing.body());
            long seq = SignIn.json(closing).getJsonNumber("seq").longValue();
            JsonObject closed = b.next(f -> "closed".equals(f.getString("event", null)));
            assertEquals(seq, closed.getJsonNumber("seq").longValue());
            assertEquals(OPERATOR, closed.getString("from"));
            assertEquals("unknown-room", a.sendTo(room, "still here?").getString("code"),
                    "nothing more is said in a closed room");
            assertEquals(seq, SignIn.json(admin("GET", path)).getJsonNumber("closedSeq").longValue());
            assertEquals(409, admin("DELETE", path).statusCode(), "closed already");
            assertEquals(404, admin("DELETE", "rooms/%23nosuchroom").statusCode());
            assertEquals(403, SignIn.as(base, "DELETE", "admin/" + path, SignIn.ticket(base, ann), null)
                    .statusCode(), "an owner closes a room from the chat, not here");
        }
    }
}
