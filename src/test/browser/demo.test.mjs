// Real-browser tests of the demo page and mesh-client.js, in headless Chromium driven by
// playwright-core. Run by BrowserIT during `mvn verify`; by hand:
//
//   node demo.test.mjs --base http://127.0.0.1:9080/ [--out ../../../target/browser] [--chromium /usr/bin/chromium]
//
// The base URL is the WAR's root; the deployment must include BrowserTestServlet (/browser-test)
// for the connection-drop test. Prints one "ok - ..." line per check and exits 0 when all pass,
// 1 on the first failure, 2 when the whole run takes longer than --timeout ms.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';

const args = parseArgs(process.argv.slice(2));
const base = new URL(args.base || 'http://127.0.0.1:9080/').href.replace(/\/?$/, '/');
const out = resolve(args.out || 'target/browser');
const chromiumPath = args.chromium || '/usr/bin/chromium';
const runTimeoutMs = Number(args.timeout || 150000);
const WAIT_MS = 15000;

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

const watchdog = setTimeout(() => {
  console.log(`FAIL: the browser tests did not finish within ${runTimeoutMs} ms`);
  process.exit(2);
}, runTimeoutMs);

let browser;
let current = 'starting';
const pageErrors = [];

try {
  mkdirSync(out, { recursive: true });
  current = 'launch chromium';
  browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS, timeout: 30000 });
  console.log(`# chromium ${browser.version()}, base ${base}`);
  await demoScenario();
  await clientLibrary();
  current = 'no uncaught errors in the pages';
  if (pageErrors.length > 0) {
    throw new Error('uncaught errors in the pages: ' + pageErrors.join(' | '));
  }
  console.log('PASS');
  await browser.close();
  clearTimeout(watchdog);
  process.exit(0);
} catch (e) {
  console.log(`not ok - ${current}`);
  console.log(`FAIL: ${e && e.stack ? e.stack : e}`);
  try {
    if (browser) {
      await browser.close();
    }
  } catch {
    // closing anyway
  }
  clearTimeout(watchdog);
  process.exit(1);
}

// ---- the demo page, two users ----

async function demoScenario() {
  const room = 'browser-' + randomUUID().slice(0, 8);
  const ada = await openDemo('ada');
  const bob = await openDemo('bob');

  await check('two pages join one room and each sees the other\'s name and color', async () => {
    await joinAs(ada, 'Ada', '#e4572e', room);
    await joinAs(bob, 'Bob', '#2a9d5b', room);
    const adaId = await connectionIdOf(ada);
    const bobId = await connectionIdOf(bob);
    await until(ada, 'Ada sees Bob', async () => hasMember(await members(ada), { id: bobId, name: 'Bob', color: '#2a9d5b' }));
    await until(bob, 'Bob sees Ada', async () => hasMember(await members(bob), { id: adaId, name: 'Ada', color: '#e4572e' }));
    await until(ada, 'Ada sees herself', async () => hasMember(await members(ada), { id: adaId, name: 'Ada', color: '#e4572e', self: true }));
    await until(bob, 'Bob\'s page lists exactly Ada and Bob', async () => (await members(bob)).length === 2);
  });

  await check('a name and color change reaches the other page without a reload', async () => {
    await bob.fill('#name', 'Robert');
    await bob.fill('#color', '#6c4ab6');
    await bob.click('#save-profile');
    const bobId = await connectionIdOf(bob);
    await until(ada, 'Ada sees Robert', async () => hasMember(await members(ada), { id: bobId, name: 'Robert', color: '#6c4ab6' }));
  });

  await check('a topic edit on one page appears on the other', async () => {
    const topic = 'Reviewing the browser client ' + randomUUID().slice(0, 4);
    await ada.fill('#topic-input', topic);
    await ada.click('#topic-save');
    await until(bob, 'Bob sees the topic', async () => (await bob.textContent('#topic')) === topic);
    await until(ada, 'Ada sees the topic', async () => (await ada.textContent('#topic')) === topic);
  });

  await check('a connection the server drops comes back in its room with its metadata', async () => {
    const oldId = await connectionIdOf(ada);
    const bobId = await connectionIdOf(bob);
    const dropped = await http(`browser-test?action=disconnect&id=${oldId}`);
    if (dropped.trim() !== 'true') {
      throw new Error('the server did not find the connection to drop: ' + dropped);
    }
    let newId = null;
    await until(ada, 'Ada has a new connection id and is online', async () => {
      const id = await connectionIdOf(ada);
      const status = await ada.textContent('#status');
      if (id !== oldId && id !== '–' && status === 'online') {
        newId = id;
        return true;
      }
      return false;
    });
    await until(ada, 'Ada\'s page shows her (new id) and Robert', async () => {
      const list = await members(ada);
      return list.length === 2
        && hasMember(list, { id: newId, name: 'Ada', color: '#e4572e', self: true })
        && hasMember(list, { id: bobId, name: 'Robert', color: '#6c4ab6' });
    });
    await until(bob, 'Bob\'s page shows Ada under her new id, and not the old one', async () => {
      const list = await members(bob);
      return hasMember(list, { id: newId, name: 'Ada', color: '#e4572e' }) && !list.some((m) => m.id === oldId) && list.length === 2;
    });
    const server = JSON.parse(await http(`browser-test?action=state&id=${newId}`));
    if (!server.connected || !server.rooms.includes(room) || server.metadata?.name !== 'Ada' || server.metadata?.color !== '#e4572e') {
      throw new Error('the server does not hold the restored state: ' + JSON.stringify(server));
    }
    const old = JSON.parse(await http(`browser-test?action=state&id=${oldId}`));
    if (old.connected || old.rooms.length !== 0) {
      throw new Error('the dropped connection is still registered: ' + JSON.stringify(old));
    }
    const topic = 'After the drop ' + randomUUID().slice(0, 4);
    await bob.fill('#topic-input', topic);
    await bob.click('#topic-save');
    await until(ada, 'the reconnected page gets pushes again', async () => (await ada.textContent('#topic')) === topic);
  });

  await check('a screenshot of the demo is saved', async () => {
    await ada.screenshot({ path: join(out, 'demo.png'), fullPage: true });
    await bob.screenshot({ path: join(out, 'demo-second-page.png'), fullPage: true });
    console.log(`# screenshots: ${join(out, 'demo.png')}, ${join(out, 'demo-second-page.png')}`);
  });

  await ada.context().close();
  await bob.context().close();
}

async function openDemo(label) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 760 } });
  const page = await context.newPage();
  watch(page, label);
  await page.goto(base, { waitUntil: 'load', timeout: WAIT_MS });
  await until(page, `${label}'s page connects`, async () => (await page.textContent('#status')) === 'online');
  return page;
}

async function joinAs(page, name, color, room) {
  await page.fill('#name', name);
  await page.fill('#color', color);
  await page.fill('#room', room);
  await page.click('#join');
  await until(page, `${name} is in ${room}`, async () =>
    (await page.isVisible('#room-panel')) && (await page.textContent('#room-name')) === room);
}

async function connectionIdOf(page) {
  return (await page.textContent('#connection-id')).trim();
}

function members(page) {
  return page.$$eval('#members li', (items) => items.map((li) => ({
    id: li.dataset.id, name: li.dataset.name, color: li.dataset.color, self: li.dataset.self === 'true',
  })));
}

function hasMember(list, expected) {
  return list.some((m) => m.id === expected.id && m.name === expected.name && m.color === expected.color
    && (expected.self === undefined || m.self === expected.self));
}

// ---- mesh-client.js on its own ----

async function clientLibrary() {
  const context = await browser.newContext();
  const page = await context.newPage();
  watch(page, 'client');
  await page.goto(base + 'mesh-client.js', { waitUntil: 'load', timeout: WAIT_MS });
  const endpoint = new URL('mesh', base).href.replace(/^http/, 'ws');
  await page.evaluate(async (url) => {
    window.lib = await import(location.href);
    window.endpoint = url;
  }, endpoint);

  await check('errors carry the server\'s code and name', async () => {
    const result = await page.evaluate(async () => {
      const client = new window.lib.MeshClient(window.endpoint);
      await client.connect();
      const outcome = async (promise) => promise.then((v) => ({ value: v }), (e) => ({
        error: e instanceof Error, code: e.code, name: e.name, message: e.message, command: e.command,
      }));
      const unknown = await outcome(client.command('no/such-command', {}));
      const notInRoom = await outcome(client.command('room/set-topic', { roomName: 'nowhere', topic: 'x' }));
      const badPayload = await outcome(client.joinRoom(''));
      client.close();
      return { unknown, notInRoom, badPayload };
    });
    expect(result.unknown, { error: true, code: 'ENOTFOUND', name: 'CommandError', command: 'no/such-command' });
    expect(result.notInRoom, { error: true, code: 'ENOTINROOM', name: 'CommandError' });
    expect(result.badPayload, { error: true, code: 'EROOMNAME' });
  });

  await check('a command that gets no reply times out with a clear error', async () => {
    const result = await page.evaluate(async () => {
      // Never connected: the command waits in the queue until its timeout.
      const client = new window.lib.MeshClient('ws://127.0.0.1:9/mesh');
      return client.command('mesh/noop', {}, 150).then(() => ({ value: 'answered' }),
        (e) => ({ code: e.code, name: e.name, message: e.message }));
    });
    expect(result, { code: 'ETIMEOUT', name: 'TimeoutError' });
    if (!/mesh\/noop.*timed out after 150 ms/.test(result.message)) {
      throw new Error('unclear timeout message: ' + result.message);
    }
  });

  await check('commands issued before connect() are queued and sent once connected', async () => {
    const result = await page.evaluate(async () => {
      const client = new window.lib.MeshClient(window.endpoint);
      const statuses = [];
      client.on('status', (s) => statuses.push(s));
      const early = client.command('mesh/noop', {});
      const id = await client.connect();
      const value = await early;
      client.close();
      return { value, id, statuses };
    });
    expect(result, { value: true });
    if (typeof result.id !== 'string' || result.id.length < 8) {
      throw new Error('no connection id: ' + JSON.stringify(result));
    }
    expect(result.statuses, ['connecting', 'online', 'offline']);
  });

  await check('metadata: own and another connection\'s, room metadata', async () => {
    const result = await page.evaluate(async () => {
      const a = new window.lib.MeshClient(window.endpoint);
      const b = new window.lib.MeshClient(window.endpoint);
      await Promise.all([a.connect(), b.connect()]);
      const ok = await a.setConnectionMetadata({ name: 'Ann', tags: ['x'] });
      await a.setConnectionMetadata({ color: '#123456' }, { strategy: 'merge' });
      const own = await a.getConnectionMetadata();
      const seenByB = await b.getConnectionMetadata(a.connectionId);
      const lobby = await b.getRoomMetadata('lobby');
      const none = await b.getRoomMetadata('no-such-room-' + Math.random());
      a.close();
      b.close();
      return { ok, own, seenByB, lobbyTopic: lobby && lobby.topic, none };
    });
    expect(result, {
      ok: true,
      own: { name: 'Ann', tags: ['x'], color: '#123456' },
      seenByB: { name: 'Ann', tags: ['x'], color: '#123456' },
      none: null,
    });
    if (typeof result.lobbyTopic !== 'string') {
      throw new Error('the default room lobby has no topic: ' + JSON.stringify(result));
    }
  });

  await check('joinRoom lists the members present; pushes reach on() handlers; leaveRoom', async () => {
    const room = 'lib-' + randomUUID().slice(0, 8);
    const result = await page.evaluate(async (roomName) => {
      const a = new window.lib.MeshClient(window.endpoint);
      const b = new window.lib.MeshClient(window.endpoint);
      await Promise.all([a.connect(), b.connect()]);
      await a.setConnectionMetadata({ name: 'A' });
      await b.setConnectionMetadata({ name: 'B' });
      const first = await a.joinRoom(roomName);
      const joined = new Promise((resolve) => a.on('room/member-joined', resolve));
      const second = await b.joinRoom(roomName);
      const push = await joined;
      const chat = new Promise((resolve) => a.on('chat/message', resolve));
      await b.command('chat/send', { roomName, text: 'hi' });
      const message = await chat;
      const left = await b.leaveRoom(roomName);
      const rooms = { a: a.rooms, b: b.rooms };
      a.close();
      b.close();
      return {
        first: first.map((m) => m.metadata),
        second: second.map((m) => m.metadata.name).sort(),
        push: { id: push.id === b.connectionId, name: push.metadata.name },
        text: message.text,
        left,
        rooms,
      };
    }, room);
    expect(result, {
      first: [{ name: 'A' }],
      second: ['A', 'B'],
      push: { id: true, name: 'B' },
      text: 'hi',
      left: true,
      rooms: { a: [room], b: [] },
    });
  });

  await check('pings and latency requests are answered: the connection outlives several pings', async () => {
    const result = await page.evaluate(async () => {
      const client = new window.lib.MeshClient(window.endpoint);
      let pings = 0;
      let disconnects = 0;
      client.on('ping', () => pings++);
      client.on('disconnect', () => disconnects++);
      const id = await client.connect();
      const deadline = Date.now() + 15000;
      while ((pings < 4 || client.latency === null) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      const outcome = { pings, latency: client.latency, sameId: client.connectionId === id, disconnects, status: client.status };
      client.close();
      return outcome;
    });
    if (result.pings < 4 || typeof result.latency !== 'number' || result.latency < 0) {
      throw new Error('no pings or no latency within 15 s: ' + JSON.stringify(result));
    }
    expect(result, { sameId: true, disconnects: 0, status: 'online' });
  });

  await check('after a drop, queued commands run once the rooms and metadata are restored', async () => {
    const room = 'lib-drop-' + randomUUID().slice(0, 8);
    const oldId = await page.evaluate(async (roomName) => {
      const client = new window.lib.MeshClient(window.endpoint);
      window.dropClient = client;
      await client.connect();
      await client.setConnectionMetadata({ name: 'Dee', color: '#111111' });
      await client.setConnectionMetadata({ color: '#222222' }, { strategy: 'merge' });
      await client.setConnectionMetadata({ mood: 'calm' }, { strategy: 'merge' });
      await client.joinRoom(roomName);
      window.dropEvents = [];
      const off = client.on('disconnect', (d) => {
        off();
        window.dropEvents.push({ disconnect: d.code, willReconnect: d.willReconnect, status: client.status });
        // Issued while reconnecting: queued, and sent after the restore.
        window.queued = client.getConnectionMetadata().then((m) => ({ metadata: m, id: client.connectionId }));
      });
      window.reconnected = new Promise((resolve) => client.on('reconnect', resolve));
      return client.connectionId;
    }, room);
    const dropped = await http(`browser-test?action=disconnect&id=${oldId}`);
    if (dropped.trim() !== 'true') {
      throw new Error('the server did not find the connection to drop: ' + dropped);
    }
    const result = await page.evaluate(async () => {
      const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('no reconnect within 15 s')), 15000));
      const event = await Promise.race([window.reconnected, timeout]);
      const queued = await Promise.race([window.queued, timeout]);
      const client = window.dropClient;
      return {
        events: window.dropEvents,
        event: { id: event.id, previousId: event.previousId, rooms: Object.fromEntries(Object.entries(event.rooms).map(([r, p]) => [r, p.map((m) => m.id)])) },
        queued,
        id: client.connectionId,
        rooms: client.rooms,
        status: client.status,
      };
    });
    expect(result.events, [{ disconnect: 4000, willReconnect: true, status: 'reconnecting' }]);
    if (result.id === oldId || result.event.id !== result.id || result.event.previousId !== oldId) {
      throw new Error('not a new connection: ' + JSON.stringify(result));
    }
    expect(result.event.rooms, { [room]: [result.id] });
    expect(result.queued, { metadata: { name: 'Dee', color: '#222222', mood: 'calm' }, id: result.id });
    expect(result, { rooms: [room], status: 'online' });
    const server = JSON.parse(await http(`browser-test?action=state&id=${result.id}`));
    expect(server, { connected: true, rooms: [room], metadata: { name: 'Dee', color: '#222222', mood: 'calm' } });
  });

  await check('close() ends the connection for good', async () => {
    const result = await page.evaluate(async () => {
      const client = window.dropClient;
      const id = client.connectionId;
      client.close();
      const after = await client.command('mesh/noop', {}).then(() => 'answered', (e) => e.code);
      await new Promise((r) => setTimeout(r, 300));
      return { id, after, status: client.status, rooms: client.rooms };
    });
    expect(result, { after: 'ECLOSED', status: 'offline', rooms: [] });
    await until(page, 'the server forgets the closed connection', async () =>
      JSON.parse(await http(`browser-test?action=state&id=${result.id}`)).connected === false);
  });

  await context.close();
}

// ---- helpers ----

async function check(name, body) {
  current = name;
  await body();
  console.log(`ok - ${name}`);
}

async function until(page, what, condition, timeoutMs = WAIT_MS) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      if (await condition()) {
        return;
      }
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const state = page && !page.isClosed()
    ? await page.evaluate(() => ({
      status: document.querySelector('#status')?.textContent,
      id: document.querySelector('#connection-id')?.textContent,
      members: [...document.querySelectorAll('#members li')].map((li) => ({ ...li.dataset })),
      topic: document.querySelector('#topic')?.textContent,
      error: document.querySelector('#error')?.textContent,
    })).catch(() => null)
    : null;
  throw new Error(`not within ${timeoutMs} ms: ${what}` + (last ? ` (last error: ${last.message})` : '')
    + (state ? `; page: ${JSON.stringify(state)}` : ''));
}

/** Fails unless every field of expected equals (deeply) the same field of actual. */
function expect(actual, expected, path = 'value') {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    if (actual === null || typeof actual !== 'object') {
      throw new Error(`${path}: expected an object like ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    }
    for (const [key, value] of Object.entries(expected)) {
      expect(actual[key], value, `${path}.${key}`);
    }
    return;
  }
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

async function http(path) {
  const response = await fetch(new URL(path, base), { signal: AbortSignal.timeout(WAIT_MS) });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`GET ${path}: ${response.status} ${text}`);
  }
  return text;
}

function watch(page, label) {
  page.on('pageerror', (error) => pageErrors.push(`${label}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') {
      console.log(`# ${label} console: ${message.text()}`);
    }
  });
}

function parseArgs(list) {
  const parsed = {};
  for (let i = 0; i < list.length; i++) {
    if (list[i].startsWith('--')) {
      parsed[list[i].slice(2)] = list[i + 1];
      i++;
    }
  }
  return parsed;
}
