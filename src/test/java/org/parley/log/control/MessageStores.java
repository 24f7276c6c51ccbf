package org.parley.log.control;

import jakarta.persistence.EntityManager;

/** The message store on a test's own entity manager, for tests of other packages. */
public final class MessageStores {

    private MessageStores() {
    }

    public static MessageStore on(EntityManager em) {
        MessageStore store = new MessageStore();
        store.em = em;
        return store;
    }
}
