import assert from 'node:assert/strict';
import { test } from 'node:test';
import { closeCause, reconnects } from '../../../webapp/js/close-codes.js';

test('the page reconnects after any close but a refusal of who it is (1008)', () => {
  assert.equal(reconnects(1008), false);
  for (const code of [1000, 1001, 1006, 1009, 1011, 1012, 1013, 4000]) {
    assert.equal(reconnects(code), true, `after ${code}`);
  }
});

test("a close is explained by the server's reason, else by what the code means, else by its number", () => {
  assert.equal(closeCause({ code: 1008, reason: 'the ticket has expired' }), 'the ticket has expired');
  assert.equal(closeCause({ code: 1012, reason: 'service restart' }), 'service restart');
  assert.equal(closeCause({ code: 1012, reason: '' }), 'the server is restarting');
  assert.equal(closeCause({ code: 4000 }), 'the server stopped hearing from this page');
  assert.equal(closeCause({ code: 4999, reason: '' }), 'closed with code 4999');
});
