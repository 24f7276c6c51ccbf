// Rooms on the page: making one, finding public ones and joining, answering invitations, and for the open room its
// topic, its members with their roles and who of them is online, inviting, leaving, and what one's role lets one do
// to others and to the room (rename it, set its topic, lift a ban). Every change goes to the server as a `room`
// frame (chat.act); the room's events bring it back.
import { directory, room as roomDetails } from './api.js';
import { memberItem, roomItem } from './render.js';

// a pause in typing, so that a search costs one question, not one per key
const FIND_AFTER_MS = 250;
const RANK = { owner: 0, moderator: 1, member: 2 };

export class RoomsView {
  #ui;
  #chat;
  #people;
  #session;
  #say;
  #findTimer = 0;
  #members = []; // the open room's, as last read

  constructor(ui, { chat, people, session, say }) {
    this.#ui = ui;
    this.#chat = chat;
    this.#people = people;
    this.#session = session;
    this.#say = say;
    ui['room-create'].addEventListener('submit', (event) => {
      event.preventDefault();
      this.#create();
    });
    ui['room-find'].addEventListener('submit', (event) => event.preventDefault());
    ui['room-search'].addEventListener('input', () => {
      clearTimeout(this.#findTimer);
      this.#findTimer = setTimeout(() => this.#find(ui['room-search'].value.trim()), FIND_AFTER_MS);
    });
    ui.directory.addEventListener('click', (event) => this.#onRoomButton(event));
    ui.invitations.addEventListener('click', (event) => this.#onRoomButton(event));
    ui['room-invite'].addEventListener('submit', (event) => {
      event.preventDefault();
      this.#change('invite', 'invite-name', 'person', 'invite them');
    });
    ui['room-rename'].addEventListener('submit', (event) => {
      event.preventDefault();
      this.#change('settings', 'rename-name', 'name', 'rename the room');
    });
    ui['room-set-topic'].addEventListener('submit', (event) => {
      event.preventDefault();
      this.#change('settings', 'topic-text', 'topic', 'set the topic');
    });
    ui['room-unban'].addEventListener('submit', (event) => {
      event.preventDefault();
      this.#change('unban', 'unban-name', 'person', 'lift the ban');
    });
    ui['room-leave'].addEventListener('click', () => this.#act('leave'));
    ui['room-close'].addEventListener('click', () => this.#act('close'));
    ui['member-list'].addEventListener('click', (event) => this.#onMemberButton(event));
    chat.addEventListener('open', () => this.#render(true));
    // an event of the open room may change its members; one of another room only the invitations
    chat.addEventListener('rooms', (event) => this.#render(event.detail === undefined
      || event.detail === this.#chat.openRoom?.id));
    people.addEventListener('change', () => this.#renderMembers());
    this.#render(true);
  }

  #credentials() {
    return this.#session.credentials();
  }

  async #create() {
    const name = this.#ui['room-name'].value.trim();
    if (!name) {
      return;
    }
    try {
      const ack = await this.#chat.act('create', { name, public: this.#ui['room-public'].checked });
      this.#ui['room-name'].value = '';
      this.#chat.openRoomById(ack.conversation);
    } catch (error) {
      this.#say(`Could not make the room: ${error.message}`, 'error');
    }
  }

  async #find(search) {
    if (!this.#chat.signedIn) {
      return;
    }
    if (!search) {
      this.#ui.directory.replaceChildren();
      return;
    }
    try {
      const answer = await directory(this.#credentials(), search);
      this.#ui.directory.replaceChildren(...(answer.rooms ?? []).map((room) => roomItem(room, [['join', 'Join']])));
    } catch (error) {
      this.#say(`Could not search the rooms: ${error.message}`, 'error');
    }
  }

  async #onRoomButton(event) {
    const button = event.target.closest('button[data-action]');
    const id = button?.closest('li[data-room]')?.dataset.room;
    if (!id) {
      return;
    }
    const { action } = button.dataset;
    try {
      await this.#chat.act(action, { room: id });
      if (action === 'join') {
        this.#ui.directory.replaceChildren();
        this.#ui['room-search'].value = '';
        this.#chat.openRoomById(id);
      }
      this.#render(false);
    } catch (error) {
      this.#say(`Could not ${action}: ${error.message}`, 'error');
    }
  }

  /** Sends what a field holds as one field of a room action on the open room (invite, settings, unban); empties it
   * once done. */
  async #change(action, input, field, what) {
    const open = this.#chat.openRoom;
    const value = this.#ui[input].value.trim();
    // a topic may be cleared; a name or a person may not be empty
    if (!open || (!value && field !== 'topic')) {
      return;
    }
    try {
      await this.#chat.act(action, { room: open.id, [field]: value });
      this.#ui[input].value = '';
    } catch (error) {
      this.#say(`Could not ${what}: ${error.message}`, 'error');
    }
  }

  /** Leaves or closes the open room. */
  async #act(action) {
    const open = this.#chat.openRoom;
    if (!open) {
      return;
    }
    try {
      await this.#chat.act(action, { room: open.id });
    } catch (error) {
      this.#say(`Could not ${action} the room: ${error.message}`, 'error');
    }
  }

  async #onMemberButton(event) {
    const button = event.target.closest('button[data-action]');
    const person = button?.closest('li[data-user]')?.dataset.user;
    const open = this.#chat.openRoom;
    if (!person || !open) {
      return;
    }
    const [action, role] = button.dataset.action.split(':');
    try {
      await this.#chat.act(action, role ? { room: open.id, person, role } : { room: open.id, person });
    } catch (error) {
      this.#say(`Could not ${action} ${person}: ${error.message}`, 'error');
    }
  }

  /** @param membersChanged whether the open room's members are to be read again */
  #render(membersChanged) {
    const ui = this.#ui;
    ui.invitations.replaceChildren(...this.#chat.invitations.map((c) => roomItem({ ...c.room, id: c.id },
      [['join', 'Accept'], ['decline', 'Decline']])));
    const open = this.#chat.openRoom;
    ui['room-bar'].hidden = !open || open.room.standing !== 'joined';
    if (!open) {
      return;
    }
    ui['room-title'].textContent = `# ${open.room.name}`;
    ui['room-topic'].textContent = open.room.topic ?? '';
    ui['room-count'].textContent = `${open.room.memberCount} members`;
    ui['room-close'].hidden = open.room.role !== 'owner';
    // what each role may change of the room: owners everything, moderators the topic and bans
    ui['room-settings'].hidden = open.room.role === 'member';
    ui['room-rename'].hidden = open.room.role !== 'owner';
    if (membersChanged && !ui['room-bar'].hidden) {
      this.#loadMembers(open.id);
    }
  }

  async #loadMembers(id) {
    try {
      const answer = await roomDetails(this.#credentials(), id);
      if (this.#chat.openRoom?.id !== id) {
        return;
      }
      this.#members = answer.members ?? [];
      this.#ui['room-count'].textContent = `${answer.memberCount} members`;
      this.#renderMembers();
    } catch (error) {
      this.#members = [];
      this.#renderMembers();
      this.#say(`Could not read the room's members: ${error.message}`, 'error');
    }
  }

  /** What the reader may do to a member: by role, only to those below them. */
  #actionsFor(member, myRole) {
    if (member.name === this.#people.me || RANK[myRole] >= RANK[member.role] || myRole === 'member') {
      return [];
    }
    const actions = [['kick', 'Remove'], ['ban', 'Ban']];
    if (myRole === 'owner' && member.standing === 'joined') {
      actions.push(member.role === 'moderator' ? ['role:member', 'Make member'] : ['role:moderator', 'Make moderator']);
    }
    return actions;
  }

  #renderMembers() {
    const open = this.#chat.openRoom;
    if (!open) {
      this.#ui['member-list'].replaceChildren();
      return;
    }
    const myRole = open.room.role;
    const sorted = [...this.#members].sort((a, b) => RANK[a.role] - RANK[b.role] || (a.name < b.name ? -1 : 1));
    this.#ui['member-list'].replaceChildren(...sorted.map((member) => memberItem(member, {
      online: this.#people.isOnline(member.name) || member.name === this.#people.me,
      actions: this.#actionsFor(member, myRole),
    })));
  }
}
