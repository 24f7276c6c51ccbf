// What the page knows of the signed-in user's conversations, and nothing of the DOM. Messages come from three
// places (history over HTTP, live frames, catching up after a reconnect), in any order and some more than once;
// each is kept once, by its id.
export const EVERYONE = 'everyone';
/** Why a send failed when its connection closed before its ack: it may have been stored all the same. */
export const UNCONFIRMED = 'the connection closed before the server confirmed it; it may not have been sent';

function compareCodePoints(a, b) {
  const left = Array.from(a, (c) => c.codePointAt(0));
  const right = Array.from(b, (c) => c.codePointAt(0));
  for (let i = 0; i < Math.min(left.length, right.length); i += 1) {
    if (left[i] !== right[i]) {
      return left[i] - right[i];
    }
  }
  return left.length - right.length;
}

/** Whether the id is a room's: '#' and what the server chose (no person's name holds '#'). */
export function isRoom(id) {
  return typeof id === 'string' && id.startsWith('#');
}

/** The server's id for a direct conversation: both names in code-point order, joined by ':'. */
export function conversationBetween(one, other) {
  return [one, other].sort(compareCodePoints).join(':');
}

/**
 * A conversation: `with` is the other person (absent for everyone and rooms); `room` is a room's {name, topic,
 * public, role, standing, memberCount} as last heard; `messages` maps a key (the message's id, or 'ref:' and the
 * client's ref while it waits for its ack) to a message or a room's event; the marks are seqs.
 */
function conversation(id, partner) {
  return {
    id,
    with: partner,
    room: isRoom(id) ? { name: id, topic: '', standing: 'joined', role: 'member', memberCount: 0 } : undefined,
    messages: new Map(),
    latestSeq: 0, // the newest message's seq, known or told by the list
    last: undefined, // the newest message, for the list's preview
    readUpTo: 0,
    unread: 0,
    partnerReceivedUpTo: 0,
    partnerReadUpTo: 0,
    history: 'none', // 'none' (never asked), 'more' (older pages exist) or 'all'
    touched: 0, // when a conversation without messages was started here, for ordering
  };
}

export class Conversations {
  #me = null;
  #byId = new Map();
  #messageIds = new Map(); // message id → its conversation's id

  /** Forgets everything: a new sign-in. */
  reset(me) {
    this.#me = me;
    this.#byId = new Map([[EVERYONE, conversation(EVERYONE)]]);
    this.#messageIds = new Map();
  }

  get me() {
    return this.#me;
  }

  get(id) {
    return this.#byId.get(id);
  }

  /**
   * The conversation with this person, made (empty) if there is none yet. One the server named already is found
   * by its partner: the id the page would make is a guess until the server's ack names it.
   */
  with(partner) {
    const found = [...this.#byId.values()].find((c) => c.with === partner);
    return found ?? this.#ensure(conversationBetween(this.#me, partner), partner);
  }

  #ensure(id, partner) {
    let found = this.#byId.get(id);
    if (!found) {
      found = conversation(id, partner);
      found.touched = Date.now();
      this.#byId.set(id, found);
    }
    return found;
  }

  #partnerIn(id) {
    return id === EVERYONE || isRoom(id) ? undefined : id.split(':').find((name) => name !== this.#me) ?? this.#me;
  }

  /** A room, made (empty) if the page has not heard of it yet. */
  room(id) {
    return this.#ensure(id, undefined);
  }

  /**
   * Everyone first, then the direct conversations and the rooms one is in, latest first; one just started with
   * nobody's word yet on top. Rooms one is only invited to, or has left, are not in the list.
   */
  list() {
    const direct = [...this.#byId.values()].filter((c) => c.id !== EVERYONE
      && (!c.room || c.room.standing === 'joined'));
    direct.sort((a, b) => (b.latestSeq ? 0 : b.touched) - (a.latestSeq ? 0 : a.touched) || b.latestSeq - a.latestSeq);
    return [this.#byId.get(EVERYONE), ...direct];
  }

  /** Oldest first; messages still waiting for their ack last, in the order they were sent. */
  messagesOf(id) {
    const messages = [...(this.#byId.get(id)?.messages.values() ?? [])];
    return messages.sort((a, b) => (a.seq ?? Infinity) - (b.seq ?? Infinity) || a.order - b.order);
  }

  /** The oldest seq shown: older history pages are asked for before it. */
  oldestSeq(id) {
    const seqs = this.messagesOf(id).map((m) => m.seq).filter((seq) => seq !== undefined);
    return seqs.length ? Math.min(...seqs) : undefined;
  }

  /** The newest seq of the conversation that is shown, for marking it read. */
  newestShownSeq(id) {
    const seqs = this.messagesOf(id).map((m) => m.seq).filter((seq) => seq !== undefined);
    return seqs.length ? Math.max(...seqs) : 0;
  }

  /**
   * A message from any source (a `message` frame, or one of a history page).
   * @returns {{conversation, message, added: boolean}}; added is false for one known already (nothing changes)
   */
  add(frame, { offline = false } = {}) {
    const id = frame.conversation ?? (frame.to === undefined ? EVERYONE
      : conversationBetween(frame.from, frame.to));
    const target = this.#ensure(id, this.#partnerIn(id));
    const known = this.#messageIds.get(frame.id);
    if (known) {
      return { conversation: this.#byId.get(known), message: this.#byId.get(known)?.messages.get(frame.id), added: false };
    }
    const own = frame.from === this.#me;
    const message = {
      key: frame.id,
      id: frame.id,
      seq: frame.seq,
      conversation: id,
      from: frame.from,
      to: frame.to,
      body: frame.body,
      event: frame.event, // a room's event: what happened, with the frame's details
      details: frame.event === undefined ? undefined : frame,
      sentAt: frame.sentAt,
      own,
      // one's own messages from another device are not news
      offline: offline && !own,
      order: 0,
    };
    target.messages.set(message.key, message);
    this.#messageIds.set(message.id, id);
    Conversations.#newest(target, message);
    // a send whose ack the connection took with it, back from the log: shown once, as stored
    const unconfirmed = own && [...target.messages.values()]
      .find((m) => m.failed === UNCONFIRMED && m.body === message.body);
    if (unconfirmed) {
      target.messages.delete(unconfirmed.key);
    }
    return { conversation: target, message, added: true, removedKey: unconfirmed?.key };
  }

  /** A message this page is sending, shown before its ack. */
  addPending(ref, to, body) {
    const target = to === undefined ? this.#byId.get(EVERYONE) : isRoom(to) ? this.room(to) : this.with(to);
    const message = {
      key: `ref:${ref}`, ref, conversation: target.id, from: this.#me, to, body,
      sentAt: new Date().toISOString(), own: true, offline: false, order: Date.now(),
    };
    target.messages.set(message.key, message);
    return { conversation: target, message };
  }

  #pending(ref) {
    for (const c of this.#byId.values()) {
      const message = c.messages.get(`ref:${ref}`);
      if (message) {
        return { conversation: c, message };
      }
    }
    return null;
  }

  /**
   * The ack of a message this page sent. It takes its id and seq; if its `message` frame came first, the pending
   * copy goes. A recipient typed in another case than the account's: the conversation takes the server's id.
   * @returns {{conversation, message?, removedKey?, renamedFrom?}} or null for a ref this page does not know
   */
  ack(frame) {
    const found = this.#pending(frame.ref);
    if (!found) {
      return null;
    }
    let { conversation: target } = found;
    const { message } = found;
    const result = {};
    if (frame.conversation && frame.conversation !== target.id) {
      result.renamedFrom = target.id;
      target = this.#move(target, frame.conversation);
    }
    target.messages.delete(message.key);
    if (this.#messageIds.has(frame.id)) {
      return { ...result, conversation: target, removedKey: message.key };
    }
    Object.assign(message, { key: frame.id, id: frame.id, seq: frame.seq, sentAt: frame.sentAt ?? message.sentAt,
      conversation: target.id });
    target.messages.set(message.key, message);
    this.#messageIds.set(message.id, target.id);
    Conversations.#newest(target, message);
    return { ...result, conversation: target, message, removedKey: `ref:${frame.ref}` };
  }

  static #newest(target, message) {
    if (message.seq !== undefined && message.seq >= target.latestSeq) {
      target.latestSeq = message.seq;
      target.last = message;
    }
  }

  #move(from, id) {
    const to = this.#ensure(id, this.#partnerIn(id));
    for (const [key, message] of from.messages) {
      message.conversation = id;
      to.messages.set(key, message);
      if (message.id) {
        this.#messageIds.set(message.id, id);
      }
    }
    if (from.last) {
      Conversations.#newest(to, from.last);
    }
    this.#byId.delete(from.id);
    return to;
  }

  /**
   * A send refused (an `error` frame with its ref), or left without an answer by a closed connection
   * ({@link UNCONFIRMED}: it may have been stored, and then comes back from the log).
   */
  fail(ref, reason) {
    const found = this.#pending(ref);
    if (found) {
      found.message.failed = reason;
    }
    return found;
  }

  /** Every message still waiting for its ack. */
  pendingRefs() {
    return [...this.#byId.values()].flatMap((c) => [...c.messages.values()])
      .filter((m) => m.ref !== undefined && m.id === undefined && !m.failed).map((m) => m.ref);
  }

  /** A `receipt`: the other person received (or read) the conversation up to upTo. */
  receipt({ conversation: id, status, upTo }) {
    const target = this.#byId.get(id);
    if (!target) {
      return null;
    }
    target.partnerReceivedUpTo = Math.max(target.partnerReceivedUpTo, upTo);
    if (status === 'read') {
      target.partnerReadUpTo = Math.max(target.partnerReadUpTo, upTo);
    }
    return target;
  }

  /** The user read the conversation up to upTo (a `read` frame, from this device or another). */
  read({ conversation: id, upTo }) {
    const target = this.#byId.get(id);
    if (!target) {
      return null;
    }
    target.readUpTo = Math.max(target.readUpTo, upTo);
    target.unread = target.readUpTo >= target.latestSeq ? 0 : this.#unreadAfter(target, target.readUpTo);
    return target;
  }

  #unreadAfter(target, seq) {
    return [...target.messages.values()].filter((m) => !m.own && !m.event && m.seq > seq).length;
  }

  /**
   * What a room's event changes of the room as this page knows it: its name, topic and count, and where the user
   * stands in it when the event is about them.
   * @returns the room's conversation
   */
  roomEvent(frame) {
    const target = this.room(frame.conversation);
    const { room } = target;
    const me = frame.person === this.#me;
    switch (frame.event) {
      case 'created':
        Object.assign(room, { name: frame.name, topic: frame.topic ?? '', public: frame.public, memberCount: 1 });
        if (frame.from === this.#me) {
          Object.assign(room, { standing: 'joined', role: 'owner' });
        }
        break;
      case 'joined':
        room.memberCount += 1;
        if (me) {
          Object.assign(room, { standing: 'joined', role: 'member' });
        }
        break;
      case 'left': case 'kicked': case 'banned':
        if (me) {
          room.standing = frame.event;
        }
        break;
      case 'invited': case 'declined': case 'unbanned':
        if (me) {
          room.standing = frame.event === 'invited' ? 'invited' : 'left';
        }
        break;
      case 'role':
        if (me) {
          room.role = frame.role;
        }
        break;
      case 'renamed':
        room.name = frame.name;
        break;
      case 'topic':
        room.topic = frame.topic;
        break;
      case 'closed':
        room.standing = 'closed';
        break;
      default:
        break;
    }
    return target;
  }

  /**
   * The rooms from GET /rooms: those one is in or invited to, as the server has them. A room the page only
   * remembered (open before a reload) and that is not among them is one the user is no longer in.
   */
  mergeRooms(rooms, { all = false } = {}) {
    if (all) {
      const listed = new Set(rooms.map((summary) => summary.id));
      for (const c of this.#byId.values()) {
        if (c.room && !listed.has(c.id) && c.latestSeq === 0) {
          c.room.standing = 'left';
        }
      }
    }
    for (const summary of rooms) {
      const target = this.room(summary.id);
      Object.assign(target.room, { name: summary.name, topic: summary.topic, public: summary.public,
        role: summary.role, standing: summary.standing, memberCount: summary.memberCount });
      if (summary.last) {
        Conversations.#newest(target, { ...summary.last, own: summary.last.from === this.#me });
      }
      // orders the list by the room's latest entry before any of it is loaded
      target.latestSeq = Math.max(target.latestSeq, summary.lastSeq ?? 0);
      // the server's count as it answered, and what this page has that came after it
      target.readUpTo = Math.max(target.readUpTo, summary.readUpTo ?? 0);
      target.unread = (summary.unread ?? 0)
        + this.#unreadAfter(target, Math.max(summary.lastMessageSeq ?? 0, target.readUpTo));
    }
  }

  /** Rooms one is invited to and has not answered. */
  invitations() {
    return [...this.#byId.values()].filter((c) => c.room?.standing === 'invited');
  }

  /**
   * The list from GET /conversations. Its unread counts are the server's as it answered; messages this page has
   * that are newer than the list's latest came after it and are added.
   */
  merge(summaries) {
    for (const summary of summaries) {
      const target = this.#ensure(summary.id, summary.with);
      const latest = summary.last?.seq ?? 0;
      if (summary.last) {
        Conversations.#newest(target, { ...summary.last, own: summary.last.from === this.#me });
      }
      target.readUpTo = Math.max(target.readUpTo, summary.readUpTo ?? 0);
      target.partnerReceivedUpTo = Math.max(target.partnerReceivedUpTo, summary.partnerReceivedUpTo ?? 0);
      target.partnerReadUpTo = Math.max(target.partnerReadUpTo, summary.partnerReadUpTo ?? 0);
      target.unread = target.readUpTo >= target.latestSeq ? 0
        : (summary.unread ?? 0) + this.#unreadAfter(target, Math.max(latest, target.readUpTo));
    }
  }

  /**
   * What a message of one's own shows: pending, stored, delivered or read (direct messages only get past
   * stored), or failed.
   */
  stateOf(message) {
    if (!message.own) {
      return undefined;
    }
    if (message.failed) {
      return 'failed';
    }
    if (message.seq === undefined) {
      return 'pending';
    }
    const target = this.#byId.get(message.conversation);
    if (!target || target.id === EVERYONE || target.room) {
      return 'stored';
    }
    if (message.seq <= target.partnerReadUpTo) {
      return 'read';
    }
    return message.seq <= target.partnerReceivedUpTo ? 'delivered' : 'stored';
  }
}
