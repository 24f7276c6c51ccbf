// What the page tells the server back: how far its stream arrived (`received`) and how far a conversation was
// read (`read`). Both count against the sender's allowance, so they go in batches, at most four a second, and only
// when they moved.
const EVERY_MS = 250;

export class Confirmations {
  #connection;
  #timers;
  #now;
  // the highest seq that came over the WebSocket, and how much of it the server was told
  #highest = 0;
  #confirmed = 0;
  // a reconnect resumes from #highest only once a connection has caught up: before that it says nothing of
  // what is missing
  #resumable = false;
  #readWanted = new Map(); // conversation → seq to say it was read up to
  #readSent = new Map();
  #timer = 0;
  #last = 0;

  /** @param connection what sends: its send(frame) answers 'sent' or why not */
  constructor(connection, { timers = globalThis, now = Date.now } = {}) {
    this.#connection = connection;
    this.#timers = timers;
    this.#now = now;
  }

  reset() {
    this.#timers.clearTimeout(this.#timer);
    this.#timer = 0;
    this.#highest = 0;
    this.#confirmed = 0;
    this.#resumable = false;
    this.#readWanted.clear();
    this.#readSent.clear();
  }

  /** A message (or caught-up) frame with this seq came. */
  heard(seq) {
    if (Number.isSafeInteger(seq) && seq > this.#highest) {
      this.#highest = seq;
      this.later();
    }
  }

  caughtUp(upTo) {
    this.heard(upTo);
    this.#resumable = true;
  }

  /** What the handshake adds so that a reconnect gets exactly what it missed: '' or '&since=SEQ'. */
  since() {
    return this.#resumable && this.#highest > 0 ? `&since=${this.#highest}` : '';
  }

  /** The conversation was read up to upTo, unless the server knows that much already (readUpTo). */
  read(conversation, upTo, readUpTo) {
    if (upTo > readUpTo && upTo > (this.#readSent.get(conversation) ?? 0)
      && upTo > (this.#readWanted.get(conversation) ?? 0)) {
      this.#readWanted.set(conversation, upTo);
      this.later();
    }
  }

  later() {
    if (!this.#timer) {
      this.#timer = this.#timers.setTimeout(() => this.now(), Math.max(0, this.#last + EVERY_MS - this.#now()));
    }
  }

  /** Sends what is due; what cannot be sent (not connected) goes with the next batch. */
  now() {
    this.#timers.clearTimeout(this.#timer);
    this.#timer = 0;
    this.#last = this.#now();
    if (this.#highest > this.#confirmed
      && this.#connection.send({ type: 'received', upTo: this.#highest }) === 'sent') {
      this.#confirmed = this.#highest;
    }
    for (const [conversation, upTo] of this.#readWanted) {
      if (this.#connection.send({ type: 'read', conversation, upTo }) !== 'sent') {
        break;
      }
      this.#readSent.set(conversation, upTo);
      this.#readWanted.delete(conversation);
    }
  }
}
