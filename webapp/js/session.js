// Who this page is to the server: the server's mode (open: a bare name, no accounts), the ticket while signed in and
// its renewal, and our name. No DOM: storage, timers and the ticket calls are handed in, so Node can test it.
const TICKET_KEY = 'parley.ticket';
const NAME_KEY = 'parley.name';
const RETRY_MS = 5000;

/**
 * Emits 'ticket' when the ticket comes or goes, and 'renewal-failed' (detail: {message}) when the server refuses
 * to renew it.
 */
export class Session extends EventTarget {
  #tab;
  #browser;
  #api;
  #timers;
  #now;
  #open = false;
  #ticket = null; // {ticket, name, expiresAt} while signed in
  #name = ''; // the name this page connects with in open mode
  #me = null; // our name as the server spells it (NFC), from welcome
  #renewal = 0;

  /**
   * @param tab storage of this tab ({get, set, remove}): a reload stays signed in, closing the tab forgets the
   *   ticket, and no other site can read it
   * @param browser storage that outlives the tab: the last name, to fill in next time
   * @param api {renew(ticket), signOut(ticket)}: promises, rejected with an Error that has `status`
   */
  constructor({ tab, browser, api, timers = globalThis, now = Date.now }) {
    super();
    this.#tab = tab;
    this.#browser = browser;
    this.#api = api;
    this.#timers = timers;
    this.#now = now;
  }

  /** Whether the server takes a bare name: no accounts, no tickets. */
  get open() {
    return this.#open;
  }

  set open(open) {
    this.#open = open;
  }

  get me() {
    return this.#me;
  }

  /** The ticket itself while signed in, else null. */
  get ticket() {
    return this.#ticket?.ticket ?? null;
  }

  get rememberedName() {
    return this.#browser.get(NAME_KEY) ?? '';
  }

  /** A reload of a signed-in tab finds its ticket, unless it has expired meanwhile. */
  saved() {
    try {
      const saved = JSON.parse(this.#tab.get(TICKET_KEY) ?? 'null');
      return saved && Date.parse(saved.expiresAt) > this.#now() ? saved : null;
    } catch {
      return null;
    }
  }

  /** Open mode: this page connects as whatever name it gives. */
  enterAs(name) {
    this.#name = name;
    this.#browser.set(NAME_KEY, name);
  }

  /** A ticket from signing in (or from a password change): kept, renewed, and used by the next handshake. */
  signedIn(issued) {
    this.keep(issued);
    this.#browser.set(NAME_KEY, issued.name);
  }

  welcome(user) {
    this.#me = user;
  }

  /** What the handshake says of who connects, read at each connect so that a renewed ticket is used at once. */
  handshake(since) {
    const who = this.#open ? `user=${encodeURIComponent(this.#name)}`
      : `ticket=${encodeURIComponent(this.#ticket?.ticket ?? '')}`;
    return `${who}&confirm=received${since}`;
  }

  /** What the HTTP API takes as who asks: the ticket, or in open mode our name. */
  credentials() {
    return this.#ticket ? { ticket: this.#ticket.ticket } : { user: this.#me };
  }

  /** Signs out at the server too; the ticket is dropped here whatever it answers. */
  signOut() {
    if (this.#ticket) {
      this.#api.signOut(this.#ticket.ticket).catch(() => { });
      this.drop();
    }
  }

  /** The ticket admits no more (refused at the handshake, the account removed). */
  drop() {
    this.keep(null);
  }

  keep(issued) {
    this.#ticket = issued;
    if (issued) {
      this.#tab.set(TICKET_KEY, JSON.stringify(issued));
    } else {
      this.#tab.remove(TICKET_KEY);
    }
    this.#timers.clearTimeout(this.#renewal);
    if (issued) {
      // renewed at half its life, so a page left open stays signed in without asking for the password again
      const halfLife = Math.max(1000, (Date.parse(issued.expiresAt) - this.#now()) / 2);
      this.#renewal = this.#timers.setTimeout(() => this.#renew(issued), halfLife);
    }
    this.dispatchEvent(new CustomEvent('ticket'));
  }

  #renew(issued) {
    // an answer that comes after signing out (or in again) is of a ticket no longer kept: it must not bring it back
    const current = () => this.#ticket === issued;
    this.#api.renew(issued.ticket).then((fresh) => current() && this.keep(fresh), (error) => {
      if (!current()) {
        return;
      }
      if (error.status === 401) {
        this.dispatchEvent(new CustomEvent('renewal-failed', { detail: { message: error.message } }));
      } else {
        // the server is away; try again soon
        this.#renewal = this.#timers.setTimeout(() => this.keep(this.#ticket), RETRY_MS);
      }
    });
  }
}
