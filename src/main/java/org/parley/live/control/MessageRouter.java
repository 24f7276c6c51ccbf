package org.parley.live.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.parley.account.control.AccountSettings;
import org.parley.account.control.KnownNames;
import org.parley.account.entity.UserName;
import org.parley.log.control.MessageLog;
import org.parley.log.entity.ChatMessage;
import org.parley.metrics.ParleyMetrics;
import org.parley.protocol.ClientFrame;
import org.parley.protocol.ErrorCode;

/**
 * Decides where a message goes (everyone, the account its {@code to} names in any spelling, or a room), refuses what
 * cannot go, and hands the rest to the log. Nothing is pushed or acknowledged here: {@link Fanout} does that once the log
 * has committed the message.
 */
@ApplicationScoped
public class MessageRouter {

    @Inject
    AccountSettings accountSettings;

    @Inject
    LiveSettings settings;

    @Inject
    KnownNames knownNames;

    @Inject
    Connections connections;

    @Inject
    MessageLog log;

    @Inject
    MailboxCap mailboxCap;

    @Inject
    Refusals refusals;

    @Inject
    RoomRequests rooms;

    @Inject
    ParleyMetrics metrics;

    void route(Connection sender, ClientFrame.Send send) {
        long arrived = System.nanoTime();
        if (send.body().isBlank()) {
            refusals.refuse(sender, ErrorCode.EMPTY_BODY, "the message is empty", send.ref());
            return;
        }
        if (send.isToRoom()) {
            rooms.send(sender, send, arrived);
            return;
        }
        String recipient = null;
        if (!send.isBroadcast()) {
            Optional<String> found = recipientOf(sender, send);
            if (found.isEmpty()) {
                return;
            }
            recipient = found.get();
        }
        ChatMessage message = new ChatMessage(UUID.randomUUID().toString(), sender.user().value(), recipient,
                send.body(), now());
        log.append(message, new Fanout.Sent(sender, send.ref(), arrived), failure -> refusals.refuse(sender,
                ErrorCode.UNAVAILABLE, "the message could not be stored; nothing was sent, try again", send.ref()));
    }

    /** @return the recipient as its account spells it, or empty when the sender was told why not */
    private Optional<String> recipientOf(Connection sender, ClientFrame.Send send) {
        UserName typed;
        try {
            typed = UserName.parse(send.to());
        } catch (UserName.InvalidUserName e) {
            refusals.refuse(sender, ErrorCode.INVALID_RECIPIENT, "no such user name: " + e.getMessage(), send.ref());
            return Optional.empty();
        }
        // an account is found in any case or spelling of its name; in open mode every name is anyone's
        Optional<String> owner = knownNames.addressee(typed.value());
        if (owner.isEmpty()) {
            refusals.refuse(sender, ErrorCode.UNKNOWN_USER, "nobody is called " + typed.value(), send.ref());
            return Optional.empty();
        }
        if (owner.get().equals(sender.user().value())) {
            refusals.refuse(sender, ErrorCode.SELF_MESSAGE, "you cannot send a message to yourself", send.ref());
            return Optional.empty();
        }
        if (mailboxFull(owner.get())) {
            refusals.refuse(sender, ErrorCode.MAILBOX_FULL,
                    owner.get() + " has too many messages waiting; nothing was stored", send.ref());
            return Optional.empty();
        }
        return owner;
    }

    /**
     * Whether an absent recipient already has the most undelivered messages one person may have waiting. Only
     * for the absent: whoever is connected (here or to another server of the chat) is taking them.
     */
    private boolean mailboxFull(String recipient) {
        return !connections.isOnline(recipient) && !mailboxCap.letIn(recipient);
    }

    // milliseconds: what the log keeps, so a message reads the same whether pushed or read back later
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
