// Makes the fixture content over Parley's HTTP API and WebSocket protocol (docs/PROTOCOL.md).
// usage: node populate.js http://localhost:8280 /path/to/messages.json
const WebSocket = require('ws');
const fs = require('fs');
const base = process.argv[2] || 'http://localhost:8280';
const out = process.argv[3];
const accounts = [['ann', 'ann-password-1'], ['ben', 'ben-password-1'], ['cy', 'cy-password-1']];
const sends = [
  { to: 'ben', body: 'kept one', ref: '1' },
  { to: 'ben', body: 'kept two', ref: '2' },
  { to: 'ben', body: 'kept three', ref: '3' },
  { to: 'cy', body: 'for cy', ref: '4' },
];

async function post(path, obj) {
  const r = await fetch(base + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(obj) });
  const text = await r.text();
  console.log(`POST ${path} ${JSON.stringify({ name: obj.name })} -> ${r.status} ${text.replace(/"ticket":"[^"]*"/, '"ticket":"…"')}`);
  return { status: r.status, json: text ? JSON.parse(text) : null };
}

(async () => {
  const mode = await (await fetch(base + '/parley/api/mode')).text();
  console.log('mode', mode);
  const created = [];
  for (const [name, password] of accounts) {
    const r = await post('/parley/api/accounts', { name, password });
    if (r.status !== 201) throw new Error('account ' + name + ' not created: ' + r.status);
    created.push({ name, status: r.status, answer: r.json, at: new Date().toISOString() });
  }
  const t = await post('/parley/api/tickets', { name: 'ann', password: 'ann-password-1' });
  if (t.status !== 200) throw new Error('sign-in failed');
  const ws = new WebSocket(base.replace(/^http/, 'ws') + '/parley/ws?ticket=' + encodeURIComponent(t.json.ticket),
    { headers: { Origin: base } });
  const frames = [];
  let waiter = null;
  ws.on('message', (data) => {
    const f = JSON.parse(data.toString());
    frames.push(f);
    console.log('<-', JSON.stringify(f));
    if (waiter) waiter(f);
  });
  ws.on('close', (c, r) => console.log('closed', c, r.toString()));
  const next = (pred) => new Promise((res, rej) => {
    const early = frames.find(pred); if (early) { frames.splice(frames.indexOf(early), 1); return res(early); }
    const timer = setTimeout(() => rej(new Error('timeout')), 15000);
    waiter = (f) => { if (pred(f)) { frames.splice(frames.indexOf(f), 1); clearTimeout(timer); waiter = null; res(f); } };
  });
  const welcome = await next(f => f.type === 'welcome');
  const acks = [];
  for (const s of sends) {
    const frame = { type: 'send', ...s };
    console.log('->', JSON.stringify(frame));
    ws.send(JSON.stringify(frame));
    const a = await next(f => (f.type === 'ack' || f.type === 'error') && f.ref === s.ref);
    if (a.type !== 'ack' || a.status !== 'stored') throw new Error('not stored: ' + JSON.stringify(a));
    acks.push({ from: 'ann', to: s.to, body: s.body, ref: s.ref, id: a.id, status: a.status, sentAt: a.sentAt });
  }
  ws.close(1000, 'done');
  await new Promise(r => setTimeout(r, 500));
  const result = { server: base, welcome, accounts: created, acks };
  if (out) fs.writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  console.log(JSON.stringify(result, null, 2));
})().catch(e => { console.error(e); process.exit(1); });
