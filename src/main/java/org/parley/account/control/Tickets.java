package org.parley.account.control;

import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import org.parley.account.entity.Account;
import org.parley.account.entity.UserName;
import org.parley.config.Setting;

/**
 * Issues tickets at sign-in and tells, at the handshake, whose a ticket is. A ticket is refused when it is
 * malformed, altered, expired, or older than its account's last sign-out.
 */
@ApplicationScoped
public class Tickets {

    @Inject
    AccountSettings settings;

    @Inject
    Accounts accounts;

    private TicketSigner signer;

    /** A ticket as handed to the person who signed in. */
    public record Issued(String value, String name, Instant expiresAt) {
    }

    public Issued issue(Account account, Instant now) {
        Instant expiresAt = now.plus(settings.ticketLifetime());
        return new Issued(signer().sign(account.name(), now, expiresAt), account.name(), expiresAt);
    }

    /** @throws TicketSigner.Refused with the reason, fit for a close frame */
    public UserName holderOf(String ticket, Instant now) {
        TicketSigner.Ticket valid = signer().check(ticket, now);
        Account account = accounts.find(valid.name())
                .orElseThrow(() -> new TicketSigner.Refused("the ticket's account no longer exists"));
        if (valid.issuedAt().isBefore(account.ticketsValidFrom())) {
            throw new TicketSigner.Refused("signed out: sign in again");
        }
        if (account.suspended()) {
            throw new TicketSigner.Refused("the account is suspended by an operator");
        }
        return new UserName(account.name());
    }

    // the first call makes the stored key; two making it at once would store two
    private synchronized TicketSigner signer() {
        if (signer == null) {
            byte[] key = Setting.TICKET_KEY.key();
            signer = new TicketSigner(key.length > 0 ? key : storedKey());
        }
        return signer;
    }

    private byte[] storedKey() {
        try {
            return accounts.signingKey();
        } catch (EJBException | PersistenceException e) {
            // another server sharing the database stored one at the same moment: its key is everyone's
            return accounts.signingKey();
        }
    }
}
