import assert from 'node:assert/strict';
import { test } from 'node:test';
import { frameDispatcher } from '../../../webapp/js/frames.js';

/** Every target records what it was handed, in one list, in order; chat.failed answers as told. */
function dispatcher({ failedKnown = false } = {}) {
  const calls = [];
  const recorder = (name, answers = {}) => new Proxy({}, {
    get: (_, method) => (...args) => {
      calls.push([`${name}.${method}`, ...args]);
      return answers[method];
    },
  });
  const dispatch = frameDispatcher({
    session: recorder('session'),
    people: recorder('people'),
    confirmations: recorder('confirmations'),
    chat: recorder('chat', { failed: failedKnown }),
    say: (...args) => calls.push(['say', ...args]),
  });
  return { dispatch, calls };
}

test('welcome names us to the session, starts the conversations, then tells the people', () => {
  const { dispatch, calls } = dispatcher();
  const frame = { type: 'welcome', user: 'ann', online: ['ann'], count: 1, crowd: false };
  dispatch(frame);
  assert.deepEqual(calls, [['session.welcome', 'ann'], ['chat.welcome', 'ann'], ['people.welcome', frame]]);
});

test('presence goes to the people', () => {
  const { dispatch, calls } = dispatcher();
  const frame = { type: 'presence', online: ['ben'], offline: [], count: 2 };
  dispatch(frame);
  assert.deepEqual(calls, [['people.presence', frame]]);
});

test('a message is confirmed as heard, then shown', () => {
  const { dispatch, calls } = dispatcher();
  const frame = { type: 'message', id: 'm1', seq: 7, from: 'ben', body: 'hi' };
  dispatch(frame);
  assert.deepEqual(calls, [['confirmations.heard', 7], ['chat.message', frame]]);
});

test('caught-up moves the confirmations on, then the conversations are asked for again', () => {
  const { dispatch, calls } = dispatcher();
  dispatch({ type: 'caught-up', upTo: 42 });
  assert.deepEqual(calls, [['confirmations.caughtUp', 42], ['chat.caughtUp']]);
});

test('ack, receipt and read go to the conversations', () => {
  const { dispatch, calls } = dispatcher();
  const frames = [
    { type: 'ack', ref: 'c1', id: 'm2', seq: 8 },
    { type: 'receipt', conversation: 'ann:ben', status: 'read', upTo: 8 },
    { type: 'read', conversation: 'ann:ben', upTo: 8 },
  ];
  frames.forEach(dispatch);
  assert.deepEqual(calls, [['chat.ack', frames[0]], ['chat.receipt', frames[1]], ['chat.read', frames[2]]]);
});

test('a refused send shows on its message, not in the log', () => {
  const { dispatch, calls } = dispatcher({ failedKnown: true });
  const frame = { type: 'error', code: 'rate-limited', message: 'slow down', ref: 'c3' };
  dispatch(frame);
  assert.deepEqual(calls, [['chat.failed', frame]]);
});

test('a refusal of no send of this page, or of none at all, is said in the log', () => {
  const { dispatch, calls } = dispatcher({ failedKnown: false });
  dispatch({ type: 'error', code: 'rate-limited', message: 'slow down', ref: 'c9' });
  dispatch({ type: 'error', code: 'bad-frame', message: 'not a frame' });
  assert.deepEqual(calls, [
    ['chat.failed', { type: 'error', code: 'rate-limited', message: 'slow down', ref: 'c9' }],
    ['say', 'slow down', 'error'],
    ['say', 'not a frame', 'error'],
  ]);
});

test('a frame type this page does not know is ignored', () => {
  const { dispatch, calls } = dispatcher();
  dispatch({ type: 'something-newer', x: 1 });
  assert.deepEqual(calls, []);
});
