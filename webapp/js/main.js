import { Connection } from './connection.js';
import {
  changePassword, removeAccount, renew, saveTicket, savedTicket, serverMode, signIn, signOut, signUp,
} from './account.js';
import * as chat from './chat.js';
import { personItem } from './render.js';
import { onlinePeople } from './api.js';

const ui = Object.fromEntries(['login', 'name', 'password', 'connect', 'signup', 'disconnect', 'status', 'notice',
  'notice-text', 'retry', 'open-mode', 'conversations', 'start', 'start-name', 'online', 'messages', 'compose',
  'target', 'target-note', 'body', 'send', 'online-count', 'find', 'find-name', 'account', 'password-change',
  'current-password', 'new-password', 'removal', 'removal-password', 'account-note'].map((id) => [id, document.getElementById(id)]));

const NAME_KEY = 'parley.name';
const CLOSE_EXPLAINED = {
  1001: 'the server is shutting down',
  1006: 'the network or the server went away',
  1009: 'a message was too large',
  1011: 'the server ran into a problem',
  1012: 'the server is restarting',
  1013: 'the connection fell behind',
  4000: 'the server stopped hearing from this page',
};

const connection = new Connection();
let me = null; // our name as the server spells it (NFC), from welcome
let online = [];
const seenPeople = new Set();
let onlineCount = 0;
// in a crowd the server tells this page only of conversation partners and of the people it asks about (watch)
let crowd = false;
let found = []; // people online found by name, in a crowd
let findTimer = 0;
const MAX_WATCHED = 100; // the protocol's limit for one watch frame
const FOUND_PAGE = 20;
// more changes than this in one presence frame are told as a count, not name by name
const NAMED_CHANGES = 3;
let openMode = false; // the server takes a bare name: no accounts, no tickets
let ticket = null; // {ticket, name, expiresAt} while signed in
let renewalTimer = 0;

function remembered() {
  try {
    return localStorage.getItem(NAME_KEY) ?? '';
  } catch {
    return ''; // storage can be switched off; the page works without it
  }
}

function remember(name) {
  try {
    localStorage.setItem(NAME_KEY, name);
  } catch {
    // as above
  }
}

function say(text, kind) {
  chat.say(text, kind);
}

function renderPeople() {
  // everyone seen online since the page opened stays listed while offline, so one can leave them a message
  const names = new Set([...online, ...seenPeople, ...found]);
  ui['online-count'].textContent = me ? `(${onlineCount} online)` : '';
  const target = chat.target();
  const people = [...names].sort((a, b) => a.localeCompare(b)).map((name) => personItem(name, {
    isMe: name === me,
    online: online.includes(name),
    selected: name === target,
  }));
  ui.online.replaceChildren(...people);
  chat.renderList();
}

function renderTarget() {
  const target = chat.target();
  ui.target.textContent = target ?? 'Everyone';
  ui['target-note'].textContent = target && !online.includes(target) ? '(offline: kept until they connect)' : '';
  ui.body.placeholder = `Message ${target ?? 'everyone'}`;
}

/** A name as typed, spelled as the account spells itself when the page has seen it (the server finds any case). */
function known(typed) {
  const folded = typed.normalize('NFC').toLowerCase();
  return [me, ...seenPeople, ...chat.partners()].find((name) => name?.toLowerCase() === folded) ?? typed;
}

function selectTarget(name) {
  if (name === me) {
    say('Messages to yourself are not sent: choose someone else.', 'error');
    return;
  }
  chat.openWith(name);
  ui.body.focus();
}

function receive(frame) {
  if (chat.receive(frame)) {
    return;
  }
  switch (frame.type) {
    case 'welcome':
      me = frame.user;
      if (!chat.active()) {
        // the first connection of a sign-in; a reconnect goes on where it was
        chat.begin(me, () => (ticket ? { ticket: ticket.ticket } : { user: me }));
      }
      online = [...frame.online];
      online.forEach((name) => seenPeople.add(name));
      onlineCount = frame.count;
      crowd = frame.crowd;
      ui.find.hidden = !crowd;
      renderPeople();
      renderTarget();
      say(`Connected as ${me}. Online: ${frame.count}.`);
      chat.live();
      if (crowd) {
        watchShown();
      }
      break;
    case 'presence':
      applyPresence(frame);
      break;
    case 'error':
      say(frame.message, 'error');
      break;
    default:
      break; // a newer server may know more frame types; this page ignores them
  }
}

/** Every change since the last presence frame: who came online, who went offline, and the count now. */
function applyPresence(frame) {
  const came = frame.online.filter((name) => name !== me);
  const went = frame.offline.filter((name) => name !== me);
  online = online.filter((name) => !went.includes(name) && !came.includes(name)).concat(came);
  came.forEach((name) => seenPeople.add(name));
  onlineCount = frame.count;
  renderPeople();
  renderTarget();
  if (came.length + went.length > NAMED_CHANGES) {
    say(`${came.length} came online, ${went.length} went offline`);
  } else {
    came.forEach((name) => say(`${name} is online`));
    went.forEach((name) => say(`${name} went offline`));
  }
}

/** In a crowd: asks to hear of the people this page shows besides conversation partners (the server knows those). */
function watchShown() {
  const shown = [...new Set([...found, ...seenPeople])].filter((name) => name !== me).slice(0, MAX_WATCHED);
  connection.send({ type: 'watch', users: shown });
}

async function find(prefix) {
  if (!prefix) {
    found = [];
    renderPeople();
    watchShown();
    return;
  }
  try {
    const answer = await onlinePeople(ticket ? { ticket: ticket.ticket } : { user: me }, prefix, FOUND_PAGE);
    found = answer.people.filter((name) => name !== me);
    onlineCount = answer.count;
    renderPeople();
    watchShown();
  } catch (error) {
    say(`Could not look for people: ${error.message}`, 'error');
  }
}

function closeCause({ code, reason }) {
  return reason || CLOSE_EXPLAINED[code] || `closed with code ${code}`;
}

function noticeText(detail) {
  switch (detail.state) {
    case 'connecting':
      return 'Connecting… messages can be sent once the connection is up.';
    case 'reconnecting':
      return `Connection down: ${closeCause(detail)}. Reconnecting in ${detail.seconds} s; `
        + 'messages cannot be sent until then.';
    default:
      if (detail.code !== undefined) {
        return `The server closed the chat: ${closeCause(detail)}`;
      }
      if (detail.byUser) {
        return openMode ? 'Disconnected. Press Connect to chat again.' : 'Signed out.';
      }
      return openMode ? 'Not connected. Enter a name and press Connect.'
        : 'Enter your name and password and sign in, or create an account.';
  }
}

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

function showState(detail) {
  const { state } = detail;
  const live = state === 'connected';
  const idle = state === 'disconnected';
  // the log is the live region, so changes worth hearing go there once rather than with every countdown tick
  if (document.body.dataset.state === 'connected' && !live) {
    if (detail.byUser) {
      say('Disconnected.');
    } else {
      say(`Connection lost: ${closeCause(detail)}.`, 'error');
    }
  } else if (idle && detail.code !== undefined) {
    say(noticeText(detail), 'error');
  }
  document.body.dataset.state = state;
  ui.status.dataset.state = state;
  ui.status.textContent = statusText(detail);
  ui.notice.hidden = live;
  ui['notice-text'].textContent = live ? '' : noticeText(detail);
  ui.retry.hidden = state !== 'reconnecting';
  ui.name.disabled = !idle;
  ui.connect.disabled = !idle;
  ui.signup.disabled = !idle;
  ui.disconnect.disabled = idle;
  showLoginFields(idle);
  if (idle && detail.code !== undefined) {
    keepTicket(null); // refused at the handshake: expired, signed out elsewhere, or never valid
  }
  ui.send.disabled = !live;
  if (idle && detail.code !== undefined) {
    ui.name.focus(); // the name was refused: that is what to fix
  }
  if (!live) {
    chat.down(); // an ack for what is still pending can no longer arrive on a new connection
  }
  if (idle) {
    chat.end();
  }
}

function send() {
  const body = ui.body.value;
  ui.body.focus();
  if (!body.trim()) {
    return;
  }
  const result = chat.send(body);
  if (result === 'too-large') {
    say(`That message is too long to send (the limit is ${connection.maxFrameBytes} bytes).`, 'error');
  } else if (result === 'sent') {
    ui.body.value = '';
  }
}

// while signed in, the form shrinks to who you are and Sign out: on a phone the chat needs the room
function showLoginFields(idle) {
  for (const element of document.querySelectorAll('.secured')) {
    element.hidden = openMode || !idle;
  }
  ui.connect.hidden = !idle;
}

function keepTicket(issued) {
  ticket = issued;
  saveTicket(issued);
  ui.account.hidden = !issued;
  clearTimeout(renewalTimer);
  if (issued) {
    // renewed at half its life, so a page left open stays signed in without asking for the password again
    const halfLife = Math.max(1000, (Date.parse(issued.expiresAt) - Date.now()) / 2);
    renewalTimer = setTimeout(() => {
      renew(issued.ticket).then(keepTicket, (error) => {
        if (error.status === 401) {
          say(`Could not stay signed in: ${error.message}`, 'error');
        } else {
          renewalTimer = setTimeout(() => keepTicket(ticket), 5000); // the server is away; try again soon
        }
      });
    }, halfLife);
  }
}

function connectWithTicket(issued) {
  keepTicket(issued);
  remember(issued.name);
  connection.connect(() => `ticket=${encodeURIComponent(ticket?.ticket ?? '')}&confirm=received${chat.since()}`);
  ui.password.value = '';
  ui.body.focus();
}

async function enter(creating) {
  // white space is never part of a valid name; a pasted trailing space should not cost a refusal
  const name = ui.name.value.trim();
  if (!name) {
    ui.name.focus();
    return;
  }
  if (openMode) {
    remember(name);
    connection.connect(() => `user=${encodeURIComponent(name)}&confirm=received${chat.since()}`);
    ui.body.focus();
    return;
  }
  const password = ui.password.value;
  ui.connect.disabled = true;
  ui.signup.disabled = true;
  try {
    if (creating) {
      await signUp(name, password);
      say(`Account ${name} created.`);
    }
    connectWithTicket(await signIn(name, password));
  } catch (error) {
    say(`${creating ? 'Could not create the account' : 'Could not sign in'}: ${error.message}`, 'error');
    ui.connect.disabled = false;
    ui.signup.disabled = false;
    (error.status === 401 ? ui.password : ui.name).focus();
  }
}

ui.login.addEventListener('submit', (event) => {
  event.preventDefault();
  enter(false);
});
ui.signup.addEventListener('click', () => enter(true));
ui.disconnect.addEventListener('click', () => {
  if (ticket) {
    signOut(ticket.ticket).catch(() => { }); // the ticket is dropped here either way
    keepTicket(null);
  }
  connection.disconnect();
  chat.forget(); // the next person at this browser sees nothing of this one's conversations
});
ui['password-change'].addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    // every connection of the account is closed, this page's too; it goes on with the fresh ticket the answer brings
    connectWithTicket(await changePassword(ticket.ticket, ui['current-password'].value, ui['new-password'].value));
    ui['password-change'].reset();
    ui['account-note'].textContent = 'Password changed. Your other devices must sign in again.';
  } catch (error) {
    ui['account-note'].textContent = `Could not change the password: ${error.message}`;
  }
});
ui.removal.addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const { removed } = await removeAccount(ticket.ticket, ui['removal-password'].value);
    keepTicket(null);
    connection.disconnect();
    chat.forget();
    ui.removal.reset();
    say(`The account ${removed} was removed, with everything it wrote.`);
  } catch (error) {
    ui['account-note'].textContent = `Could not remove the account: ${error.message}`;
  }
});
ui.retry.addEventListener('click', () => connection.retryNow());
window.addEventListener('online', () => connection.retryNow());

ui.online.addEventListener('click', (event) => {
  const item = event.target.closest('button')?.closest('li[data-user]');
  if (item) {
    selectTarget(item.dataset.user);
  }
});
ui.start.addEventListener('submit', (event) => {
  event.preventDefault();
  // white space is never part of a valid name
  const name = ui['start-name'].value.trim();
  if (name && chat.active()) {
    ui['start-name'].value = '';
    selectTarget(known(name));
  }
});

ui.find.addEventListener('submit', (event) => event.preventDefault());
ui['find-name'].addEventListener('input', () => {
  clearTimeout(findTimer);
  const prefix = ui['find-name'].value.trim();
  // a pause in typing, so that a name typed costs one question, not one per key
  findTimer = setTimeout(() => find(prefix), 250);
});

ui.compose.addEventListener('submit', (event) => {
  event.preventDefault();
  send();
});
ui.body.addEventListener('keydown', (event) => {
  // Enter that picks an IME candidate (Chinese, Japanese…) must not send; Safari reports it only as keyCode 229
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
    event.preventDefault();
    send();
  }
});

connection.addEventListener('frame', (event) => receive(event.detail));
connection.addEventListener('state', (event) => showState(event.detail));
chat.init({ list: ui.conversations, log: ui.messages }, {
  conn: connection,
  online: (name) => online.includes(name),
  opened: () => {
    renderPeople();
    renderTarget();
  },
});

ui.name.value = remembered();
renderPeople();
renderTarget();
showState({ state: 'disconnected' });
(ui.name.value ? ui.password : ui.name).focus();
serverMode().then(({ open }) => {
  openMode = open;
  ui['open-mode'].hidden = !open;
  ui.connect.textContent = open ? 'Connect' : 'Sign in';
  ui.disconnect.textContent = open ? 'Disconnect' : 'Sign out';
  showState({ state: 'disconnected' });
  const saved = open ? null : savedTicket();
  if (saved) {
    connectWithTicket(saved); // a reload of a signed-in tab
  } else {
    (ui.name.value && !open ? ui.password : ui.name).focus();
  }
}, (error) => say(`The server cannot be reached: ${error.message}`, 'error'));
