import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Session } from '../../../webapp/js/session.js';
import { manualTimers, memoryStorage, settled } from './fakes.mjs';

const HOUR = 3_600_000;

function session({ renew = async () => { throw new Error('not asked'); }, signOut = async () => { } } = {}) {
  const timers = manualTimers();
  const tab = memoryStorage();
  const browser = memoryStorage();
  const calls = [];
  const api = {
    renew: (ticket) => { calls.push(['renew', ticket]); return renew(ticket); },
    signOut: (ticket) => { calls.push(['signOut', ticket]); return signOut(ticket); },
  };
  const model = new Session({ tab, browser, api, timers, now: timers.now });
  return { model, timers, tab, browser, calls };
}

const ticketFor = (timers, name, lifeMs, ticket = `t-${name}`) => ({
  ticket, name, expiresAt: new Date(timers.now() + lifeMs).toISOString(),
});

test('a ticket signed in with is kept for this tab, its name remembered, and handed to the handshake and the API', () => {
  const { model, timers, tab, browser } = session();
  const issued = ticketFor(timers, 'ann', 12 * HOUR, 'a+b/c');
  model.signedIn(issued);
  assert.equal(model.ticket, 'a+b/c');
  assert.deepEqual(JSON.parse(tab.get('parley.ticket')), issued);
  assert.equal(browser.get('parley.name'), 'ann');
  assert.equal(model.handshake('&since=7'), 'ticket=a%2Bb%2Fc&confirm=received&since=7');
  assert.deepEqual(model.credentials(), { ticket: 'a+b/c' });
});

test('in open mode the handshake names the user, and the API is asked as our name from welcome', () => {
  const { model, browser } = session();
  model.open = true;
  model.enterAs('Zoë');
  model.welcome('Zoë');
  assert.equal(model.handshake(''), 'user=Zo%C3%AB&confirm=received');
  assert.deepEqual(model.credentials(), { user: 'Zoë' });
  assert.equal(model.rememberedName, 'Zoë');
  assert.equal(browser.get('parley.name'), 'Zoë');
});

test('a ticket is renewed at half its life, and the fresh one replaces it', async () => {
  const { model, timers, calls } = session({ renew: async () => fresh });
  const fresh = ticketFor(timers, 'ann', 12 * HOUR, 'fresh');
  model.signedIn(ticketFor(timers, 'ann', 6 * HOUR, 'old'));
  assert.deepEqual(timers.delays(), [3 * HOUR]);
  timers.next();
  await settled();
  assert.deepEqual(calls, [['renew', 'old']]);
  assert.equal(model.ticket, 'fresh');
  assert.equal(model.handshake(''), 'ticket=fresh&confirm=received');
});

test('a ticket about to expire is renewed after a second, not at once', () => {
  const { model, timers } = session();
  model.signedIn(ticketFor(timers, 'ann', 500));
  assert.deepEqual(timers.delays(), [1000]);
});

test('a renewal refused is told, and the ticket is kept until the server closes the connection', async () => {
  const refusal = Object.assign(new Error('the ticket has expired'), { status: 401 });
  const { model, timers } = session({ renew: async () => { throw refusal; } });
  const told = [];
  model.addEventListener('renewal-failed', (event) => told.push(event.detail.message));
  model.signedIn(ticketFor(timers, 'ann', 2 * HOUR));
  timers.next();
  await settled();
  assert.deepEqual(told, ['the ticket has expired']);
  assert.equal(model.ticket, 't-ann');
  assert.deepEqual(timers.delays(), []);
});

test('a renewal that finds no server is tried again five seconds later', async () => {
  let answers = 0;
  const { model, timers, calls } = session({
    renew: async () => {
      answers += 1;
      if (answers === 1) {
        throw Object.assign(new Error('the server answered 503'), { status: 503 });
      }
      return ticketFor(timers, 'ann', 2 * HOUR, 'fresh');
    },
  });
  model.signedIn(ticketFor(timers, 'ann', 2 * HOUR));
  timers.next();
  await settled();
  assert.deepEqual(timers.delays(), [5000]);
  timers.next(); // kept again: renewed at half of what is left of its life
  assert.deepEqual(timers.delays(), [HOUR / 2 - 2500]);
  timers.next();
  await settled();
  assert.deepEqual(calls.map(([what]) => what), ['renew', 'renew']);
  assert.equal(model.ticket, 'fresh');
});

test('signing out tells the server, drops the ticket here and stops renewing it', () => {
  const { model, timers, tab, calls } = session();
  const changes = [];
  model.addEventListener('ticket', () => changes.push(model.ticket));
  model.signedIn(ticketFor(timers, 'ann', 2 * HOUR));
  model.signOut();
  assert.deepEqual(calls, [['signOut', 't-ann']]);
  assert.equal(model.ticket, null);
  assert.equal(tab.get('parley.ticket'), null);
  assert.deepEqual(timers.delays(), []);
  assert.deepEqual(changes, ['t-ann', null]);
});

test('signing out with no ticket asks nothing of the server', () => {
  const { model, calls } = session();
  model.signOut();
  assert.deepEqual(calls, []);
});

test('a reload finds the saved ticket, unless it has expired meanwhile or is not one', () => {
  const { model, timers, tab } = session();
  const issued = ticketFor(timers, 'ann', HOUR);
  tab.set('parley.ticket', JSON.stringify(issued));
  assert.deepEqual(model.saved(), issued);
  tab.set('parley.ticket', JSON.stringify(ticketFor(timers, 'ann', -1)));
  assert.equal(model.saved(), null);
  tab.set('parley.ticket', '{not json');
  assert.equal(model.saved(), null);
});

test('a renewal answered after signing out does not sign this tab in again', async () => {
  let answer;
  const { model, timers, tab } = session({ renew: () => new Promise((resolve) => { answer = resolve; }) });
  model.signedIn(ticketFor(timers, 'ann', 2 * HOUR));
  timers.next();
  model.signOut();
  answer(ticketFor(timers, 'ann', 2 * HOUR, 'fresh'));
  await settled();
  assert.equal(model.ticket, null);
  assert.equal(tab.get('parley.ticket'), null);
  assert.deepEqual(timers.delays(), []);
});
