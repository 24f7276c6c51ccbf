package org.parley.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.parley.testing.DeployedParley;
import org.parley.testing.Person;

/** Two people, each in a Chromium of their own, using the page as it is served. */
class ChattingInTheBrowserIT extends DeployedParley {

    private static String name(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 6);
    }

    /** Both create accounts, and the first sees the second come online. */
    private static void bothJoin(Person ann, Person ben) {
        ann.createAccount();
        ben.createAccount();
        ann.awaitOnline(ben.name);
    }

    @Test
    void twoPeopleWhoCreateAccountsSeeEachOtherOnline() {
        try (Person ann = Person.at(base, name("ann")); Person ben = Person.at(base, name("ben"))) {
            bothJoin(ann, ben);
            ben.awaitOnline(ann.name);
        }
    }

    @Test
    void directMessageClickedFromTheListReachesThatPersonAndABroadcastReachesBoth() {
        try (Person ann = Person.at(base, name("ann")); Person ben = Person.at(base, name("ben"))) {
            bothJoin(ann, ben);
            Instant before = Instant.now().minusSeconds(5);
            ann.choose(ben.name);
            ann.say("hello ben, just you");
            ben.awaitUnread(ann.name, 1);
            ben.openConversationWith(ann.name);
            Person.Shown received = ben.awaitMessage("hello ben, just you");
            assertEquals(ann.name, received.from());
            assertEquals("to you", received.context());
            assertTrue(Instant.parse(received.sentAt()).isAfter(before), received.sentAt());
            assertTrue(received.time().matches(".*\\d{1,2}[:.]\\d{2}.*"), "a time a person reads: " + received.time());
            assertTrue(ann.awaitMessage("hello ben, just you").classes().contains("own"), "own messages look different");
            ann.awaitMessageState("hello ben, just you", "read");

            // the conversation with everyone is shared with every other test: these bodies are this test's own
            String hello = "hello everyone, " + ann.name + " here";
            String later = "see you later, from " + ann.name;
            ann.chooseEveryone();
            ann.say(hello);
            assertEquals(ann.name, ann.awaitMessage(hello).from());
            ann.say(later);
            ben.awaitUnread("everyone", 2);
            ben.say("hi ann, see you");
            ann.awaitUnread(ben.name, 1);
            ann.choose(ben.name);
            ann.awaitMessage("hi ann, see you");
            ann.screenshot("conversation-sender");
            ben.screenshot("conversation");
            ben.chooseEveryone();
            assertEquals("to everyone", ben.awaitMessage(hello).context());
            ben.awaitMessage(later);
            ben.awaitUnread("everyone", 0);
            ben.resize(390, 800);
            ben.screenshot("conversation-phone");
        }
    }

    @Test
    void messageWrittenWhileSomeoneIsAwayIsShownMarkedWhenTheyComeBack() {
        String benName = name("ben");
        try (Person ann = Person.at(base, name("ann"))) {
            ann.createAccount();
            try (Person ben = Person.at(base, benName)) {
                ben.createAccount();
                ann.awaitOnline(benName);
                ben.signOut();
            }
            ann.awaitOffline(benName);
            ann.choose(benName);
            ann.say("while you were out");
            ann.awaitMessage("while you were out");
            try (Person ben = Person.at(base, benName)) {
                ben.signIn();
                ben.openConversationWith(ann.name);
                Person.Shown kept = ben.awaitMessage("while you were out");
                assertEquals(ann.name, kept.from());
                assertEquals("delivered while you were away", kept.mark());
            }
        }
    }

    @Test
    void markupAndChineseWithEmojiAreShownAsTheLiteralTextTheyAre() {
        String markup = "<img src=x onerror=alert(1)>";
        String chinese = "你好 👋🏽 世界";
        try (Person ann = Person.at(base, name("ann")); Person ben = Person.at(base, name("ben"))) {
            bothJoin(ann, ben);
            ann.choose(ben.name);
            ann.say(markup);
            ann.say(chinese);
            ben.openConversationWith(ann.name);
            assertEquals(markup, ben.awaitMessage(markup).body());
            assertEquals(chinese, ben.awaitMessage(chinese).body());
            assertEquals(0, ben.elementsInMessages("img"), "no element was made from the text");
            assertFalse(ben.alertIsOpen(), "no script ran");
            assertFalse(ann.alertIsOpen());
        }
    }

    @Test
    void enterSendsAndTheCursorStaysInTheMessageBox() {
        try (Person ann = Person.at(base, name("ann")); Person ben = Person.at(base, name("ben"))) {
            bothJoin(ann, ben);
            ann.choose(ben.name);
            ben.choose(ann.name);
            ann.say("sent with Enter");
            ben.awaitMessage("sent with Enter");
            assertEquals("body", ann.focusedElementId());
            assertEquals("", ann.messageBoxText(), "the box is cleared for the next message");
            ann.say("and again");
            ben.awaitMessage("and again");
        }
    }

    @Test
    void thePageRenewsItsTicketAndAReloadStaysSignedIn() {
        try (Person ann = Person.at(base, name("ann"))) {
            ann.createAccount();
            // the suite's tickets live 6 s; the page renews at half-life, so two renewals take about 6 s
            String first = ann.storedTicket();
            String second = ann.awaitStoredTicketOtherThan(first);
            ann.awaitStoredTicketOtherThan(second);
            ann.reload();
            ann.awaitState("connected");
            assertEquals("connected", ann.state(), "the first ticket has expired; the renewed one let the page in");
        }
    }
}
