// The conversations on the page: the list, the open conversation with its history, sending with its states, and
// what the page tells the server back (what arrived, what was read). The state is in conversations.js.
import { conversations as fetchConversations, messages as fetchMessages } from './api.js';
import { Confirmations } from './confirmations.js';
import { Conversations, EVERYONE, UNCONFIRMED } from './conversations.js';
import { MessageLog } from './log.js';
import { conversationItem, systemItem } from './render.js';

const PAGE = 50;
// this close to the top, the older page is fetched before the reader gets there
const LOAD_OLDER_WITHIN_PX = 120;
const OPEN_KEY = 'parley.conversation';

const model = new Conversations();
model.reset(null);
let ui = {};
let connection = null;
let isOnline = () => false;
let onOpen = () => { };
let auth = null; // gives {ticket} or {user} for the history API, while signed in
let session = 0; // which sign-in an answer from the server belongs to
let openId = EVERYONE;
let log = null; // the open conversation's messages
let loadingOlder = false;
let lastRef = 0;
let confirmations = null;

/** @param elements {list, log}: the conversation list and the message log */
export function init(elements, { conn, online, opened }) {
  ui = elements;
  connection = conn;
  confirmations = new Confirmations(conn);
  log = new MessageLog(ui.log);
  isOnline = online;
  onOpen = opened;
  ui.log.addEventListener('scroll', () => {
    if (ui.log.scrollTop < LOAD_OLDER_WITHIN_PX) {
      loadOlder();
    }
  });
  ui.list.addEventListener('click', (event) => {
    const item = event.target.closest('button')?.closest('li[data-conversation]');
    if (item) {
      open(item.dataset.conversation);
    }
  });
  document.addEventListener('visibilitychange', markRead);
  // a reload right after a message came should not have it come again as missed
  window.addEventListener('pagehide', () => confirmations.now());
}

/**
 * A new sign-in: nothing of the last one is kept.
 * @param credentials gives what the history API wants now ({ticket} or, in open mode, {user}): tickets are renewed
 */
export function begin(me, credentials) {
  session += 1;
  model.reset(me);
  auth = credentials;
  confirmations.reset();
  lastRef = 0;
  const remembered = rememberedConversation();
  openId = remembered && (remembered === EVERYONE || remembered.split(':').includes(me)) ? remembered : EVERYONE;
  if (openId !== EVERYONE) {
    model.with(openId.split(':').find((name) => name !== me) ?? me);
  }
  render();
}

export const active = () => auth !== null;

export function end() {
  session += 1;
  auth = null;
  confirmations.reset();
}

/** The people this user has conversations with. */
export const partners = () => model.list().map((c) => c.with).filter((name) => name !== undefined);

/** Signed out: the conversations leave the screen. */
export function forget() {
  end();
  model.reset(null);
  openId = EVERYONE;
  render();
}

/** What the handshake adds: after a connection has caught up, where to go on from, so nothing comes twice. */
export const since = () => confirmations.since();

/** The person the open conversation is with; null for everyone. */
export function target() {
  return model.get(openId)?.with ?? null;
}

export function say(text, kind) {
  log.say(systemItem(text, kind));
}

/** The connection is up (welcome): what could not be told meanwhile goes now. */
export function live() {
  confirmations.later();
  markRead();
}

/** The connection went: sends without an ack can no longer get one. */
export function down() {
  for (const ref of model.pendingRefs()) {
    update(model.fail(ref, UNCONFIRMED));
  }
}

/** @returns whether the frame was one of the conversations' */
export function receive(frame) {
  switch (frame.type) {
    case 'message':
      confirmations.heard(frame.seq);
      arrived(frame);
      return true;
    case 'caught-up':
      confirmations.caughtUp(frame.upTo);
      refresh();
      return true;
    case 'ack': {
      const result = model.ack(frame);
      if (result?.renamedFrom === openId) {
        // the name was typed in another case: the conversation is the server's, maybe with messages already
        open(result.conversation.id);
      } else if (result) {
        if (result.removedKey && result.conversation.id === openId) {
          log.remove(result.removedKey);
        }
        if (result.message?.conversation === openId) {
          place(result.message);
        }
        renderList();
      }
      return Boolean(result);
    }
    case 'receipt': {
      const changed = model.receipt(frame);
      if (changed && changed.id === openId) {
        restate();
      }
      return true;
    }
    case 'read': {
      if (model.read(frame)) {
        renderList();
      }
      return true;
    }
    case 'error': {
      const failed = frame.ref === undefined ? null : model.fail(frame.ref, frame.message);
      update(failed);
      return Boolean(failed);
    }
    default:
      return false;
  }
}

function visible() {
  return document.visibilityState === 'visible';
}

function arrived(frame) {
  const { conversation, message, added, removedKey } = model.add(frame, { offline: frame.offline === true });
  if (!added) {
    return;
  }
  if (removedKey && conversation.id === openId) {
    log.remove(removedKey);
  }
  if (!message.own && message.seq > conversation.readUpTo && (conversation.id !== openId || !visible())) {
    conversation.unread += 1;
  }
  if (conversation.id === openId) {
    place(message);
    markRead();
  }
  renderList();
}

/** After each catch-up: the list's counts and marks, and the open conversation's newest page, as the server has them. */
async function refresh() {
  const asked = session;
  try {
    const answer = await fetchConversations(auth());
    if (asked !== session) {
      return;
    }
    model.merge(answer.conversations ?? []);
    const open = model.get(openId);
    if (open && visible()) {
      open.unread = 0;
    }
    renderList();
    restate();
    await loadPage(openId);
  } catch (error) {
    say(`Could not load the conversations: ${error.message}`, 'error');
  }
}

/** One page of history: the newest, or the one before the oldest shown. */
async function loadPage(id, older = false) {
  const conversation = model.get(id);
  const asked = session;
  if (!conversation || !auth) {
    return;
  }
  const before = older ? model.oldestSeq(id) : undefined;
  const answer = await fetchMessages(auth(), id, { before, limit: PAGE });
  if (asked !== session) {
    return;
  }
  for (const frame of answer.messages ?? []) {
    model.add(frame);
  }
  // the newest page says nothing of what lies before messages shown already
  if (older || conversation.history === 'none') {
    conversation.history = answer.more ? 'more' : 'all';
  }
  if (id === openId) {
    log.keepingPlace(() => {
      for (const message of model.messagesOf(id)) {
        if (!log.has(message.key)) {
          place(message, false);
        }
      }
      log.edge(conversation.history);
    });
    markRead();
    fillScreen();
  }
  renderList();
}

async function loadOlder() {
  const conversation = model.get(openId);
  if (loadingOlder || !conversation || conversation.history !== 'more') {
    return;
  }
  loadingOlder = true;
  log.edge('loading');
  try {
    await loadPage(conversation.id, true);
  } catch (error) {
    say(`Could not load older messages: ${error.message}`, 'error');
  } finally {
    loadingOlder = false;
    if (conversation.id === openId) {
      log.keepingPlace(() => log.edge(conversation.history));
    }
  }
}

// a first page shorter than the window leaves nothing to scroll: load on until it fills or the start is reached
function fillScreen() {
  if (ui.log.scrollHeight <= ui.log.clientHeight + LOAD_OLDER_WITHIN_PX && model.get(openId)?.history === 'more') {
    setTimeout(loadOlder);
  }
}

export function openWith(name) {
  open(model.with(name).id);
}

export function open(id) {
  if (!model.get(id)) {
    return;
  }
  openId = id;
  remember(id);
  const conversation = model.get(id);
  if (visible()) {
    conversation.unread = 0;
  }
  render();
  onOpen(conversation.with ?? null);
  if (conversation.history === 'none' && auth) {
    loadPage(id).catch((error) => {
      if (id === openId) {
        log.edge('none'); // nothing is loading any more; opening it again tries again
      }
      say(`Could not load the conversation: ${error.message}`, 'error');
    });
  }
  markRead();
}

function render() {
  const history = model.get(openId)?.history ?? 'none';
  log.clear(!auth ? 'none' : history === 'none' ? 'loading' : history);
  for (const message of model.messagesOf(openId)) {
    place(message, false);
  }
  log.toBottom();
  renderList();
}

export function renderList() {
  const rows = model.list().map((conversation) => conversationItem(conversation, {
    selected: conversation.id === openId,
    online: conversation.with !== undefined && isOnline(conversation.with),
  }));
  ui.list.replaceChildren(...rows);
}

/** Shows a message of the open conversation, or brings its state up to date. */
function place(message, live = true) {
  log.place(message, model.stateOf(message), live);
}

function update(found) {
  if (found && found.conversation.id === openId) {
    place(found.message);
  }
}

/** Every own message of the open conversation shows its state again (a receipt or the list moved the marks). */
function restate() {
  for (const message of model.messagesOf(openId)) {
    if (message.own) {
      place(message);
    }
  }
}

/**
 * Sends to the open conversation; the message shows at once as pending.
 * @returns 'sent', 'not-connected' or 'too-large'
 */
export function send(body) {
  lastRef += 1;
  const ref = `c${lastRef}`;
  const to = target() ?? undefined;
  // JSON.stringify leaves out `to` when it is undefined, which the protocol reads as a message to everyone
  const result = connection.send({ type: 'send', to, body, ref });
  if (result === 'sent') {
    const { conversation, message } = model.addPending(ref, to, body);
    if (conversation.id === openId) {
      place(message);
    }
    renderList();
  }
  return result;
}

// the open conversation, while the page is seen, is read up to its newest message
function markRead() {
  const conversation = model.get(openId);
  if (!conversation || !visible() || !auth) {
    return;
  }
  confirmations.read(openId, Math.max(conversation.latestSeq, model.newestShownSeq(openId)), conversation.readUpTo);
  if (conversation.unread) {
    conversation.unread = 0;
    renderList();
  }
}

function rememberedConversation() {
  try {
    return sessionStorage.getItem(OPEN_KEY);
  } catch {
    return null;
  }
}

function remember(id) {
  try {
    sessionStorage.setItem(OPEN_KEY, id);
  } catch {
    // storage can be switched off; a reload then opens the conversation with everyone
  }
}
