// The demo page: name and color as connection metadata, a room with its live member list, and
// the room's topic (room metadata, changed by the application command room/set-topic). Live
// changes arrive as pushes from the server's RoomLiveUpdates bean.
import { MeshClient, Status } from './mesh-client.js';

const SWATCHES = ['#e4572e', '#f3a712', '#2a9d5b', '#2e86ab', '#6c4ab6', '#d6336c', '#495057'];
const COLOR = /^#[0-9a-fA-F]{6}$/;
const LEFT = Symbol('left');

const $ = (selector) => document.querySelector(selector);

const endpoint = new URL('mesh', location.href).href.replace(/^http/, 'ws').replace(/[?#].*$/, '');
const client = new MeshClient(endpoint);

const state = {
  room: null,          // the room shown, once joined
  members: new Map(),  // connection id -> metadata
  roomMetadata: null,
  sync: null,          // pushes received while a join or rejoin is under way: id -> metadata | LEFT
};

// ---- rendering ----

function nameOf(metadata) {
  return metadata && typeof metadata.name === 'string' && metadata.name.trim() ? metadata.name : 'anonymous';
}

function colorOf(metadata) {
  return metadata && typeof metadata.color === 'string' && COLOR.test(metadata.color) ? metadata.color.toLowerCase() : '#9aa1ad';
}

function shortId(id) {
  return id ? id.slice(0, 8) : '–';
}

function renderConnection() {
  const status = $('#status');
  status.textContent = client.status;
  status.dataset.status = client.status;
  $('#connection-id').textContent = client.connectionId || '–';
  $('#connection-id').title = client.connectionId || '';
}

function renderMembers() {
  const list = $('#members');
  list.replaceChildren();
  const entries = [...state.members.entries()].sort(([idA, a], [idB, b]) =>
    nameOf(a).localeCompare(nameOf(b)) || idA.localeCompare(idB));
  for (const [id, metadata] of entries) {
    const item = document.createElement('li');
    item.dataset.id = id;
    item.dataset.name = nameOf(metadata);
    item.dataset.color = colorOf(metadata);
    if (id === client.connectionId) {
      item.dataset.self = 'true';
    }

    const avatar = document.createElement('span');
    avatar.className = 'avatar';
    avatar.style.background = colorOf(metadata);
    avatar.textContent = nameOf(metadata).slice(0, 1).toUpperCase();

    const text = document.createElement('span');
    const name = document.createElement('span');
    name.className = 'member-name';
    name.textContent = nameOf(metadata);
    text.append(name);
    if (id === client.connectionId) {
      const self = document.createElement('span');
      self.className = 'member-self';
      self.textContent = '(you)';
      text.append(self);
    }
    const detail = document.createElement('span');
    detail.className = 'member-detail';
    detail.textContent = shortId(id) + ' · ' + JSON.stringify(metadata);
    text.append(detail);

    item.append(avatar, text);
    list.append(item);
  }
  $('#member-count').textContent = String(state.members.size);
}

function renderRoom() {
  $('#room-panel').hidden = state.room === null;
  $('#leave').disabled = state.room === null;
  $('#join').textContent = state.room === null ? 'Join room' : 'Switch room';
  if (state.room === null) {
    return;
  }
  $('#room-name').textContent = state.room;
  const metadata = state.roomMetadata;
  const topic = metadata && typeof metadata === 'object' && typeof metadata.topic === 'string' ? metadata.topic : '';
  $('#topic').textContent = topic || '(no topic)';
  const details = $('#room-metadata');
  details.replaceChildren();
  if (metadata && typeof metadata === 'object') {
    for (const [key, value] of Object.entries(metadata)) {
      if (key === 'topic') {
        continue;
      }
      const row = document.createElement('div');
      const dt = document.createElement('dt');
      dt.textContent = key;
      const dd = document.createElement('dd');
      dd.textContent = typeof value === 'string' ? value : JSON.stringify(value);
      row.append(dt, dd);
      details.append(row);
    }
  }
  renderMembers();
}

function log(text) {
  const item = document.createElement('li');
  const time = document.createElement('time');
  time.textContent = new Date().toLocaleTimeString();
  item.append(time, document.createTextNode(text));
  const list = $('#activity');
  list.prepend(item);
  while (list.children.length > 50) {
    list.lastElementChild.remove();
  }
}

function showError(error) {
  const box = $('#error');
  if (!error) {
    box.hidden = true;
    box.textContent = '';
    return;
  }
  box.hidden = false;
  box.textContent = error.code ? error.code + ': ' + error.message : String(error.message || error);
}

// ---- member list: pushes, and snapshots from join replies ----

function beginSync() {
  state.sync = new Map();
}

function endSync(present) {
  const members = new Map();
  for (const member of present) {
    members.set(member.id, member.metadata ?? null);
  }
  for (const [id, change] of state.sync || []) {
    if (change === LEFT) {
      members.delete(id);
    } else {
      members.set(id, change);
    }
  }
  state.sync = null;
  state.members = members;
  $('#members').classList.remove('stale');
}

function memberChanged(id, metadata) {
  if (state.sync) {
    state.sync.set(id, metadata);
  } else {
    state.members.set(id, metadata);
    renderMembers();
  }
}

function memberLeft(id) {
  if (state.sync) {
    state.sync.set(id, LEFT);
  } else {
    state.members.delete(id);
    renderMembers();
  }
}

client.on('room/member-joined', ({ roomName, id, metadata }) => {
  if (roomName === state.room) {
    memberChanged(id, metadata ?? null);
    log(nameOf(metadata) + ' joined');
  }
});

client.on('room/member-left', ({ roomName, id }) => {
  if (roomName === state.room) {
    const metadata = state.members.get(id);
    memberLeft(id);
    log(nameOf(metadata) + ' left');
  }
});

client.on('room/member-updated', ({ roomName, id, metadata }) => {
  if (roomName === state.room) {
    const before = state.members.has(id) ? nameOf(state.members.get(id)) : null;
    memberChanged(id, metadata ?? null);
    if (before !== null && before !== nameOf(metadata)) {
      log(before + ' is now ' + nameOf(metadata));
    }
  }
});

client.on('room/metadata', ({ roomName, metadata }) => {
  if (roomName === state.room) {
    const before = state.roomMetadata && state.roomMetadata.topic;
    state.roomMetadata = metadata ?? null;
    if (metadata && metadata.topic !== before) {
      log('topic: ' + metadata.topic);
    }
    renderRoom();
  }
});

// ---- connection ----

client.on('status', (status) => {
  renderConnection();
  if (status === Status.RECONNECTING && state.room !== null) {
    $('#members').classList.add('stale');
  }
});
client.on('latency', (ms) => {
  $('#latency').textContent = Math.round(ms) + ' ms';
});
client.on('connect', ({ id }) => {
  renderConnection();
  log('connected as ' + shortId(id));
});
client.on('disconnect', ({ code, reason, willReconnect }) => {
  log('connection closed (' + code + (reason ? ' ' + reason : '') + ')' + (willReconnect ? ', reconnecting' : ''));
  if (willReconnect && state.room !== null) {
    beginSync();
  }
});
client.on('reconnect', async ({ id, rooms }) => {
  renderConnection();
  log('reconnected as ' + shortId(id));
  if (state.room === null) {
    return;
  }
  if (rooms[state.room]) {
    endSync(rooms[state.room]);
    log('back in ' + state.room);
    try {
      state.roomMetadata = await client.getRoomMetadata(state.room);
    } catch (e) {
      showError(e);
    }
  } else {
    state.sync = null;
    state.room = null;
    log('could not rejoin the room');
  }
  renderRoom();
});
client.on('error', (error) => showError(error));

// ---- user actions ----

function profile() {
  const name = $('#name').value.trim();
  const color = $('#color').value;
  return { name, color: COLOR.test(color) ? color.toLowerCase() : '#2e86ab' };
}

async function saveProfile() {
  const value = profile();
  if (!value.name) {
    throw new Error('pick a display name');
  }
  await client.setConnectionMetadata(value, { strategy: 'merge' });
  try {
    localStorage.setItem('mesh-demo-profile', JSON.stringify(value));
  } catch {
    // storage may be unavailable
  }
  if (state.room !== null && client.connectionId && state.members.has(client.connectionId)) {
    memberChanged(client.connectionId, { ...(state.members.get(client.connectionId) || {}), ...value });
  }
}

async function join(event) {
  event.preventDefault();
  showError(null);
  const room = $('#room').value.trim();
  if (!room) {
    return;
  }
  $('#join').disabled = true;
  try {
    await saveProfile();
    if (state.room !== null && state.room !== room) {
      const previous = state.room;
      state.room = null;
      renderRoom();
      await client.leaveRoom(previous);
    }
    state.room = room;
    beginSync();
    const present = await client.joinRoom(room);
    endSync(present);
    state.roomMetadata = await client.getRoomMetadata(room);
    log('joined ' + room);
    try {
      localStorage.setItem('mesh-demo-room', room);
    } catch {
      // storage may be unavailable
    }
  } catch (e) {
    state.sync = null;
    if (!client.rooms.includes(room)) {
      state.room = null;
    }
    showError(e);
  } finally {
    $('#join').disabled = false;
    renderRoom();
  }
}

async function leave() {
  if (state.room === null) {
    return;
  }
  const room = state.room;
  state.room = null;
  state.members = new Map();
  state.roomMetadata = null;
  renderRoom();
  try {
    await client.leaveRoom(room);
    log('left ' + room);
  } catch (e) {
    showError(e);
  }
}

async function setTopic(event) {
  event.preventDefault();
  showError(null);
  const input = $('#topic-input');
  const topic = input.value.trim();
  if (!topic || state.room === null) {
    return;
  }
  try {
    const reply = await client.command('room/set-topic', { roomName: state.room, topic });
    state.roomMetadata = reply.metadata;
    input.value = '';
    log('you set the topic: ' + topic);
    renderRoom();
  } catch (e) {
    showError(e);
  }
}

function pickColor(color) {
  $('#color').value = color;
  for (const swatch of document.querySelectorAll('.swatch')) {
    swatch.setAttribute('aria-pressed', String(swatch.dataset.color === color.toLowerCase()));
  }
}

function setUp() {
  let saved = null;
  try {
    saved = JSON.parse(localStorage.getItem('mesh-demo-profile') || 'null');
  } catch {
    saved = null;
  }
  for (const color of SWATCHES) {
    const swatch = document.createElement('button');
    swatch.type = 'button';
    swatch.className = 'swatch';
    swatch.dataset.color = color;
    swatch.style.background = color;
    swatch.title = color;
    swatch.setAttribute('aria-label', 'color ' + color);
    swatch.addEventListener('click', () => pickColor(color));
    $('#swatches').append(swatch);
  }
  $('#name').value = saved && saved.name ? saved.name : 'Guest ' + Math.floor(100 + Math.random() * 900);
  pickColor(saved && COLOR.test(saved.color) ? saved.color : SWATCHES[Math.floor(Math.random() * SWATCHES.length)]);
  const roomParam = new URLSearchParams(location.search).get('room');
  let savedRoom = null;
  try {
    savedRoom = localStorage.getItem('mesh-demo-room');
  } catch {
    savedRoom = null;
  }
  $('#room').value = roomParam || savedRoom || 'lobby';

  $('#color').addEventListener('input', () => pickColor($('#color').value));
  $('#join-form').addEventListener('submit', join);
  $('#save-profile').addEventListener('click', async () => {
    showError(null);
    try {
      await saveProfile();
      log('profile saved');
    } catch (e) {
      showError(e);
    }
  });
  $('#leave').addEventListener('click', leave);
  $('#topic-form').addEventListener('submit', setTopic);

  renderConnection();
  renderRoom();
  client.connect().catch(showError);
}

// For a look from the browser's console.
window.meshDemo = { client, state };

setUp();
