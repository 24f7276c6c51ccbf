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
  const direct = message.to !== undefined;
  const context = !direct ? 'to everyone' : message.own ? `to ${message.to}` : 'to you';
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

export function systemItem(text, kind) {
  return el('li', classes('system', kind), text);
}

/** A conversation in the list: Everyone or a person, with an unread count and the latest message. */
export function conversationItem(conversation, { selected, online }) {
  const partner = conversation.with;
  const button = el('button', 'pick', el('span', 'name', partner ?? 'Everyone'));
  button.type = 'button';
  if (partner !== undefined && !online) {
    button.append(el('span', 'note', ' offline'));
  }
  if (conversation.unread > 0) {
    button.append(el('span', 'badge', String(conversation.unread), el('span', 'sr-only', ' unread')));
  }
  if (conversation.last) {
    const who = conversation.last.own ? 'You: ' : partner === undefined ? `${conversation.last.from}: ` : '';
    button.append(el('span', 'preview', who + conversation.last.body));
  }
  if (selected) {
    button.setAttribute('aria-current', 'true');
  }
  const item = el('li', classes('person', 'conversation', partner === undefined && 'everyone',
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
