// The admin page: reads /admin/api and acts on connections and rooms. The browser sends the
// Basic credentials it was asked for when the page loaded.
const api = (path, options = {}) => fetch(`api/${path}`, {
  headers: { 'Content-Type': 'application/json' }, ...options,
}).then(async (response) => {
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error || `${response.status}`);
  return body;
});

const PAGE = 20;
let offset = 0;
let filter = { field: '', value: '' };

const cell = (content) => {
  const td = document.createElement('td');
  if (content instanceof Node) td.append(content); else td.textContent = content;
  return td;
};
const json = (value) => {
  const code = document.createElement('code');
  code.textContent = JSON.stringify(value);
  return code;
};
const members = (list) => {
  const shown = list.slice(0, 10).map((m) => m.id).join(', ');
  return `${list.length} · ${shown}${list.length > 10 ? ', …' : ''}`;
};
const button = (label, onClick, danger = false) => {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  if (danger) b.className = 'danger';
  b.addEventListener('click', onClick);
  return b;
};
const say = (text) => { document.getElementById('message').textContent = text; };
const act = (promise, done) => promise.then((result) => { say(done(result)); return load(); }).catch((e) => say(`failed: ${e.message}`));

async function load() {
  const [stats, instances, connections, rooms] = await Promise.all([
    api('stats'),
    api('instances'),
    api(`connections?offset=${offset}&limit=${PAGE}&field=${encodeURIComponent(filter.field)}&value=${encodeURIComponent(filter.value)}`),
    api('rooms'),
  ]);
  document.getElementById('stats').textContent = `instance ${stats.instanceId.slice(0, 8)} · `
    + `${stats.localConnections} local / ${stats.totalConnections} total connections · ${stats.rooms} rooms · `
    + `${stats.liveInstances} live instances · ${stats.commandsHandled} commands, ${stats.commandErrors} errors`;

  const instanceRows = instances.map((i) => {
    const tr = document.createElement('tr');
    const state = document.createElement('span');
    state.className = i.alive ? 'alive' : 'dead';
    state.textContent = (i.alive ? 'alive' : 'dead') + (i.self ? ' (this one)' : '');
    tr.append(cell(i.id), cell(state));
    return tr;
  });
  document.querySelector('#instances tbody').replaceChildren(...instanceRows);

  const connectionRows = connections.items.map((c) => {
    const tr = document.createElement('tr');
    tr.dataset.id = c.id;
    tr.append(cell(c.id), cell(json(c.metadata)), cell(c.rooms.join(', ')),
      cell(button('Disconnect', () => act(api(`connections/${encodeURIComponent(c.id)}/disconnect`, { method: 'POST' }),
        () => `disconnected ${c.id}`), true)));
    return tr;
  });
  document.querySelector('#connections tbody').replaceChildren(...connectionRows);
  document.getElementById('page').textContent = `page ${offset / PAGE + 1}`;

  const roomRows = rooms.map((r) => {
    const tr = document.createElement('tr');
    tr.dataset.room = r.name;
    const edit = button('Edit metadata', () => {
      const text = prompt(`Metadata of ${r.name} (JSON)`, JSON.stringify(r.metadata ?? {}));
      if (text !== null) {
        act(api(`rooms/${encodeURIComponent(r.name)}/metadata`, { method: 'PUT', body: text }), () => `saved ${r.name}`);
      }
    });
    const clear = button('Clear', () => act(api(`rooms/${encodeURIComponent(r.name)}/clear`, { method: 'POST' }),
      (result) => `cleared ${r.name}: ${result.removed} members removed`), true);
    const remove = button('Delete', () => act(api(`rooms/${encodeURIComponent(r.name)}`, { method: 'DELETE' }),
      () => `deleted ${r.name}`), true);
    const actions = document.createElement('span');
    actions.append(edit, ' ', clear, ' ', remove);
    tr.append(cell(r.name), cell(json(r.metadata)), cell(members(r.members)), cell(actions));
    return tr;
  });
  document.querySelector('#rooms tbody').replaceChildren(...roomRows);
}

document.getElementById('connection-filter').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  filter = { field: form.get('field') || '', value: form.get('value') || '' };
  offset = 0;
  load().catch((e) => say(`failed: ${e.message}`));
});
document.getElementById('prev').addEventListener('click', () => { offset = Math.max(0, offset - PAGE); load(); });
document.getElementById('next').addEventListener('click', () => { offset += PAGE; load(); });
document.getElementById('refresh').addEventListener('click', () => load().catch((e) => say(`failed: ${e.message}`)));
load().catch((e) => say(`failed: ${e.message}`));
