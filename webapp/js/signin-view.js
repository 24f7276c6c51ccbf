// Signing in, up and out, the account's own forms, and what the page says of its connection (the status, the
// notice, and the form's fields by state). The Session model holds who this page is; this draws it.
import { changePassword, removeAccount, serverMode, signIn, signUp } from './account.js';
import { closeCause } from './close-codes.js';

function statusText(detail) {
  switch (detail.state) {
    case 'connected':
      return `Connected as ${detail.user}`;
    case 'connecting':
      return 'Connecting…';
    case 'reconnecting':
      return `Reconnecting in ${detail.seconds} s`;
    default:
      return 'Disconnected';
  }
}

export class SignInView {
  #ui;
  #session;
  #connection;
  #chat;
  #say;

  constructor(ui, { session, connection, chat, say }) {
    this.#ui = ui;
    this.#session = session;
    this.#connection = connection;
    this.#chat = chat;
    this.#say = say;
    session.addEventListener('ticket', () => {
      ui.account.hidden = !session.ticket;
    });
    session.addEventListener('renewal-failed', (event) => {
      say(`Could not stay signed in: ${event.detail.message}`, 'error');
    });
    connection.addEventListener('state', (event) => this.#show(event.detail));
    ui.login.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#enter(false);
    });
    ui.signup.addEventListener('click', () => this.#enter(true));
    ui.disconnect.addEventListener('click', () => {
      session.signOut();
      connection.disconnect();
      chat.forget();
    });
    ui['password-change'].addEventListener('submit', (event) => {
      event.preventDefault();
      this.#changePassword();
    });
    ui.removal.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#remove();
    });
    ui.retry.addEventListener('click', () => connection.retryNow());
    ui.name.value = session.rememberedName;
    this.#show({ state: 'disconnected' });
    (ui.name.value ? ui.password : ui.name).focus();
  }

  /** Asks the server's mode, then goes on where a reload left off: a signed-in tab connects with its ticket. */
  start() {
    const ui = this.#ui;
    serverMode().then(({ open }) => {
      this.#session.open = open;
      ui['open-mode'].hidden = !open;
      ui.connect.textContent = open ? 'Connect' : 'Sign in';
      ui.disconnect.textContent = open ? 'Disconnect' : 'Sign out';
      this.#show({ state: 'disconnected' });
      const saved = open ? null : this.#session.saved();
      if (saved) {
        this.#connectWith(saved);
      } else {
        (ui.name.value && !open ? ui.password : ui.name).focus();
      }
    }, (error) => this.#say(`The server cannot be reached: ${error.message}`, 'error'));
  }

  #noticeText(detail, refused) {
    switch (detail.state) {
      case 'connecting':
        return 'Connecting… messages can be sent once the connection is up.';
      case 'reconnecting':
        return `Connection down: ${closeCause(detail)}. Reconnecting in ${detail.seconds} s; `
          + 'messages cannot be sent until then.';
      default:
        if (refused) {
          return `The server closed the chat: ${closeCause(detail)}`;
        }
        if (detail.byUser) {
          return this.#session.open ? 'Disconnected. Press Connect to chat again.' : 'Signed out.';
        }
        return this.#session.open ? 'Not connected. Enter a name and press Connect.'
          : 'Enter your name and password and sign in, or create an account.';
    }
  }

  #show(detail) {
    const ui = this.#ui;
    const { state } = detail;
    const live = state === 'connected';
    const idle = state === 'disconnected';
    // closed for good by the server: expired, signed out elsewhere, or never valid
    const refused = idle && detail.code !== undefined;
    // the log is the live region, so changes worth hearing go there once rather than with every countdown tick
    if (document.body.dataset.state === 'connected' && !live) {
      if (detail.byUser) {
        this.#say('Disconnected.');
      } else {
        this.#say(`Connection lost: ${closeCause(detail)}.`, 'error');
      }
    } else if (refused) {
      this.#say(this.#noticeText(detail, refused), 'error');
    }
    document.body.dataset.state = state;
    ui.status.dataset.state = state;
    ui.status.textContent = statusText(detail);
    ui.notice.hidden = live;
    ui['notice-text'].textContent = live ? '' : this.#noticeText(detail, refused);
    ui.retry.hidden = state !== 'reconnecting';
    ui.name.disabled = !idle;
    ui.connect.disabled = !idle;
    ui.signup.disabled = !idle;
    ui.disconnect.disabled = idle;
    // while signed in, the form shrinks to who you are and Sign out: on a phone the chat needs the room
    for (const element of document.querySelectorAll('.secured')) {
      element.hidden = this.#session.open || !idle;
    }
    ui.connect.hidden = !idle;
    ui.send.disabled = !live;
    if (refused) {
      this.#session.drop();
      ui.name.focus(); // the name was refused: that is what to fix
    }
    if (!live) {
      this.#chat.down(); // an ack for what is still pending can no longer arrive on a new connection
    }
    if (idle) {
      this.#chat.end();
    }
  }

  #connect() {
    this.#connection.connect(() => this.#session.handshake(this.#chat.since()));
    this.#ui.body.focus();
  }

  #connectWith(issued) {
    this.#session.signedIn(issued);
    this.#connect();
    this.#ui.password.value = '';
  }

  async #enter(creating) {
    const ui = this.#ui;
    // white space is never part of a valid name; a pasted trailing space should not cost a refusal
    const name = ui.name.value.trim();
    if (!name) {
      ui.name.focus();
      return;
    }
    if (this.#session.open) {
      this.#session.enterAs(name);
      this.#connect();
      return;
    }
    const password = ui.password.value;
    ui.connect.disabled = true;
    ui.signup.disabled = true;
    try {
      if (creating) {
        await signUp(name, password);
        this.#say(`Account ${name} created.`);
      }
      this.#connectWith(await signIn(name, password));
    } catch (error) {
      this.#say(`${creating ? 'Could not create the account' : 'Could not sign in'}: ${error.message}`, 'error');
      ui.connect.disabled = false;
      ui.signup.disabled = false;
      (error.status === 401 ? ui.password : ui.name).focus();
    }
  }

  async #changePassword() {
    const ui = this.#ui;
    try {
      // every connection of the account is closed, this page's too; it goes on with the fresh ticket the answer brings
      this.#connectWith(await changePassword(this.#session.ticket, ui['current-password'].value,
        ui['new-password'].value));
      ui['password-change'].reset();
      ui['account-note'].textContent = 'Password changed. Your other devices must sign in again.';
    } catch (error) {
      ui['account-note'].textContent = `Could not change the password: ${error.message}`;
    }
  }

  async #remove() {
    const ui = this.#ui;
    try {
      const { removed } = await removeAccount(this.#session.ticket, ui['removal-password'].value);
      this.#session.drop();
      this.#connection.disconnect();
      this.#chat.forget();
      ui.removal.reset();
      this.#say(`The account ${removed} was removed, with everything it wrote.`);
    } catch (error) {
      ui['account-note'].textContent = `Could not remove the account: ${error.message}`;
    }
  }
}
