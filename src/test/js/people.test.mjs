import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_WATCHED, People } from '../../../webapp/js/people.js';

function welcomed({ user = 'ann', online = ['ann', 'ben'], count = online.length, crowd = false } = {}) {
  const people = new People();
  people.welcome({ type: 'welcome', user, online, count, crowd });
  return people;
}

function recording(people) {
  const events = [];
  for (const type of ['change', 'welcome', 'presence']) {
    people.addEventListener(type, (event) => events.push(event.detail === null ? type : [type, event.detail]));
  }
  return events;
}

test('welcome tells who we are, who is online and how many, and is told as a change and a welcome', () => {
  const people = new People();
  const events = recording(people);
  people.welcome({ type: 'welcome', user: 'ann', online: ['ben', 'ann'], count: 1200, crowd: true });
  assert.equal(people.me, 'ann');
  assert.equal(people.count, 1200);
  assert.equal(people.crowd, true);
  assert.ok(people.isOnline('ben'));
  assert.deepEqual(events, ['change', 'welcome']);
});

test('the people shown are in name order, with ourselves and who is online marked', () => {
  const people = welcomed({ user: 'cat', online: ['cat', 'Ann', 'ben'] });
  assert.deepEqual(people.shown(), [
    { name: 'Ann', me: false, online: true },
    { name: 'ben', me: false, online: true },
    { name: 'cat', me: true, online: true },
  ]);
});

test('a presence frame moves people on and off line, keeps the gone ones listed, and tells who came and went', () => {
  const people = welcomed({ online: ['ann', 'ben', 'cat'] });
  const events = recording(people);
  people.presence({ type: 'presence', online: ['dan'], offline: ['ben'], count: 3 });
  assert.ok(people.isOnline('dan'));
  assert.ok(!people.isOnline('ben'));
  assert.equal(people.count, 3);
  assert.deepEqual(people.shown().map(({ name, online }) => `${name}:${online}`),
    ['ann:true', 'ben:false', 'cat:true', 'dan:true']);
  assert.deepEqual(events, ['change', ['presence', { came: ['dan'], went: ['ben'] }]]);
});

test('a presence frame never tells of ourselves, on another device coming or going', () => {
  const people = welcomed();
  const events = recording(people);
  people.presence({ type: 'presence', online: ['ann'], offline: ['ann'], count: 2 });
  assert.ok(people.isOnline('ann'));
  assert.deepEqual(events.at(-1), ['presence', { came: [], went: [] }]);
});

test('someone who went and came back in one frame is online once', () => {
  const people = welcomed({ online: ['ann', 'ben'] });
  people.presence({ type: 'presence', online: ['ben'], offline: ['ben'], count: 2 });
  assert.ok(people.isOnline('ben'));
  assert.deepEqual(people.shown().map(({ name }) => name), ['ann', 'ben']);
});

test('people found by name are listed without ourselves, with the count as it was answered, until cleared', () => {
  const people = welcomed({ crowd: true });
  people.found({ people: ['ann', 'anna', 'annie'], count: 5000 });
  assert.equal(people.count, 5000);
  assert.deepEqual(people.shown().map(({ name }) => name), ['ann', 'anna', 'annie', 'ben']);
  assert.deepEqual(people.watched(), ['anna', 'annie', 'ben']);
  people.clearFound();
  assert.deepEqual(people.shown().map(({ name }) => name), ['ann', 'ben']);
});

test('the watch list holds at most what one watch frame may', () => {
  const many = Array.from({ length: MAX_WATCHED + 20 }, (_, i) => `p${i}`);
  const people = welcomed({ online: ['ann', ...many], crowd: true });
  assert.equal(people.watched().length, MAX_WATCHED);
  assert.ok(!people.watched().includes('ann'));
});

test('a name typed in another case is spelled as the page has seen it, from people or partners', () => {
  const people = welcomed({ online: ['ann', 'Ben'] });
  assert.equal(people.known('BEN'), 'Ben');
  assert.equal(people.known('zoë', ['Zoë']), 'Zoë');
  assert.equal(people.known('nobody'), 'nobody');
  // composed and decomposed spellings of one name are one name
  assert.equal(people.known('zoe\u0308', ['Zoë']), 'Zoë');
});
