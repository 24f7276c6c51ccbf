// The operator's page: who is online, what an operator does to an account, and the rooms, over /api/admin.
import { call } from './api.js';
import { renew, signIn } from './account.js';

const ui = Object.fromEntries(['admin-login', 'admin-name', 'admin-password', 'admin-status', 'admin-main',
  'admin-count', 'admin-find', 'admin-prefix', 'admin-online', 'admin-account', 'admin-target', 'admin-room-find',
  'admin-room-search', 'admin-rooms', 'admin-room', 'admin-room-heading', 'admin-members', 'admin-members-more']
  .map((id) => [id, document.getElementById(id)]));

// kept in this page only: a reload asks for the password again
let ticket = null;
let renewal = 0;
const RETRY_MS = 5000;

const ACTIONS = {
  disconnect: { method: 'DELETE', path: (name) => `users/${name}/connections`, done: 'disconnected' },
  suspend: { method: 'PUT', path: (name) => `users/${name}/suspension`, done: 'suspended' },
  reinstate: { method: 'DELETE', path: (name) => `users/${name}/suspension`, done: 'reinstated' },
  remove: { method: 'DELETE', path: (name) => `users/${name}`, done: 'removed, with its messages' },
};

// renewed at half its life, as the chat page does, so that an operator's page left open stays signed in
function keep(issued) {
  ticket = issued.ticket;
  clearTimeout(renewal);
  const halfLife = Math.max(1000, (Date.parse(issued.expiresAt) - Date.now()) / 2);
  renewal = setTimeout(() => renew(issued.ticket).then(keep, (error) => {
    if (error.status === 401) {
      say(`Sign in again: ${error.message}`, 'error');
    } else {
      // the server is away: try again soon, while the ticket may still be good
      renewal = setTimeout(() => keep(issued), RETRY_MS);
    }
  }), halfLife);
}

function say(text, kind) {
  ui['admin-status'].textContent = text;
  ui['admin-status'].dataset.kind = kind ?? 'info';
}

/** A button for an action on a row: the action in data-action, whom or what it is for in {key: value}. */
function actionButton(action, [key, value], label) {
  const button = document.createElement('button');
  button.type = 'button';
  button.dataset.action = action;
  button.dataset[key] = value;
  button.textContent = label;
  if (action === 'remove' || action === 'close') {
    button.className = 'danger';
  }
  return button;
}

async function refresh() {
  const query = new URLSearchParams({ prefix: ui['admin-prefix'].value.trim(), limit: '200' });
  const { count, people } = await call('GET', `admin/online?${query}`, { auth: { ticket } });
  ui['admin-count'].textContent = String(count);
  const rows = people.map(({ name, connections }) => {
    const row = document.createElement('tr');
    row.dataset.user = name;
    const who = document.createElement('td');
    who.textContent = name;
    const how = document.createElement('td');
    how.textContent = String(connections);
    const what = document.createElement('td');
    const user = ['user', name];
    what.append(actionButton('disconnect', user, 'Disconnect'), actionButton('suspend', user, 'Suspend'),
      actionButton('remove', user, 'Remove'));
    row.append(who, how, what);
    return row;
  });
  ui['admin-online'].tBodies[0].replaceChildren(...rows);
}

function cell(text) {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
}

// what an operator sees of a room at a glance: its name, whether anyone may find it, and whether it is closed
function roomLabel(room) {
  return `# ${room.name} (${room.public ? 'public' : 'private'}${room.closedSeq !== undefined ? ', closed' : ''})`;
}

async function refreshRooms() {
  const query = new URLSearchParams({ search: ui['admin-room-search'].value.trim(), limit: '200' });
  const { rooms } = await call('GET', `admin/rooms?${query}`, { auth: { ticket } });
  const rows = rooms.map((room) => {
    const row = document.createElement('tr');
    row.dataset.room = room.id;
    if (room.closedSeq !== undefined) {
      row.dataset.closed = 'true';
    }
    const what = document.createElement('td');
    what.append(actionButton('members', ['room', room.id], 'Members'));
    if (room.closedSeq === undefined) {
      what.append(actionButton('close', ['room', room.id], 'Close'));
    }
    row.append(cell(roomLabel(room)), cell(String(room.memberCount)), what);
    return row;
  });
  ui['admin-rooms'].tBodies[0].replaceChildren(...rows);
}

// the room whose members are shown, and where the next page of them starts
let shownRoom = null;
let nextMember = null;

async function showMembers(id, after = '') {
  const query = new URLSearchParams({ after, limit: '200' });
  const room = await call('GET', `admin/rooms/${encodeURIComponent(id)}?${query}`, { auth: { ticket } });
  const rows = room.members.map((member) => {
    const row = document.createElement('tr');
    row.dataset.user = member.name;
    row.append(cell(member.name), cell(member.standing === 'invited' ? 'invited' : member.role),
      cell(String(member.connections)));
    return row;
  });
  if (after === '') {
    shownRoom = id;
    ui['admin-room-heading'].textContent = `${roomLabel(room)}: ${room.memberCount} members`;
    ui['admin-members'].tBodies[0].replaceChildren(...rows);
  } else {
    ui['admin-members'].tBodies[0].append(...rows);
  }
  nextMember = room.next ?? null;
  ui['admin-members-more'].hidden = nextMember === null;
  ui['admin-room'].hidden = false;
}

async function closeRoom(id) {
  try {
    const { members } = await call('DELETE', `admin/rooms/${encodeURIComponent(id)}`, { auth: { ticket } });
    say(`${id}: closed; its ${members} members left it.`, 'ok');
  } catch (error) {
    say(`${id}: ${error.message}`, 'error');
  }
  await refreshRooms().catch((error) => say(`Could not list the rooms: ${error.message}`, 'error'));
  if (shownRoom === id) {
    await showMembers(id).catch((error) => say(`Could not list the members: ${error.message}`, 'error'));
  }
}

async function act(action, name) {
  const { method, path, done } = ACTIONS[action];
  try {
    await call(method, `admin/${path(encodeURIComponent(name))}`, { auth: { ticket } });
    say(`${name}: ${done}.`, 'ok');
  } catch (error) {
    say(`${name}: ${error.message}`, 'error');
  }
  await refresh().catch((error) => say(`Could not list who is online: ${error.message}`, 'error'));
}

ui['admin-login'].addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    keep(await signIn(ui['admin-name'].value.trim(), ui['admin-password'].value));
    await Promise.all([refresh(), refreshRooms()]);
    ui['admin-password'].value = '';
    ui['admin-main'].hidden = false;
    document.body.dataset.state = 'signed-in';
    say('Signed in.', 'ok');
  } catch (error) {
    ticket = null;
    clearTimeout(renewal);
    say(`Could not sign in: ${error.message}`, 'error');
  }
});
ui['admin-find'].addEventListener('submit', (event) => {
  event.preventDefault();
  refresh().catch((error) => say(`Could not list who is online: ${error.message}`, 'error'));
});
ui['admin-online'].addEventListener('click', (event) => {
  const button = event.target.closest('button[data-action]');
  if (button) {
    act(button.dataset.action, button.dataset.user);
  }
});
ui['admin-account'].addEventListener('click', (event) => {
  const button = event.target.closest('button[data-action]');
  const name = ui['admin-target'].value.trim();
  if (button && name) {
    act(button.dataset.action, name);
  }
});
ui['admin-account'].addEventListener('submit', (event) => event.preventDefault());
ui['admin-room-find'].addEventListener('submit', (event) => {
  event.preventDefault();
  refreshRooms().catch((error) => say(`Could not list the rooms: ${error.message}`, 'error'));
});
ui['admin-rooms'].addEventListener('click', (event) => {
  const button = event.target.closest('button[data-action]');
  if (button?.dataset.action === 'members') {
    showMembers(button.dataset.room).catch((error) => say(`Could not list the members: ${error.message}`, 'error'));
  } else if (button?.dataset.action === 'close') {
    closeRoom(button.dataset.room);
  }
});
ui['admin-members-more'].addEventListener('click', () => {
  showMembers(shownRoom, nextMember).catch((error) => say(`Could not list the members: ${error.message}`, 'error'));
});
