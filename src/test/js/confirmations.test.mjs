import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Confirmations } from '../../../webapp/js/confirmations.js';
import { manualTimers } from './fakes.mjs';

function confirming({ connected = true } = {}) {
  const sent = [];
  const connection = {
    connected,
    send(frame) {
      if (!this.connected) {
        return 'not-connected';
      }
      sent.push(frame);
      return 'sent';
    },
  };
  const timers = manualTimers();
  const confirmations = new Confirmations(connection, { timers, now: timers.now });
  return { confirmations, connection, timers, sent };
}

test('what arrived is told in one batch, the highest seq only', () => {
  const { confirmations, timers, sent } = confirming();
  confirmations.heard(3);
  confirmations.heard(5);
  confirmations.heard(4);
  assert.deepEqual(sent, []);
  assert.deepEqual(timers.delays(), [0]);
  timers.next();
  assert.deepEqual(sent, [{ type: 'received', upTo: 5 }]);
});

test('batches go at most four a second', () => {
  const { confirmations, timers, sent } = confirming();
  confirmations.heard(1);
  timers.next();
  confirmations.heard(2);
  assert.deepEqual(timers.delays(), [250]);
  timers.next();
  assert.deepEqual(sent, [{ type: 'received', upTo: 1 }, { type: 'received', upTo: 2 }]);
});

test('a reconnect resumes after the highest seq only once a connection has caught up', () => {
  const { confirmations } = confirming();
  confirmations.heard(9);
  assert.equal(confirmations.since(), '');
  confirmations.caughtUp(12);
  assert.equal(confirmations.since(), '&since=12');
  confirmations.reset();
  assert.equal(confirmations.since(), '');
});

test('reading is told once per conversation and only past what the server knows', () => {
  const { confirmations, timers, sent } = confirming();
  confirmations.read('ann:ben', 4, 4); // the server knows this much already
  assert.deepEqual(timers.delays(), []);
  confirmations.read('ann:ben', 6, 4);
  confirmations.read('ann:ben', 5, 4);
  confirmations.read('everyone', 2, 0);
  timers.next();
  assert.deepEqual(sent, [
    { type: 'read', conversation: 'ann:ben', upTo: 6 },
    { type: 'read', conversation: 'everyone', upTo: 2 },
  ]);
  confirmations.read('ann:ben', 6, 4);
  assert.deepEqual(timers.delays(), [], 'told already');
});

test('what could not be sent while disconnected goes with the next batch', () => {
  const { confirmations, connection, timers, sent } = confirming({ connected: false });
  confirmations.heard(3);
  confirmations.read('ann:ben', 3, 0);
  timers.next();
  assert.deepEqual(sent, []);
  connection.connected = true;
  confirmations.later();
  timers.next();
  assert.deepEqual(sent, [{ type: 'received', upTo: 3 }, { type: 'read', conversation: 'ann:ben', upTo: 3 }]);
});
