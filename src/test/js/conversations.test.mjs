import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Conversations, EVERYONE, UNCONFIRMED, conversationBetween } from '../../../webapp/js/conversations.js';

function signedInAs(me) {
  const conversations = new Conversations();
  conversations.reset(me);
  return conversations;
}

const message = (id, seq, from, to, body = `body ${id}`) => ({
  type: 'message', id, seq, from, to, body, sentAt: '2026-01-01T00:00:00Z',
});

test("a direct conversation's id is both names in code-point order, not the locale's", () => {
  assert.equal(conversationBetween('ben', 'ann'), 'ann:ben');
  assert.equal(conversationBetween('ann', 'Ben'), 'Ben:ann');
});

test('a message that comes twice (live, history, catching up) is kept once', () => {
  const model = signedInAs('ann');
  assert.equal(model.add(message('m1', 1, 'ben', 'ann')).added, true);
  assert.equal(model.add(message('m1', 1, 'ben', 'ann')).added, false);
  assert.deepEqual(model.messagesOf('ann:ben').map((m) => m.id), ['m1']);
});

test('messages are in seq order whatever order they came in, with the pending ones last', () => {
  const model = signedInAs('ann');
  model.add(message('m3', 3, 'ben', undefined));
  model.addPending('c1', undefined, 'still going');
  model.add(message('m1', 1, 'ben', undefined));
  assert.deepEqual(model.messagesOf(EVERYONE).map((m) => m.id ?? m.ref), ['m1', 'm3', 'c1']);
  assert.equal(model.oldestSeq(EVERYONE), 1);
  assert.equal(model.newestShownSeq(EVERYONE), 3);
});

test('a send is pending until its ack gives it its id and seq, then stored', () => {
  const model = signedInAs('ann');
  const { message: pending } = model.addPending('c1', 'ben', 'hello');
  assert.equal(model.stateOf(pending), 'pending');
  assert.deepEqual(model.pendingRefs(), ['c1']);
  const result = model.ack({ type: 'ack', ref: 'c1', id: 'm9', seq: 9, conversation: 'ann:ben' });
  assert.equal(result.message.id, 'm9');
  assert.equal(result.removedKey, 'ref:c1');
  assert.equal(model.stateOf(result.message), 'stored');
  assert.deepEqual(model.pendingRefs(), []);
  assert.equal(model.ack({ type: 'ack', ref: 'c1', id: 'm9', seq: 9 }), null, 'a ref known no more');
});

test('an ack after its own message frame drops the pending copy', () => {
  const model = signedInAs('ann');
  model.addPending('c1', 'ben', 'hello');
  model.add(message('m9', 9, 'ann', 'ben', 'hello'));
  const result = model.ack({ type: 'ack', ref: 'c1', id: 'm9', seq: 9, conversation: 'ann:ben' });
  assert.equal(result.removedKey, 'ref:c1');
  assert.equal(result.message, undefined);
  assert.deepEqual(model.messagesOf('ann:ben').map((m) => m.key), ['m9']);
});

test("a name typed in another case: the ack's conversation replaces the page's guess", () => {
  const model = signedInAs('ann');
  model.addPending('c1', 'BEN', 'hello');
  const result = model.ack({ type: 'ack', ref: 'c1', id: 'm9', seq: 9, conversation: 'ann:ben' });
  assert.equal(result.renamedFrom, 'BEN:ann');
  assert.equal(model.get('BEN:ann'), undefined);
  assert.deepEqual(model.messagesOf('ann:ben').map((m) => m.id), ['m9']);
});

test('a send whose connection closed before its ack is shown once when the log brings it back', () => {
  const model = signedInAs('ann');
  model.addPending('c1', 'ben', 'hello');
  const { message: failed } = model.fail('c1', UNCONFIRMED);
  assert.equal(model.stateOf(failed), 'failed');
  const back = model.add(message('m9', 9, 'ann', 'ben', 'hello'));
  assert.equal(back.removedKey, 'ref:c1');
  assert.deepEqual(model.messagesOf('ann:ben').map((m) => m.key), ['m9']);
});

test("receipts move one's own direct messages on to delivered, then read", () => {
  const model = signedInAs('ann');
  const { message: first } = model.add(message('m1', 1, 'ann', 'ben'));
  const { message: second } = model.add(message('m2', 2, 'ann', 'ben'));
  model.receipt({ type: 'receipt', conversation: 'ann:ben', status: 'received', upTo: 2 });
  model.receipt({ type: 'receipt', conversation: 'ann:ben', status: 'read', upTo: 1 });
  assert.equal(model.stateOf(first), 'read');
  assert.equal(model.stateOf(second), 'delivered');
  const { message: broadcast } = model.add(message('m3', 3, 'ann', undefined));
  assert.equal(model.stateOf(broadcast), 'stored', 'a message to everyone goes no further');
  assert.equal(model.stateOf(model.add(message('m4', 4, 'ben', 'ann')).message), undefined);
});

test('a read mark leaves unread only what came after it', () => {
  const model = signedInAs('ann');
  for (const seq of [1, 2, 3]) {
    model.add(message(`m${seq}`, seq, 'ben', 'ann'));
  }
  model.get('ann:ben').unread = 3;
  model.read({ type: 'read', conversation: 'ann:ben', upTo: 1 });
  assert.equal(model.get('ann:ben').unread, 2);
  model.read({ type: 'read', conversation: 'ann:ben', upTo: 3 });
  assert.equal(model.get('ann:ben').unread, 0);
  assert.equal(model.read({ type: 'read', conversation: 'ann:cat', upTo: 3 }), null);
});

test("the server's list adds what this page got after it answered to its unread counts", () => {
  const model = signedInAs('ann');
  model.add(message('m5', 5, 'ben', 'ann'));
  model.merge([{ id: 'ann:ben', with: 'ben', unread: 2, readUpTo: 1,
    last: { id: 'm4', seq: 4, from: 'ben', to: 'ann', body: 'x' } }]);
  const conversation = model.get('ann:ben');
  assert.equal(conversation.unread, 3);
  assert.equal(conversation.latestSeq, 5);
});

test('the list: everyone first, then the latest conversation, with a just-started one on top', () => {
  const model = signedInAs('ann');
  model.add(message('m1', 1, 'ben', 'ann'));
  model.add(message('m2', 2, 'cat', 'ann'));
  model.with('dan');
  assert.deepEqual(model.list().map((c) => c.id), [EVERYONE, 'ann:dan', 'ann:cat', 'ann:ben']);
  assert.equal(model.with('ben').id, 'ann:ben', 'found again, not made twice');
});

const roomEvent = (id, seq, room, from, event, details = {}) => ({
  type: 'room-event', id, seq, conversation: room, from, event, sentAt: '2026-01-01T00:00:00Z', ...details,
});

test("a room's messages and events are its own conversation, never everyone's nor a person's", () => {
  const model = signedInAs('ann');
  model.add(roomEvent('e1', 1, '#r1', 'ann', 'created', { name: 'Team', public: false }));
  model.roomEvent(roomEvent('e1', 1, '#r1', 'ann', 'created', { name: 'Team', public: false }));
  model.add({ ...message('m2', 2, 'ben', undefined), conversation: '#r1' });
  assert.deepEqual(model.messagesOf('#r1').map((m) => m.id), ['e1', 'm2']);
  assert.deepEqual(model.messagesOf(EVERYONE), []);
  const room = model.get('#r1');
  assert.equal(room.with, undefined);
  assert.equal(room.room.name, 'Team');
  assert.equal(room.room.role, 'owner');
  assert.deepEqual(model.list().map((c) => c.id), [EVERYONE, '#r1']);
  const { message: pending } = model.addPending('c1', '#r1', 'to the room');
  assert.equal(pending.conversation, '#r1');
});

test('an invitation waits outside the list until accepted, and a ban takes the room out of it', () => {
  const model = signedInAs('cy');
  model.roomEvent(roomEvent('e5', 5, '#r2', 'ann', 'invited', { person: 'cy' }));
  assert.deepEqual(model.invitations().map((c) => c.id), ['#r2']);
  assert.deepEqual(model.list().map((c) => c.id), [EVERYONE]);
  model.roomEvent(roomEvent('e6', 6, '#r2', 'cy', 'joined', { person: 'cy' }));
  assert.deepEqual(model.invitations(), []);
  assert.deepEqual(model.list().map((c) => c.id), [EVERYONE, '#r2']);
  model.roomEvent(roomEvent('e7', 7, '#r2', 'ann', 'banned', { person: 'cy' }));
  assert.deepEqual(model.list().map((c) => c.id), [EVERYONE]);
});

test("a room's events are not counted unread; its messages from others are", () => {
  const model = signedInAs('ann');
  model.mergeRooms([{ id: '#r3', name: 'Club', topic: '', public: true, role: 'member', standing: 'joined',
    memberCount: 3, lastSeq: 0 }]);
  model.add(roomEvent('e1', 1, '#r3', 'ben', 'joined', { person: 'ben' }));
  model.add({ ...message('m2', 2, 'ben', undefined), conversation: '#r3' });
  model.add({ ...message('m3', 3, 'ben', undefined), conversation: '#r3' });
  assert.equal(model.read({ conversation: '#r3', upTo: 2 }).unread, 1);
});

test('a room remembered from before a reload that the server no longer lists is left, not shown', () => {
  const model = signedInAs('ann');
  model.room('#gone');
  model.mergeRooms([{ id: '#kept', name: 'Kept', topic: '', public: true, role: 'member', standing: 'joined',
    memberCount: 2, lastSeq: 9 }], { all: true });
  assert.deepEqual(model.list().map((c) => c.id), [EVERYONE, '#kept']);
  assert.equal(model.get('#gone').room.standing, 'left');
});

test("a room's unread count is the server's, plus what came here after the server's latest", () => {
  const model = signedInAs('ann');
  model.add({ ...message('m9', 9, 'ben', undefined), conversation: '#r4' });
  model.mergeRooms([{ id: '#r4', name: 'Four', topic: '', public: true, role: 'member', standing: 'joined',
    memberCount: 2, lastSeq: 8, lastMessageSeq: 8, readUpTo: 5, unread: 2 }]);
  assert.equal(model.get('#r4').unread, 3);
  assert.equal(model.get('#r4').readUpTo, 5);
});

test("a room's latest message from the server's list is its preview until a newer one comes", () => {
  const model = signedInAs('ann');
  const last = { ...message('m8', 8, 'ben', undefined, 'see you there'), conversation: '#r5' };
  model.mergeRooms([{ id: '#r5', name: 'Five', topic: '', public: true, role: 'member', standing: 'joined',
    memberCount: 2, lastSeq: 9, lastMessageSeq: 8, readUpTo: 8, unread: 0, last }]);
  assert.equal(model.get('#r5').last.body, 'see you there');
  assert.equal(model.get('#r5').last.own, false);
  model.add({ ...message('m10', 10, 'ann', undefined, 'on my way'), conversation: '#r5' });
  assert.equal(model.get('#r5').last.body, 'on my way');
});
