// Who is online as far as this page is told, and nothing of the DOM. Outside a crowd the server tells of everyone
// (welcome, then each change in presence frames); in a crowd only of conversation partners and of the people the
// page asks about (`watch`), plus the online count, and who else is online is found by name over HTTP.
export const MAX_WATCHED = 100; // the protocol's limit for one watch frame

/**
 * Emits 'change' whenever who is shown or the count changes, 'welcome' once a connection is up, and 'presence'
 * (detail: {came, went}, names) for each presence frame.
 */
export class People extends EventTarget {
  #me = null;
  #online = [];
  // everyone seen online since the page opened stays listed while offline, so one can leave them a message
  #seen = new Set();
  #found = []; // people online found by name, in a crowd
  #count = 0;
  #crowd = false;

  get me() {
    return this.#me;
  }

  /** How many people are online, all of them, whether this page is told of them or not. */
  get count() {
    return this.#count;
  }

  get crowd() {
    return this.#crowd;
  }

  welcome({ user, online, count, crowd }) {
    this.#me = user;
    this.#online = [...online];
    online.forEach((name) => this.#seen.add(name));
    this.#count = count;
    this.#crowd = crowd;
    this.#emit('change');
    this.#emit('welcome');
  }

  /** Every change since the last presence frame: who came online, who went offline, and the count now. */
  presence(frame) {
    const came = frame.online.filter((name) => name !== this.#me);
    const went = frame.offline.filter((name) => name !== this.#me);
    this.#online = this.#online.filter((name) => !went.includes(name) && !came.includes(name)).concat(came);
    came.forEach((name) => this.#seen.add(name));
    this.#count = frame.count;
    this.#emit('change');
    this.#emit('presence', { came, went });
  }

  /** An answer of GET /api/online: the people found by name, and the count as it answered. */
  found({ people, count }) {
    this.#found = people.filter((name) => name !== this.#me);
    this.#count = count;
    this.#emit('change');
  }

  clearFound() {
    this.#found = [];
    this.#emit('change');
  }

  isOnline(name) {
    return this.#online.includes(name);
  }

  /** Everyone to list, by name: online, seen online since the page opened, or found. */
  shown() {
    const names = new Set([...this.#online, ...this.#seen, ...this.#found]);
    return [...names].sort((a, b) => a.localeCompare(b))
      .map((name) => ({ name, me: name === this.#me, online: this.#online.includes(name) }));
  }

  /** In a crowd: whom to ask about, the people listed besides conversation partners (the server knows those). */
  watched() {
    return [...new Set([...this.#found, ...this.#seen])].filter((name) => name !== this.#me).slice(0, MAX_WATCHED);
  }

  /** A name as typed, spelled as the account spells itself when the page has seen it (the server finds any case). */
  known(typed, partners = []) {
    const folded = typed.normalize('NFC').toLowerCase();
    return [this.#me, ...this.#seen, ...partners].find((name) => name?.toLowerCase() === folded) ?? typed;
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
