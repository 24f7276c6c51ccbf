// Every string reaches the page through append()/textContent, which make Text nodes: names, bodies and
// reasons from the wire are shown as typed, never parsed as HTML.
function el(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  node.append(...children);
  return node;
}

function classes(...names) {
  return names.filter(Boolean).join(' ');
}

// browsers disagree on more than three fractional digits, and the server may send up to nine
function parseInstant(iso) {
  return new Date(iso.replace(/(\.\d{3})\d+/, '$1'));
}

function timeElement(iso) {
  const date = parseInstant(iso);
  const valid = !Number.isNaN(date.getTime());
  const today = valid && date.toDateString() === new Date().toDateString();
  const shown = !valid ? iso
    : today ? date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
      : date.toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  const time = el('time', 'time', shown);
  time.dateTime = iso;
  if (valid) {
    time.title = date.toLocaleString();
  }
  return time;
}

const STATE_TEXT = {
  pending: 'sending…',
  stored: '✓ sent',
  delivered: '✓✓ delivered',
  read: '✓✓ read',
};

/**
 * A chat message. `state` (one's own messages only): pending, stored, delivered, read or failed, kept in
 * data-state and said in words beside a tick; `failed` is the reason.
 */
export function messageItem(message, state) {
  if (message.event !== undefined) {
    return eventItem(message);
  }
  const direct = message.to !== undefined;
  const inRoom = message.conversation?.startsWith('#');
  const context = inRoom ? '' : !direct ? 'to everyone' : message.own ? `to ${message.to}` : 'to you';
  const meta = el('div', 'meta',
    el('span', 'from', message.from), ' ',
    el('span', 'context', context), ' ',
    timeElement(message.sentAt));
  if (message.offline) {
    meta.append(' ', el('span', 'mark', 'delivered while you were away'));
  }
  const item = el('li', classes('msg', message.own && 'own', message.offline && 'offline',
    direct ? 'direct' : 'broadcast'), meta, el('p', 'body', message.body));
  if (message.offline) {
    item.dataset.offline = '';
  }
  showState(item, message, state);
  return item;
}

/** Brings an item up to date with its message's ids and state; the rest of a message never changes. */
export function showState(item, message, state) {
  item.dataset.key = message.key;
  if (message.id) {
    item.dataset.id = message.id;
  }
  item.dataset.seq = message.seq ?? '';
  if (!state) {
    return;
  }
  item.dataset.state = state;
  const text = state === 'failed' ? `not sent: ${message.failed}` : STATE_TEXT[state];
  const note = item.querySelector('.delivery') ?? item.appendChild(el('p', 'delivery'));
  note.textContent = text;
  note.classList.toggle('error', state === 'failed');
}

const ROLE_TEXT = { owner: 'an owner', moderator: 'a moderator', member: 'a member' };

/** What a room's event says, in words: "ann invited ben", "ben joined". */
export function eventText(message) {
  const d = message.details ?? {};
  const by = message.from;
  const person = d.person;
  switch (message.event) {
    case 'created': return `${by} made the room${d.public ? ' (public)' : ' (private)'}`;
    case 'joined': return `${person} joined`;
    case 'left': return d.removed ? `${person}'s account was removed` : `${person} left`;
    case 'declined': return `${person} declined the invitation`;
    case 'invited': return `${by} invited ${person}`;
    case 'kicked': return `${by} removed ${person}`;
    case 'banned': return `${by} banned ${person}`;
    case 'unbanned': return `${by} lifted ${person}'s ban`;
    case 'role': return `${by} made ${person} ${ROLE_TEXT[d.role] ?? d.role}`;
    case 'renamed': return `${by} renamed the room ${d.name}`;
    case 'topic': return d.topic ? `${by} set the topic: ${d.topic}` : `${by} cleared the topic`;
    case 'closed': return `${by} closed the room`;
    default: return `${by}: ${message.event}`;
  }
}

function eventItem(message) {
  const item = el('li', 'msg event', el('span', 'body', eventText(message)), ' ', timeElement(message.sentAt));
  item.dataset.event = message.event;
  showState(item, message, undefined);
  return item;
}

export function systemItem(text, kind) {
  return el('li', classes('system', kind), text);
}

/** A conversation in the list: Everyone, a person or a room, with an unread count and the latest message. */
export function conversationItem(conversation, { selected, online }) {
  const partner = conversation.with;
  const { room } = conversation;
  const button = el('button', 'pick', el('span', 'name', room ? `# ${room.name}` : partner ?? 'Everyone'));
  button.type = 'button';
  if (partner !== undefined && !online) {
    button.append(el('span', 'note', ' offline'));
  }
  if (conversation.unread > 0) {
    button.append(el('span', 'badge', String(conversation.unread), el('span', 'sr-only', ' unread')));
  }
  if (conversation.last) {
    const { last } = conversation;
    const who = last.event !== undefined ? '' : last.own ? 'You: ' : partner === undefined ? `${last.from}: ` : '';
    button.append(el('span', 'preview', who + (last.event !== undefined ? eventText(last) : last.body)));
  }
  if (selected) {
    button.setAttribute('aria-current', 'true');
  }
  const item = el('li', classes('person', 'conversation', room && 'room', !room && partner === undefined && 'everyone',
    partner !== undefined && !online && 'away'), button);
  item.dataset.conversation = conversation.id;
  item.dataset.unread = String(conversation.unread);
  if (partner !== undefined) {
    item.dataset.user = partner;
  }
  return item;
}

/** The first line of the conversation: whether older messages can still be loaded. */
export function historyEdge(history) {
  const text = { loading: 'Loading older messages…', more: 'Scroll up for older messages',
    all: 'This is the start of the conversation' }[history] ?? '';
  const item = el('li', 'system edge', text);
  item.dataset.history = history;
  return item;
}

/** A small button for each [action, label], its action in data-action. */
function appendActions(item, actions) {
  for (const [action, label] of actions) {
    const button = el('button', 'small', label);
    button.type = 'button';
    button.dataset.action = action;
    item.append(' ', button);
  }
}

/** A room in the directory or an invitation: its name and topic, and what one can do (buttons by action). */
export function roomItem(room, actions) {
  const item = el('li', 'person room-pick', el('span', 'name', `# ${room.name}`));
  if (room.topic) {
    item.append(el('span', 'preview', room.topic));
  }
  appendActions(item, actions);
  item.dataset.room = room.id;
  return item;
}

/** A member of the open room: name, role, whether online, and what the reader's role lets them do to them. */
export function memberItem(member, { online, actions }) {
  const item = el('li', classes('person', 'member', !online && 'away'), el('span', 'name', member.name),
    el('span', 'note', ` ${member.standing === 'invited' ? 'invited' : member.role}${online ? '' : ', offline'}`));
  appendActions(item, actions);
  item.dataset.user = member.name;
  item.dataset.role = member.role;
  return item;
}

export function personItem(name, { isMe, online, selected }) {
  let item;
  if (isMe) {
    // writing to oneself is refused by the server, so one's own name is not a target
    item = el('li', 'person me', el('span', 'name', name), el('span', 'note', ' (you)'));
  } else {
    const button = el('button', 'pick', el('span', 'name', name));
    button.type = 'button';
    if (!online) {
      button.append(el('span', 'note', ' offline'));
    }
    if (selected) {
      button.setAttribute('aria-current', 'true');
    }
    item = el('li', classes('person', !online && 'away'), button);
  }
  item.dataset.user = name;
  return item;
}
