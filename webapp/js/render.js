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

/** A chat message; `status` is the delivery note shown under one's own direct messages. */
export function messageItem(message, { own, status }) {
  const direct = message.to !== undefined;
  const context = !direct ? 'to everyone' : own ? `to ${message.to}` : 'to you';
  const meta = el('div', 'meta',
    el('span', 'from', message.from), ' ',
    el('span', 'context', context), ' ',
    timeElement(message.sentAt));
  if (message.offline) {
    meta.append(' ', el('span', 'mark', 'delivered while you were away'));
  }
  const item = el('li', classes('msg', own && 'own', message.offline && 'offline', direct ? 'direct' : 'broadcast'),
    meta, el('p', 'body', message.body));
  if (status) {
    item.append(el('p', 'delivery', status));
  }
  item.dataset.id = message.id;
  return item;
}

export function systemItem(text, kind) {
  return el('li', classes('system', kind), text);
}

export function everyoneItem(selected) {
  const button = el('button', 'pick', el('span', 'name', 'Everyone'));
  button.type = 'button';
  if (selected) {
    button.setAttribute('aria-current', 'true');
  }
  const item = el('li', 'person everyone', button);
  item.dataset.everyone = '';
  return item;
}

export function personItem(name, { isMe, online, selected, unread }) {
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
    if (unread > 0) {
      button.append(el('span', 'badge', String(unread), el('span', 'sr-only', ' unread')));
    }
    if (selected) {
      button.setAttribute('aria-current', 'true');
    }
    item = el('li', classes('person', !online && 'away'), button);
  }
  item.dataset.user = name;
  return item;
}
