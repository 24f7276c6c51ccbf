// Wires the page together: the models (Session, People, Conversations with Confirmations), the views drawn from
// them, and the one dispatcher that hands each server frame to the model it changes.
import { conversations, messages, room, rooms } from './api.js';
import { renew, signOut } from './account.js';
import { ChatView } from './chat.js';
import { ComposeView } from './compose-view.js';
import { Confirmations } from './confirmations.js';
import { Connection } from './connection.js';
import { frameDispatcher } from './frames.js';
import { People } from './people.js';
import { PeopleView } from './people-view.js';
import { RoomsView } from './rooms-view.js';
import { Session } from './session.js';
import { SignInView } from './signin-view.js';
import { storage } from './storage.js';

const ui = Object.fromEntries(['login', 'name', 'password', 'connect', 'signup', 'disconnect', 'status', 'notice',
  'notice-text', 'retry', 'open-mode', 'conversations', 'start', 'start-name', 'online', 'messages', 'compose',
  'target', 'target-note', 'body', 'send', 'online-count', 'find', 'find-name', 'account', 'password-change',
  'current-password', 'new-password', 'removal', 'removal-password', 'account-note', 'invitations', 'room-create',
  'room-name', 'room-public', 'room-find', 'room-search', 'directory', 'room-bar', 'room-title', 'room-topic',
  'room-count', 'member-list', 'room-invite', 'invite-name', 'room-leave', 'room-close', 'room-settings',
  'room-rename', 'rename-name', 'room-set-topic', 'topic-text', 'room-unban', 'unban-name'].map((id) => [id, document.getElementById(id)]));

const tab = storage(() => sessionStorage);
const connection = new Connection();
const session = new Session({ tab, browser: storage(() => localStorage), api: { renew, signOut } });
const people = new People();
const confirmations = new Confirmations(connection);
const chat = new ChatView(ui, {
  connection, confirmations, people, session, api: { conversations, messages, room, rooms }, tab,
});
const say = (text, kind) => chat.say(text, kind);
new PeopleView(ui, { people, chat, session, connection, say });
new ComposeView(ui, { chat, people, connection, say });
new RoomsView(ui, { chat, people, session, say });
const signIn = new SignInView(ui, { session, connection, chat, say });

const dispatch = frameDispatcher({ session, people, confirmations, chat, say });
connection.addEventListener('frame', (event) => dispatch(event.detail));
window.addEventListener('online', () => connection.retryNow());
signIn.start();
