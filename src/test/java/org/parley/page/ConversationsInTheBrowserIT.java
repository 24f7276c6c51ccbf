package org.parley.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.testing.Frames.withBody;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.parley.testing.ChatClient;
import org.parley.testing.DeployedParley;
import org.parley.testing.Person;

/**
 * The page over Parley's message log: conversations and their history survive a reload and follow a person to a
 * second device, messages show pending → stored → delivered → read, what came while away is marked once, unread
 * counts are cleared everywhere when read on one device, and older pages load as one scrolls up.
 */
class ConversationsInTheBrowserIT extends DeployedParley {

    private static String name(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 6);
    }

    private static List<String> bodies(List<Person.Shown> shown) {
        return shown.stream().map(Person.Shown::body).toList();
    }

    @Test
    void afterAReloadTheConversationAndItsMessagesAreThereInOrderOnce() {
        try (Person ann = Person.at(base, name("ann")); Person ben = Person.at(base, name("ben"))) {
            ann.createAccount();
            ben.createAccount();
            ann.awaitOnline(ben.name);
            ann.choose(ben.name);
            ben.choose(ann.name);
            ann.say("one");
            ben.awaitMessage("one");
            ben.say("two");
            ann.awaitMessage("two");
            ann.say("three");
            List<String> chat = List.of("one", "two", "three");
            ben.awaitMessages(chat);

            for (int reload = 1; reload <= 2; reload++) {
                ben.reload();
                ben.awaitState("connected");
                ben.awaitOpen(ann.name); // the conversation open before the reload, with its newest page
                assertEquals(chat, ben.bodies(), "reload " + reload);
                assertEquals(List.of("everyone", ann.name), ben.conversations());
                List<Person.Shown> shown = ben.messages();
                assertEquals(List.of(ann.name, ben.name, ann.name), shown.stream().map(Person.Shown::from).toList());
            }
            // still live after the reloads, and still once
            ann.say("four");
            ben.awaitMessage("four");
            assertEquals(List.of("one", "two", "three", "four"), ben.bodies());
        }
    }

    @Test
    void aSecondDeviceShowsTheSameConversationsAndEachDeviceSeesWhatTheOtherSends() {
        String annName = name("ann");
        try (Person laptop = Person.at(base, annName); Person ben = Person.at(base, name("ben"))) {
            laptop.createAccount();
            ben.createAccount();
            laptop.awaitOnline(ben.name);
            laptop.choose(ben.name);
            ben.choose(annName);
            laptop.say("from the laptop");
            ben.awaitMessage("from the laptop");
            ben.say("got it");
            laptop.awaitMessages(List.of("from the laptop", "got it"));

            try (Person phone = Person.at(base, annName)) {
                phone.signIn();
                phone.awaitUnread(ben.name, 0);
                assertEquals(laptop.conversations(), phone.conversations());
                phone.openConversationWith(ben.name);
                assertEquals(List.of("from the laptop", "got it"), phone.bodies());

                laptop.say("sent on the laptop, seen on the phone");
                Person.Shown onPhone = phone.awaitMessage("sent on the laptop, seen on the phone");
                assertTrue(onPhone.classes().contains("own"), "her own message on her other device: " + onPhone);
                assertEquals(annName, onPhone.from());

                phone.say("and back from the phone");
                laptop.awaitMessage("and back from the phone");
                List<String> all = List.of("from the laptop", "got it", "sent on the laptop, seen on the phone",
                        "and back from the phone");
                // each once, in the same order everywhere (one's own pending copy goes once its ack is in)
                ben.awaitMessages(all);
                laptop.awaitMessages(all);
                phone.awaitMessages(all);
                assertEquals(all, ben.bodies());
                // ben has the conversation open: both of ann's devices learn he read it
                phone.awaitMessageState("sent on the laptop, seen on the phone", "read");
                laptop.awaitMessageState("and back from the phone", "read");
            }
        }
    }

    @Test
    void aDirectMessageGoesFromStoredToDeliveredToRead() {
        String benName = newAccount("ben"); // an account that has never connected
        try (Person ann = Person.at(base, name("ann"))) {
            ann.createAccount();
            // typed as nobody spells it: the server finds the account, and the page takes the account's spelling
            ann.startConversationWith(benName.toUpperCase(Locale.ROOT));
            ann.say("are you there?");
            assertEquals("stored", ann.awaitMessageState("are you there?", "stored").state());
            assertEquals(List.of("everyone", benName), ann.conversations());

            try (Person ben = Person.at(base, benName)) {
                ben.signIn();
                ann.awaitMessageState("are you there?", "delivered");
                ben.awaitUnread(ann.name, 1);
                assertEquals("delivered", ann.awaitMessage("are you there?").state(), "not read before he opens it");
                ben.openConversationWith(ann.name);
                ann.awaitMessageState("are you there?", "read");
                ann.say("and now you read at once");
                ann.awaitMessageState("and now you read at once", "read");
                ann.awaitMessages(List.of("are you there?", "and now you read at once"));
                assertTrue(ann.messages().stream().allMatch(m -> "read".equals(m.state())), ann.messages().toString());
            }
        }
    }

    @Test
    void messagesSentWhileSomeoneIsAwayAreMarkedOnceWhenTheyComeBack() {
        String benName = newAccount("ben");
        try (Person ann = Person.at(base, name("ann"))) {
            ann.createAccount();
            ann.startConversationWith(benName);
            ann.say("while you were out, one");
            ann.say("while you were out, two");
            ann.awaitMessageState("while you were out, two", "stored");

            try (Person ben = Person.at(base, benName)) {
                ben.signIn();
                ben.awaitUnread(ann.name, 2);
                ben.openConversationWith(ann.name);
                List<Person.Shown> shown = ben.awaitMessages(List.of("while you were out, one", "while you were out, two"));
                assertEquals(2, shown.size(), "each once: " + shown);
                for (Person.Shown message : shown) {
                    assertTrue(message.offline(), message.toString());
                    assertEquals("delivered while you were away", message.mark());
                }
                ann.say("and this one live");
                Person.Shown live = ben.awaitMessage("and this one live");
                assertFalse(live.offline(), live.toString());
                assertEquals("", live.mark());
                assertEquals(List.of("while you were out, one", "while you were out, two", "and this one live"),
                        ben.bodies());
                ben.screenshot("while-away");
            }
        }
    }

    @Test
    void unreadCountsComeWithTheListAndReadingOnOneDeviceClearsThemOnTheOther() {
        String benName = name("ben");
        try (Person ann = Person.at(base, name("ann")); Person ben = Person.at(base, benName)) {
            ann.createAccount();
            ben.createAccount();
            ann.awaitOnline(benName);
            ann.choose(benName);
            ann.say("first unread");
            ann.say("second unread");
            ben.awaitUnread(ann.name, 2); // counted live: ben has the conversation with everyone open

            try (Person benPhone = Person.at(base, benName)) {
                benPhone.signIn();
                benPhone.awaitUnread(ann.name, 2); // counted by the server: the list at sign-in
                assertEquals(List.of("everyone", ann.name), benPhone.conversations());
                ben.screenshot("unread");

                ben.openConversationWith(ann.name);
                ben.awaitMessages(List.of("first unread", "second unread"));
                ben.awaitUnread(ann.name, 0);
                benPhone.awaitUnread(ann.name, 0);

                // and the other way round
                ben.chooseEveryone();
                ann.say("third");
                ben.awaitUnread(ann.name, 1);
                benPhone.awaitUnread(ann.name, 1);
                benPhone.openConversationWith(ann.name);
                benPhone.awaitMessage("third");
                ben.awaitUnread(ann.name, 0);
            }
        }
    }

    @Test
    void scrollingUpLoadsOlderPagesWithoutMovingWhatIsOnScreen() {
        int count = 120;
        String annName = name("ann");
        String catName = name("cat");
        List<String> sent = IntStream.range(0, count).mapToObj(i -> "older " + i).toList();
        try (ChatClient annDevice = ChatClient.connect(base, annName); ChatClient cat = ChatClient.connect(base, catName)) {
            sendPaced(cat, annName, sent);
            // ann's device received every one and confirmed it as it closes: none is missed, so all is history
            annDevice.next(withBody(sent.get(count - 1)));
        }
        try (Person ann = Person.at(base, annName)) {
            ann.signIn();
            ann.openConversationWith(catName);
            List<String> firstPage = ann.bodies();
            assertTrue(firstPage.size() < count && !firstPage.isEmpty(), "one page first: " + firstPage.size());
            assertEquals(sent.subList(count - firstPage.size(), count), firstPage, "the newest, oldest at the top");
            assertTrue(ann.hasOlder());
            int pages = 1;
            while (ann.hasOlder()) {
                double moved = ann.scrollUpForOlder();
                assertEquals(0, moved, 2, "the message at the top stays where it was as the older page comes in");
                pages++;
                assertTrue(pages <= count, "pages do not end");
            }
            assertTrue(pages >= 3, "older pages: " + pages);
            assertEquals(sent, ann.bodies(), "every message once, oldest first");
        }
    }

    /**
     * Sends direct messages at 40 a second, under the suite's allowance of 100 a second (confirmations count too),
     * and waits for each one's ack.
     */
    private static void sendPaced(ChatClient sender, String to, List<String> bodies) {
        ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger next = new AtomicInteger();
        try {
            pace.scheduleAtFixedRate(() -> {
                int i = next.getAndIncrement();
                if (i < bodies.size()) {
                    sender.send(Json.createObjectBuilder().add("type", "send").add("to", to).add("body", bodies.get(i))
                            .add("ref", "p" + i).build().toString());
                }
            }, 0, 25, TimeUnit.MILLISECONDS);
            for (int i = 0; i < bodies.size(); i++) {
                String ref = "p" + i;
                JsonObject answer = sender.next(frame -> ref.equals(frame.getString("ref", null)));
                assertEquals("ack", answer.getString("type"), answer.toString());
            }
        } finally {
            pace.shutdownNow();
        }
    }
}
