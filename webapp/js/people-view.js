// The people list drawn from the People model: who is online and who was, the online count, finding people by
// name in a crowd (and asking the server to tell of them), and who came and went said in the log.
import { onlinePeople } from './api.js';
import { personItem } from './render.js';

const FOUND_PAGE = 20;
// more changes than this in one presence frame are told as a count, not name by name
const NAMED_CHANGES = 3;
// a pause in typing, so that a name typed costs one question, not one per key
const FIND_AFTER_MS = 250;

export class PeopleView {
  #ui;
  #people;
  #chat;
  #session;
  #connection;
  #say;
  #findTimer = 0;

  constructor(ui, { people, chat, session, connection, say }) {
    this.#ui = ui;
    this.#people = people;
    this.#chat = chat;
    this.#session = session;
    this.#connection = connection;
    this.#say = say;
    people.addEventListener('change', () => this.#render());
    people.addEventListener('welcome', () => this.#welcome());
    people.addEventListener('presence', (event) => this.#tell(event.detail));
    chat.addEventListener('open', () => this.#render());
    ui.online.addEventListener('click', (event) => {
      const item = event.target.closest('button')?.closest('li[data-user]');
      if (item) {
        chat.select(item.dataset.user);
      }
    });
    ui.find.addEventListener('submit', (event) => event.preventDefault());
    ui['find-name'].addEventListener('input', () => {
      clearTimeout(this.#findTimer);
      const prefix = ui['find-name'].value.trim();
      this.#findTimer = setTimeout(() => this.#find(prefix), FIND_AFTER_MS);
    });
    this.#render();
  }

  #render() {
    const people = this.#people;
    this.#ui['online-count'].textContent = people.me ? `(${people.count} online)` : '';
    const { target } = this.#chat;
    this.#ui.online.replaceChildren(...people.shown().map(({ name, me, online }) => personItem(name, {
      isMe: me, online, selected: name === target,
    })));
  }

  #welcome() {
    const people = this.#people;
    this.#ui.find.hidden = !people.crowd;
    this.#say(`Connected as ${people.me}. Online: ${people.count}.`);
    if (people.crowd) {
      this.#watch();
    }
  }

  #tell({ came, went }) {
    if (came.length + went.length > NAMED_CHANGES) {
      this.#say(`${came.length} came online, ${went.length} went offline`);
    } else {
      came.forEach((name) => this.#say(`${name} is online`));
      went.forEach((name) => this.#say(`${name} went offline`));
    }
  }

  /** In a crowd: asks to hear of the people this page shows besides conversation partners. */
  #watch() {
    this.#connection.send({ type: 'watch', users: this.#people.watched() });
  }

  async #find(prefix) {
    if (!prefix) {
      this.#people.clearFound();
      this.#watch();
      return;
    }
    try {
      this.#people.found(await onlinePeople(this.#session.credentials(), prefix, FOUND_PAGE));
      this.#watch();
    } catch (error) {
      this.#say(`Could not look for people: ${error.message}`, 'error');
    }
  }
}
