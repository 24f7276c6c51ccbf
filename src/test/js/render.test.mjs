import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventText } from '../../../webapp/js/render.js';

const topic = (text) => ({ event: 'topic', from: 'ann', details: { topic: text } });

test("a room's topic event says the topic, or that it was cleared", () => {
  assert.equal(eventText(topic('one book a month')), 'ann set the topic: one book a month');
  assert.equal(eventText(topic('')), 'ann cleared the topic');
});

test('a lifted ban names whose it was', () => {
  assert.equal(eventText({ event: 'unbanned', from: 'ann', details: { person: 'ben' } }), "ann lifted ben's ban");
});
