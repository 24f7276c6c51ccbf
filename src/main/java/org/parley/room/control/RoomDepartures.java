package org.parley.room.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.parley.account.entity.AccountCreated;
import org.parley.account.entity.AccountRemoved;
import org.parley.log.control.MessageLog;
import org.parley.log.entity.ChatMessage;
import org.parley.room.entity.RoomEvent;
import org.parley.room.entity.Standing;
import org.parley.web.Json;

/**
 * An account that is removed leaves its rooms through the log, like anyone leaving (and declines what it was invited
 * to), handing each room it was the last owner of on ({@link RoomRules}); and a name taken again starts in no room,
 * with nothing of its former rooms to read.
 */
@ApplicationScoped
public class RoomDepartures {

    private static final Logger LOG = Logger.getLogger(RoomDepartures.class.getName());

    @Inject
    RoomReads reads;

    @Inject
    MessageLog log;

    @Inject
    EntityManager em;

    // after the removal commits: until then the account may yet stay, and the log's writer must see it gone
    void removed(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountRemoved removed) {
        String person = removed.name();
        for (RoomReads.Mine mine : reads.roomsOf(person)) {
            RoomEvent event = mine.membership().standing() == Standing.JOINED ? RoomEvent.LEFT : RoomEvent.DECLINED;
            JsonObject details = Json.PROVIDER.createObjectBuilder().add("person", person).add("removed", true)
                    .build();
            ChatMessage entry = ChatMessage.inRoom(UUID.randomUUID().toString(), person, mine.room().id(),
                    event.wireName(), details.toString(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
            log.append(entry, null, failure -> LOG.log(Level.WARNING, person + " could not leave "
                    + mine.room().id() + " as the account went", failure));
        }
    }

    // in the transaction that makes the account: whatever a former account of the name could read goes with it
    void created(@Observes AccountCreated created) {
        em.createNativeQuery("DELETE FROM ROOM_SPAN WHERE PERSON = ?").setParameter(1, created.name())
                .executeUpdate();
        em.createNativeQuery("DELETE FROM ROOM_MEMBER WHERE PERSON = ? AND STANDING NOT IN ('joined', 'invited')")
                .setParameter(1, created.name()).executeUpdate();
    }
}
