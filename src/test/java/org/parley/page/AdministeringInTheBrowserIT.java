package org.parley.page;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.websocket.CloseReason;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.parley.testing.ChatClient;
import org.parley.testing.DeployedParley;
import org.parley.testing.Person;
import org.parley.testing.SignIn;

/**
 * The operator's page (admin.html) and one's own account on the chat page, in Chromium. The suite's servers name
 * {@code pageoperator} in parley.operators (pom.xml), for this class alone (AdministrationIT has its own).
 */
class AdministeringInTheBrowserIT extends DeployedParley {

    private static final String OPERATOR = "pageoperator";
    private static final int POLICY = CloseReason.CloseCodes.VIOLATED_POLICY.getCode();


    @Test
    void anOperatorDisconnectsSuspendsReinstatesAndRemovesFromThePage() {
        SignIn.signUp(base, OPERATOR);
        String prefix = "pg" + UUID.randomUUID().toString().substring(0, 6);
        String ann = prefix + "ann";
        String ben = prefix + "ben";
        try (Person operator = Person.atAdminPage(base, OPERATOR)) {
            operator.signInAsOperator();
            try (ChatClient a = ChatClient.connect(base, ann); ChatClient b = ChatClient.connect(base, ben)) {
                operator.awaitListedOnline(prefix, ann, true);
                assertEquals(1, operator.connectionsListedFor(ann));
                operator.actOnListed("disconnect", ann);
                operator.awaitAdminStatus(ann + ": disconnected.");
                a.awaitClosedWith(POLICY, "disconnected by an operator");
                operator.awaitListedOnline(prefix, ann, false);

                operator.actOnListed("suspend", ben);
                operator.awaitAdminStatus(ben + ": suspended.");
                b.awaitClosedWith(POLICY, "the account is suspended by an operator");
            }
            assertEquals(403, SignIn.attempt(base, SignIn.credentials(ben, SignIn.password(ben))).statusCode());
            operator.actOnAccount("reinstate", ben);
            operator.awaitAdminStatus(ben + ": reinstated.");
            assertEquals(200, SignIn.attempt(base, SignIn.credentials(ben, SignIn.password(ben))).statusCode());

            operator.actOnAccount("remove", ann);
            operator.awaitAdminStatus(ann + ": removed, with its messages.");
            assertEquals(401, SignIn.attempt(base, SignIn.credentials(ann, SignIn.password(ann))).statusCode());
            operator.actOnAccount("suspend", OPERATOR);
            operator.awaitAdminStatus(OPERATOR + ": an operator cannot do that to themselves");
        }
    }

    @Test
    void anOperatorFindsARoomSeesItsMembersAndClosesIt() {
        SignIn.signUp(base, OPERATOR);
        String prefix = "pr" + UUID.randomUUID().toString().substring(0, 6);
        String ann = prefix + "ann";
        String ben = prefix + "ben";
        try (Person operator = Person.atAdminPage(base, OPERATOR);
                ChatClient a = ChatClient.connect(base, ann); ChatClient b = ChatClient.connect(base, ben)) {
            String room = a.room("create", "name", "Lounge " + prefix, "public", "false").getString("conversation");
            assertEquals("ack", a.room("invite", "room", room, "person", ben).getString("type"));
            assertEquals("ack", b.room("join", "room", room).getString("type"));
            operator.signInAsOperator();

            assertEquals("# Lounge " + prefix + " (private) | 2", operator.awaitRoomListed(prefix, room),
                    "an operator finds private rooms too");
            operator.actOnRoom("members", room);
            assertEquals(List.of(ann + " owner 1", ben + " member 1"), operator.awaitRoomMembers(2));

            operator.actOnRoom("close", room);
            operator.awaitAdminStatus(room + ": closed; its 2 members left it.");
            b.next(frame -> "room-event".equals(frame.getString("type")) && "closed".equals(frame.getString("event")));
            assertEquals("# Lounge " + prefix + " (private, closed) | 0", operator.awaitRoomListed(prefix, room));
            assertEquals(List.of(), operator.awaitRoomMembers(0), "nobody is in a closed room");
        }
    }

    @Test
    void onesOwnPasswordIsChangedAndOnesAccountRemovedFromTheChatPage() {
        String cy = "cy" + UUID.randomUUID().toString().substring(0, 6);
        String newPassword = "another password for " + cy;
        try (Person person = Person.at(base, cy)) {
            person.createAccount();
            person.changePassword(SignIn.password(cy), newPassword);
            assertEquals(401, SignIn.attempt(base, SignIn.credentials(cy, SignIn.password(cy))).statusCode());
            assertEquals(200, SignIn.attempt(base, SignIn.credentials(cy, newPassword)).statusCode());

            person.removeAccount(newPassword);
            assertEquals(401, SignIn.attempt(base, SignIn.credentials(cy, newPassword)).statusCode());
        }
    }
}
