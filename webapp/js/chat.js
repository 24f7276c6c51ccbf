// The conversations on the page: the list, the open conversation with its history, sending with its states, and
// what the page tells the server back (what arrived, what was read). The state is in conversations.js and
// confirmations.js; this draws it and keeps the open conversation up to date.
import { Conversations, EVERYONE, UNCONFIRMED, isRoom } from './conversations.js';
import { MessageLog } from './log.js';
import { conversationItem, systemItem } from './render.js';

const PAGE = 50;
// this close to the top, the older page is fetched before the reader gets there
const LOAD_OLDER_WITHIN_PX = 120;
const OPEN_KEY = 'parley.conversation';

function visible() {
  return document.visibilityState === 'visible';
}

/** Emits 'open' when another conversation is opened, and 'rooms' when what the page knows of rooms changed. */
export class ChatView extends EventTarget {
  #ui;
  #connection;
  #confirmations;
  #people;
  #session;
  #api;
  #tab;
  #model = new Conversations();
  #log; // the open conversation's messages
  #active = false; // signed in: the history API answers
  #signIn = 0; // which sign-in an answer from the server belongs to
  #openId = EVERYONE;
  #loadingOlder = false;
  #lastRef = 0;
  #roomActions = new Map(); // ref → {resolve, reject} of a room action waiting for its answer

  /**
   * @param ui the page's elements by id
   * @param api {conversations(auth), messages(auth, id, page), rooms(auth), room(auth, id)}: the history and rooms API
   * @param tab this tab's storage: a reload opens the conversation that was open
   */
  constructor(ui, { connection, confirmations, people, session, api, tab }) {
    super();
    this.#ui = ui;
    this.#connection = connection;
    this.#confirmations = confirmations;
    this.#people = people;
    this.#session = session;
    this.#api = api;
    this.#tab = tab;
    this.#model.reset(null);
    this.#log = new MessageLog(ui.messages);
    ui.messages.addEventListener('scroll', () => {
      if (ui.messages.scrollTop < LOAD_OLDER_WITHIN_PX) {
        this.#loadOlder();
      }
    });
    ui.conversations.addEventListener('click', (event) => {
      const item = event.target.closest('button')?.closest('li[data-conversation]');
      if (item) {
        this.#open(item.dataset.conversation);
      }
    });
    ui.start.addEventListener('submit', (event) => {
      event.preventDefault();
      // white space is never part of a valid name
      const name = ui['start-name'].value.trim();
      if (name && this.#active) {
        ui['start-name'].value = '';
        this.select(people.known(name, this.#partners()));
      }
    });
    people.addEventListener('change', () => this.renderList());
    document.addEventListener('visibilitychange', () => this.#markRead());
    // a reload right after a message came should not have it come again as missed
    window.addEventListener('pagehide', () => confirmations.now());
    this.renderList();
  }

  /** The person the open conversation is with; null for everyone and for a room. */
  get target() {
    return this.#model.get(this.#openId)?.with ?? null;
  }

  /** The open conversation, if it is a room: {id, room: {name, topic, role, ...}}. */
  get openRoom() {
    const open = this.#model.get(this.#openId);
    return open?.room ? open : null;
  }

  /** Rooms one is invited to and has not answered. */
  get invitations() {
    return this.#model.invitations();
  }

  get signedIn() {
    return this.#active;
  }

  /** Where the open conversation's messages go, in words. */
  get targetLabel() {
    const open = this.#model.get(this.#openId);
    return open?.room ? `# ${open.room.name}` : open?.with ?? 'Everyone';
  }

  /** What the handshake adds: after a connection has caught up, where to go on from, so nothing comes twice. */
  since() {
    return this.#confirmations.since();
  }

  say(text, kind) {
    this.#log.say(systemItem(text, kind));
  }

  /** A connection is up: the first of a sign-in starts afresh, a reconnect goes on where it was. */
  welcome(me) {
    if (!this.#active) {
      this.#begin(me);
    }
    // what could not be told meanwhile goes now
    this.#confirmations.later();
    this.#markRead();
  }

  /** A new sign-in: nothing of the last one is kept. */
  #begin(me) {
    this.#signIn += 1;
    this.#model.reset(me);
    this.#active = true;
    this.#confirmations.reset();
    this.#lastRef = 0;
    const remembered = this.#tab.get(OPEN_KEY);
    this.#openId = remembered && (remembered === EVERYONE || isRoom(remembered) || remembered.split(':').includes(me))
      ? remembered : EVERYONE;
    if (isRoom(this.#openId)) {
      this.#model.room(this.#openId);
    } else if (this.#openId !== EVERYONE) {
      this.#model.with(this.#openId.split(':').find((name) => name !== me) ?? me);
    }
    this.#render();
  }

  /** The connection went: sends without an ack can no longer get one. */
  down() {
    for (const ref of this.#model.pendingRefs()) {
      this.#update(this.#model.fail(ref, UNCONFIRMED));
    }
    for (const action of this.#roomActions.values()) {
      action.reject(new Error(UNCONFIRMED));
    }
    this.#roomActions.clear();
  }

  /** Disconnected for good: answers still on their way belong to no one. */
  end() {
    this.#signIn += 1;
    this.#active = false;
    this.#confirmations.reset();
  }

  /** Signed out: the conversations leave the screen, so the next person at this browser sees nothing of them. */
  forget() {
    this.end();
    this.#model.reset(null);
    this.#openId = EVERYONE;
    this.#render();
  }

  /** Opens the conversation with this person; not with oneself, whom the server does not let one write to. */
  select(name) {
    if (name === this.#people.me) {
      this.say('Messages to yourself are not sent: choose someone else.', 'error');
      return;
    }
    this.#open(this.#model.with(name).id);
    this.#ui.body.focus();
  }

  message(frame) {
    const { conversation, message, added, removedKey } = this.#model.add(frame, { offline: frame.offline === true });
    if (!added) {
      return;
    }
    if (removedKey && conversation.id === this.#openId) {
      this.#log.remove(removedKey);
    }
    if (!message.own && message.seq > conversation.readUpTo && (conversation.id !== this.#openId || !visible())) {
      conversation.unread += 1;
    }
    if (conversation.id === this.#openId) {
      this.#place(message);
      this.#markRead();
    }
    this.renderList();
  }

  /** After each catch-up: the list's counts and marks, and the open conversation's newest page, as the server has them. */
  async caughtUp() {
    const asked = this.#signIn;
    try {
      const [answer, mine] = await Promise.all([this.#api.conversations(this.#session.credentials()),
        this.#api.rooms(this.#session.credentials())]);
      if (asked !== this.#signIn) {
        return;
      }
      this.#model.merge(answer.conversations ?? []);
      this.#model.mergeRooms(mine.rooms ?? [], { all: true });
      this.dispatchEvent(new CustomEvent('rooms'));
      const open = this.#model.get(this.#openId);
      if (open && visible()) {
        open.unread = 0;
      }
      this.renderList();
      this.#restate();
      await this.#loadPage(this.#openId);
    } catch (error) {
      this.say(`Could not load the conversations: ${error.message}`, 'error');
    }
  }

  /** A room's event: shown in the room like a message, and what it changes of the room. */
  roomEvent(frame) {
    const room = this.#model.roomEvent(frame);
    if (frame.person === this.#model.me && frame.from !== this.#model.me && !frame.offline) {
      if (frame.event === 'invited') {
        this.say(`${frame.from} invited you to # ${room.room.name}.`);
      } else if (frame.event === 'kicked' || frame.event === 'banned') {
        this.say(`${frame.from} ${frame.event === 'kicked' ? 'removed you from' : 'banned you from'} # ${room.room.name}.`,
          'error');
      }
    }
    this.message(frame);
    this.dispatchEvent(new CustomEvent('rooms', { detail: frame.conversation }));
    // a room first heard of by an event about it (an invitation, one's joining) is read for its name and topic
    if (room.room.name === room.id) {
      this.#readRoom(room.id);
    }
  }

  async #readRoom(id) {
    const asked = this.#signIn;
    try {
      const details = await this.#api.room(this.#session.credentials(), id);
      if (asked === this.#signIn) {
        this.#model.mergeRooms([details]);
        this.renderList();
        this.dispatchEvent(new CustomEvent('rooms', { detail: id }));
      }
    } catch (error) {
      this.say(`Could not read the room ${id}: ${error.message}`, 'error');
    }
  }

  /**
   * Asks something of a room: `action` with its fields, as a `room` frame.
   * @returns a promise of the ack (its `conversation` is the room's id), rejected with the refusal's message
   */
  act(action, fields) {
    this.#lastRef += 1;
    const ref = `c${this.#lastRef}`;
    return new Promise((resolve, reject) => {
      if (this.#connection.send({ type: 'room', action, ...fields, ref }) !== 'sent') {
        reject(new Error('not connected'));
        return;
      }
      this.#roomActions.set(ref, { resolve, reject });
    });
  }

  /** Opens a room the page knows (one is in it, or has just joined or made it). */
  openRoomById(id) {
    this.#model.room(id);
    this.#open(id);
  }

  ack(frame) {
    const action = this.#roomActions.get(frame.ref);
    if (action) {
      this.#roomActions.delete(frame.ref);
      action.resolve(frame);
      return;
    }
    const result = this.#model.ack(frame);
    if (result?.renamedFrom === this.#openId) {
      // the name was typed in another case: the conversation is the server's, maybe with messages already
      this.#open(result.conversation.id);
    } else if (result) {
      if (result.removedKey && result.conversation.id === this.#openId) {
        this.#log.remove(result.removedKey);
      }
      if (result.message?.conversation === this.#openId) {
        this.#place(result.message);
      }
      this.renderList();
    }
  }

  receipt(frame) {
    const changed = this.#model.receipt(frame);
    if (changed && changed.id === this.#openId) {
      this.#restate();
    }
  }

  read(frame) {
    if (this.#model.read(frame)) {
      this.renderList();
    }
  }

  /** @returns whether the refusal was of a message this page is sending (it then shows on the message) */
  failed(frame) {
    const action = this.#roomActions.get(frame.ref);
    if (action) {
      this.#roomActions.delete(frame.ref);
      action.reject(new Error(frame.message));
      return true;
    }
    const failed = this.#model.fail(frame.ref, frame.message);
    this.#update(failed);
    return Boolean(failed);
  }

  /** The people this user has conversations with. */
  #partners() {
    return this.#model.list().map((c) => c.with).filter((name) => name !== undefined);
  }

  /** One page of history: the newest, or the one before the oldest shown. */
  async #loadPage(id, older = false) {
    const conversation = this.#model.get(id);
    const asked = this.#signIn;
    if (!conversation || !this.#active) {
      return;
    }
    const before = older ? this.#model.oldestSeq(id) : undefined;
    const answer = await this.#api.messages(this.#session.credentials(), id, { before, limit: PAGE });
    if (asked !== this.#signIn) {
      return;
    }
    for (const frame of answer.messages ?? []) {
      this.#model.add(frame);
    }
    // the newest page says nothing of what lies before messages shown already
    if (older || conversation.history === 'none') {
      conversation.history = answer.more ? 'more' : 'all';
    }
    if (id === this.#openId) {
      this.#log.keepingPlace(() => {
        for (const message of this.#model.messagesOf(id)) {
          if (!this.#log.has(message.key)) {
            this.#place(message, false);
          }
        }
        this.#log.edge(conversation.history);
      });
      this.#markRead();
      this.#fillScreen();
    }
    this.renderList();
  }

  async #loadOlder() {
    const conversation = this.#model.get(this.#openId);
    if (this.#loadingOlder || !conversation || conversation.history !== 'more') {
      return;
    }
    this.#loadingOlder = true;
    this.#log.edge('loading');
    try {
      await this.#loadPage(conversation.id, true);
    } catch (error) {
      this.say(`Could not load older messages: ${error.message}`, 'error');
    } finally {
      this.#loadingOlder = false;
      if (conversation.id === this.#openId) {
        this.#log.keepingPlace(() => this.#log.edge(conversation.history));
      }
    }
  }

  // a first page shorter than the window leaves nothing to scroll: load on until it fills or the start is reached
  #fillScreen() {
    const log = this.#ui.messages;
    if (log.scrollHeight <= log.clientHeight + LOAD_OLDER_WITHIN_PX
      && this.#model.get(this.#openId)?.history === 'more') {
      setTimeout(() => this.#loadOlder());
    }
  }

  #open(id) {
    const conversation = this.#model.get(id);
    if (!conversation) {
      return;
    }
    this.#openId = id;
    this.#tab.set(OPEN_KEY, id);
    if (visible()) {
      conversation.unread = 0;
    }
    this.#render();
    this.dispatchEvent(new CustomEvent('open'));
    if (conversation.history === 'none' && this.#active) {
      this.#loadPage(id).catch((error) => {
        if (id === this.#openId) {
          this.#log.edge('none'); // nothing is loading any more; opening it again tries again
        }
        this.say(`Could not load the conversation: ${error.message}`, 'error');
      });
    }
    this.#markRead();
  }

  #render() {
    const history = this.#model.get(this.#openId)?.history ?? 'none';
    this.#log.clear(!this.#active ? 'none' : history === 'none' ? 'loading' : history);
    for (const message of this.#model.messagesOf(this.#openId)) {
      this.#place(message, false);
    }
    this.#log.toBottom();
    this.renderList();
  }

  renderList() {
    const rows = this.#model.list().map((conversation) => conversationItem(conversation, {
      selected: conversation.id === this.#openId,
      online: conversation.with !== undefined && this.#people.isOnline(conversation.with),
    }));
    this.#ui.conversations.replaceChildren(...rows);
  }

  /** Shows a message of the open conversation, or brings its state up to date. */
  #place(message, live = true) {
    this.#log.place(message, this.#model.stateOf(message), live);
  }

  #update(found) {
    if (found && found.conversation.id === this.#openId) {
      this.#place(found.message);
    }
  }

  /** Every own message of the open conversation shows its state again (a receipt or the list moved the marks). */
  #restate() {
    for (const message of this.#model.messagesOf(this.#openId)) {
      if (message.own) {
        this.#place(message);
      }
    }
  }

  /**
   * Sends to the open conversation; the message shows at once as pending.
   * @returns 'sent', 'not-connected' or 'too-large'
   */
  send(body) {
    this.#lastRef += 1;
    const ref = `c${this.#lastRef}`;
    const to = this.openRoom?.id ?? this.target ?? undefined;
    // JSON.stringify leaves out `to` when it is undefined, which the protocol reads as a message to everyone
    const result = this.#connection.send({ type: 'send', to, body, ref });
    if (result === 'sent') {
      const { conversation, message } = this.#model.addPending(ref, to, body);
      if (conversation.id === this.#openId) {
        this.#place(message);
      }
      this.renderList();
    }
    return result;
  }

  // the open conversation, while the page is seen, is read up to its newest message
  #markRead() {
    const conversation = this.#model.get(this.#openId);
    if (!conversation || !visible() || !this.#active) {
      return;
    }
    this.#confirmations.read(this.#openId, Math.max(conversation.latestSeq, this.#model.newestShownSeq(this.#openId)),
      conversation.readUpTo);
    if (conversation.unread) {
      conversation.unread = 0;
      this.renderList();
    }
  }
}
