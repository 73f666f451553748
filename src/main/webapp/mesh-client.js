/**
 * mesh-client.js: the browser client of Jakarta Mesh. A dependency-free ES module that speaks the
 * wire protocol of mesh 2.x, served by the WAR at /mesh-client.js (types: mesh-client.d.ts).
 *
 *   import { MeshClient } from '/mesh-client.js';
 *   const client = new MeshClient('ws://localhost:9080/mesh');
 *   await client.connect();
 *   await client.setConnectionMetadata({ name: 'Ada' }, { strategy: 'merge' });
 *   const present = await client.joinRoom('lobby');
 *
 * It answers the server's keepalive (ping, latency:request), matches replies to requests by id,
 * queues commands issued while it is (re)connecting, and reconnects with backoff. After a
 * reconnect it restores what it had set up (the connection metadata it wrote, then the rooms it
 * had joined) before it sends anything else, so a short drop only changes the connection id.
 */

/** The connection states, the values of {@link MeshClient#status}. */
export const Status = Object.freeze({
  /** Not connected and not trying: before connect(), after close(), or after reconnecting gave up. */
  OFFLINE: 'offline',
  /** Opening the first connection. */
  CONNECTING: 'connecting',
  /** Connected, with a connection id; after a reconnect, also restored. */
  ONLINE: 'online',
  /** The connection was lost: trying to get it back (and restoring state once it is back). */
  RECONNECTING: 'reconnecting',
});

/** An error answered by the server ({error, code, name}) or raised by the client (timeout, closed). */
export class MeshError extends Error {
  /**
   * @param {string} message what went wrong
   * @param {string} code a protocol code such as ENOTFOUND, EPAYLOAD, ETIMEOUT, EDISCONNECTED
   * @param {string} [name] the error's name such as CommandError
   * @param {string} [command] the command it answers
   */
  constructor(message, code, name, command) {
    super(message);
    this.name = name || 'MeshError';
    this.code = code;
    this.command = command;
  }
}

const DEFAULTS = Object.freeze({
  reconnect: true,
  reconnectDelayMs: 200,
  maxReconnectDelayMs: 5000,
  maxReconnectAttempts: Infinity,
  timeoutMs: 30000,
  idleTimeoutMs: 70000,
});

const OPEN = 1;

/** A client of one Jakarta Mesh (or mesh) server endpoint. */
export class MeshClient {
  #url;
  #options;
  #WebSocket;
  #socket = null;
  #generation = 0;
  #assignedOn = -1;
  #status = Status.OFFLINE;
  #connectionId = null;
  #latency = null;
  #everOnline = false;
  #stopped = false;
  #attempts = 0;
  #retryTimer = null;
  #idleTimer = null;
  #nextId = 1;
  #pending = new Map();
  #queue = [];
  #handlers = new Map();
  #rooms = new Set();
  #metadataLog = [];
  #metadataSeq = 0;
  #connectWaiters = [];

  /**
   * @param {string|URL} url the endpoint, for example ws://localhost:9080/mesh
   * @param {object} [options]
   * @param {boolean} [options.reconnect=true] reconnect automatically when the connection is lost
   * @param {number} [options.reconnectDelayMs=200] first reconnect delay; it doubles each attempt
   * @param {number} [options.maxReconnectDelayMs=5000] the longest reconnect delay
   * @param {number} [options.maxReconnectAttempts=Infinity] attempts in a row before giving up
   * @param {number} [options.timeoutMs=30000] default command timeout
   * @param {number} [options.idleTimeoutMs=70000] reconnect when nothing (not even a ping) was
   *   heard for this long; 0 turns the watchdog off
   * @param {typeof WebSocket} [options.WebSocket] the WebSocket class to use (default: the global one)
   */
  constructor(url, options = {}) {
    this.#url = String(url);
    this.#options = { ...DEFAULTS, ...options };
    this.#WebSocket = options.WebSocket || globalThis.WebSocket;
    if (typeof this.#WebSocket !== 'function') {
      throw new TypeError('MeshClient needs a WebSocket implementation');
    }
  }

  /** The endpoint URL. */
  get url() {
    return this.#url;
  }

  /** One of {@link Status}: offline, connecting, online, reconnecting. */
  get status() {
    return this.#status;
  }

  /** The id the server assigned to the current connection, or null before the first one. */
  get connectionId() {
    return this.#connectionId;
  }

  /** The latest round-trip time the server measured, in milliseconds, or null before the first. */
  get latency() {
    return this.#latency;
  }

  /** The rooms this client has joined (and rejoins after a reconnect). */
  get rooms() {
    return [...this.#rooms];
  }

  /**
   * Connects, and resolves with the connection id once the server has assigned one. If the first
   * attempt fails it keeps trying as a reconnect would; it rejects when close() is called or the
   * attempts run out.
   * @returns {Promise<string>}
   */
  connect() {
    if (this.#status === Status.ONLINE) {
      return Promise.resolve(this.#connectionId);
    }
    this.#stopped = false;
    const connected = new Promise((resolve, reject) => this.#connectWaiters.push({ resolve, reject }));
    if (this.#status === Status.OFFLINE) {
      this.#attempts = 0;
      this.#open();
    }
    return connected;
  }

  /**
   * Closes the connection for good (no reconnect). Pending and queued commands reject with
   * ECLOSED. The rooms and metadata it remembered are forgotten: a later connect() starts afresh.
   */
  close() {
    const wasAssigned = this.#socket !== null && this.#assignedOn === this.#generation;
    const socket = this.#socket;
    this.#stopped = true;
    this.#detach();
    clearTimeout(this.#retryTimer);
    if (socket) {
      try {
        socket.close(1000, 'client closed');
      } catch {
        // already closing
      }
    }
    const closed = () => new MeshError('the client was closed', 'ECLOSED', 'ConnectionError');
    this.#failAll(closed);
    this.#rejectConnectWaiters(closed());
    this.#rooms.clear();
    this.#metadataLog = [];
    this.#everOnline = false;
    this.#setStatus(Status.OFFLINE);
    if (wasAssigned) {
      this.#emit('disconnect', { code: 1000, reason: 'client closed', willReconnect: false });
    }
  }

  /**
   * Sends a command and resolves with the reply's payload. Rejects with a {@link MeshError}
   * carrying the server's code and name when the reply is an error ({error, code, name}), with
   * ETIMEOUT when no reply came within timeoutMs (queue time included), and with EDISCONNECTED
   * when the connection was lost after the command was sent. Commands issued while connecting
   * or reconnecting are queued and sent once the connection is back.
   * @param {string} command
   * @param {*} [payload={}]
   * @param {number} [timeoutMs]
   * @returns {Promise<*>}
   */
  command(command, payload = {}, timeoutMs = this.#options.timeoutMs) {
    return this.#request(command, payload, timeoutMs, false);
  }

  /**
   * A connection's metadata: this connection's when id is omitted
   * (mesh/get-my-connection-metadata), else mesh/get-connection-metadata. Null when it has none.
   * @param {string} [id]
   * @returns {Promise<*>}
   */
  async getConnectionMetadata(id) {
    const reply = id === undefined || id === null
      ? await this.command('mesh/get-my-connection-metadata', {})
      : await this.command('mesh/get-connection-metadata', { connectionId: id });
    return reply ? reply.metadata ?? null : null;
  }

  /**
   * Writes this connection's metadata (mesh/set-my-connection-metadata). The client remembers
   * successful writes and replays them, in order, after a reconnect.
   * @param {*} metadata
   * @param {{strategy?: 'replace'|'merge'|'deepMerge'}} [options]
   * @returns {Promise<boolean>} whether the server reported success
   */
  async setConnectionMetadata(metadata, options = {}) {
    const strategy = options.strategy || 'replace';
    const seq = ++this.#metadataSeq;
    const copy = metadata === undefined ? null : JSON.parse(JSON.stringify(metadata));
    const reply = await this.command('mesh/set-my-connection-metadata', { metadata: copy, options: { strategy } });
    const success = !!(reply && reply.success === true);
    if (success && !this.#stopped) {
      this.#remember({ seq, metadata: copy, strategy });
    }
    return success;
  }

  /**
   * A room's metadata (mesh/get-room-metadata), null when it has none.
   * @param {string} roomName
   */
  async getRoomMetadata(roomName) {
    const reply = await this.command('mesh/get-room-metadata', { roomName });
    return reply ? reply.metadata ?? null : null;
  }

  /**
   * Joins a room (mesh/join-room) and resolves with everyone present, this connection included:
   * [{id, metadata}]. The client rejoins it after a reconnect.
   * @param {string} roomName
   * @returns {Promise<Array<{id: string, metadata: *}>>}
   */
  async joinRoom(roomName) {
    const reply = await this.command('mesh/join-room', { roomName });
    if (!this.#stopped) {
      this.#rooms.add(roomName);
    }
    return reply && Array.isArray(reply.present) ? reply.present : [];
  }

  /**
   * Leaves a room (mesh/leave-room); it is no longer rejoined after a reconnect.
   * @param {string} roomName
   * @returns {Promise<boolean>}
   */
  async leaveRoom(roomName) {
    this.#rooms.delete(roomName);
    const reply = await this.command('mesh/leave-room', { roomName });
    return !!(reply && reply.success === true);
  }

  /**
   * Listens to a server push (by its command name, for example 'chat/message') or to a client
   * event: 'connect' {id}, 'disconnect' {code, reason, willReconnect}, 'reconnect'
   * {id, previousId, rooms: {roomName: present}}, 'reconnectfailed' {attempts},
   * 'status' (the new status), 'latency' (ms), 'error' (a MeshError from restoring state).
   * @param {string} name
   * @param {(payload: *) => void} handler
   * @returns {() => void} a function that removes the handler
   */
  on(name, handler) {
    if (typeof handler !== 'function') {
      throw new TypeError('a handler must be a function');
    }
    let set = this.#handlers.get(name);
    if (!set) {
      set = new Set();
      this.#handlers.set(name, set);
    }
    set.add(handler);
    return () => this.off(name, handler);
  }

  /** Removes a handler added with on(). */
  off(name, handler) {
    const set = this.#handlers.get(name);
    if (set) {
      set.delete(handler);
    }
  }

  // ---- the socket ----

  #open() {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    const generation = ++this.#generation;
    this.#setStatus(this.#everOnline ? Status.RECONNECTING : Status.CONNECTING);
    let socket;
    try {
      socket = new this.#WebSocket(this.#url);
    } catch (e) {
      this.#stopped = true;
      this.#setStatus(Status.OFFLINE);
      const error = new MeshError('cannot open ' + this.#url + ': ' + e.message, 'ECONNECT', 'ConnectionError');
      this.#failAll(() => error);
      this.#rejectConnectWaiters(error);
      return;
    }
    this.#socket = socket;
    socket.onopen = () => {
      if (generation === this.#generation) {
        this.#touch();
      }
    };
    socket.onmessage = (event) => {
      if (generation === this.#generation) {
        this.#receive(event.data, generation);
      }
    };
    socket.onclose = (event) => {
      if (generation === this.#generation) {
        this.#lost(event.code, event.reason);
      }
    };
    socket.onerror = () => {
      // A close event follows; it decides what happens next.
    };
  }

  /** Stops listening to the current socket: its late events are ignored from now on. */
  #detach() {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
    this.#socket = null;
    this.#generation++;
  }

  /** The current socket closed (or was given up by the watchdog). */
  #lost(code, reason) {
    const lostGeneration = this.#generation;
    const wasAssigned = this.#assignedOn === lostGeneration;
    this.#detach();
    for (const [id, request] of this.#pending) {
      if (request.sentOn === lostGeneration) {
        this.#settle(id, (r) => r.reject(new MeshError(
          'the connection closed before "' + r.command + '" was answered', 'EDISCONNECTED', 'ConnectionError', r.command)));
      }
    }
    const willReconnect = this.#options.reconnect && !this.#stopped && this.#attempts < this.#options.maxReconnectAttempts;
    if (willReconnect) {
      this.#attempts++;
      const base = Math.min(this.#options.maxReconnectDelayMs, this.#options.reconnectDelayMs * 2 ** (this.#attempts - 1));
      const delay = Math.round(base * (0.5 + Math.random() * 0.5));
      this.#setStatus(this.#everOnline ? Status.RECONNECTING : Status.CONNECTING);
      this.#retryTimer = setTimeout(() => this.#open(), delay);
      if (wasAssigned) {
        this.#emit('disconnect', { code, reason, willReconnect });
      }
      return;
    }
    const gaveUp = this.#options.reconnect && !this.#stopped;
    this.#stopped = true;
    this.#setStatus(Status.OFFLINE);
    const error = () => new MeshError('the connection is closed (code ' + code + ')', 'ECLOSED', 'ConnectionError');
    this.#failAll(error);
    this.#rejectConnectWaiters(error());
    if (wasAssigned) {
      this.#emit('disconnect', { code, reason, willReconnect });
    }
    if (gaveUp) {
      this.#emit('reconnectfailed', { attempts: this.#attempts });
    }
  }

  /** Something was heard from the server: restart the idle watchdog. */
  #touch() {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
    const idle = this.#options.idleTimeoutMs;
    if (idle > 0) {
      const generation = this.#generation;
      this.#idleTimer = setTimeout(() => {
        if (generation === this.#generation && this.#socket) {
          const socket = this.#socket;
          this.#lost(4408, 'nothing heard from the server for ' + idle + ' ms');
          try {
            socket.close(4408, 'idle');
          } catch {
            // already closing
          }
        }
      }, idle);
    }
  }

  #receive(data, generation) {
    if (typeof data !== 'string') {
      return;
    }
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (frame === null || typeof frame !== 'object' || Array.isArray(frame)) {
      return;
    }
    this.#touch();
    const { id, command, payload } = frame;
    if (id !== undefined && id !== null) {
      this.#reply(id, payload);
      return;
    }
    switch (command) {
      case 'ping':
        this.#send({ command: 'pong', payload: {} });
        this.#emit('ping', payload);
        return;
      case 'latency:request':
        this.#send({ command: 'latency:response', payload: payload === undefined ? {} : payload });
        return;
      case 'latency':
        this.#latency = typeof payload === 'number' ? payload : Number(payload);
        this.#emit('latency', this.#latency);
        return;
      case 'mesh/assign-id':
        this.#assigned(String(payload), generation);
        return;
      default:
        if (typeof command === 'string') {
          this.#emit(command, payload);
        }
    }
  }

  #reply(id, payload) {
    this.#settle(id, (request) => {
      if (payload !== null && typeof payload === 'object' && !Array.isArray(payload)
          && typeof payload.error === 'string' && typeof payload.code === 'string') {
        request.reject(new MeshError(payload.error, payload.code, payload.name, request.command));
      } else {
        request.resolve(payload);
      }
    });
  }

  async #assigned(id, generation) {
    const previousId = this.#connectionId;
    this.#connectionId = id;
    this.#assignedOn = generation;
    this.#attempts = 0;
    if (!this.#everOnline) {
      this.#everOnline = true;
      this.#goOnline();
      this.#emit('connect', { id });
      return;
    }
    const rooms = {};
    for (const entry of this.#metadataLog) {
      try {
        await this.#request('mesh/set-my-connection-metadata',
          { metadata: entry.metadata, options: { strategy: entry.strategy } }, this.#options.timeoutMs, true);
      } catch (e) {
        if (generation !== this.#generation) {
          return;
        }
        this.#emit('error', e);
      }
    }
    for (const roomName of [...this.#rooms]) {
      try {
        const reply = await this.#request('mesh/join-room', { roomName }, this.#options.timeoutMs, true);
        rooms[roomName] = reply && Array.isArray(reply.present) ? reply.present : [];
      } catch (e) {
        if (generation !== this.#generation) {
          return;
        }
        this.#rooms.delete(roomName);
        this.#emit('error', e);
      }
    }
    if (generation !== this.#generation) {
      return;
    }
    this.#goOnline();
    this.#emit('reconnect', { id, previousId, rooms });
  }

  #goOnline() {
    this.#setStatus(Status.ONLINE);
    const queued = this.#queue;
    this.#queue = [];
    for (const id of queued) {
      const request = this.#pending.get(id);
      if (request) {
        this.#transmit(id, request);
      }
    }
    const waiters = this.#connectWaiters;
    this.#connectWaiters = [];
    for (const waiter of waiters) {
      waiter.resolve(this.#connectionId);
    }
  }

  // ---- requests ----

  #request(command, payload, timeoutMs, direct) {
    if (typeof command !== 'string' || command === '') {
      return Promise.reject(new TypeError('a command name is a non-empty string'));
    }
    if (this.#stopped && !direct) {
      return Promise.reject(new MeshError('the client is closed; call connect() first', 'ECLOSED', 'ConnectionError', command));
    }
    return new Promise((resolve, reject) => {
      const id = this.#nextId++;
      const request = { command, payload, resolve, reject, sentOn: -1, timer: null };
      if (timeoutMs > 0 && Number.isFinite(timeoutMs)) {
        request.timer = setTimeout(() => this.#settle(id, (r) => r.reject(new MeshError(
          'mesh command "' + command + '" timed out after ' + timeoutMs + ' ms', 'ETIMEOUT', 'TimeoutError', command))), timeoutMs);
      }
      this.#pending.set(id, request);
      const ready = this.#socket && this.#socket.readyState === OPEN;
      if (direct ? ready : ready && this.#status === Status.ONLINE) {
        this.#transmit(id, request);
      } else if (direct) {
        this.#settle(id, (r) => r.reject(new MeshError('the connection closed', 'EDISCONNECTED', 'ConnectionError', command)));
      } else {
        this.#queue.push(id);
      }
    });
  }

  #transmit(id, request) {
    if (this.#send({ id, command: request.command, payload: request.payload })) {
      request.sentOn = this.#generation;
    } else {
      this.#queue.push(id);
    }
  }

  #send(frame) {
    const socket = this.#socket;
    if (!socket || socket.readyState !== OPEN) {
      return false;
    }
    socket.send(JSON.stringify(frame));
    return true;
  }

  #settle(id, action) {
    const request = this.#pending.get(id);
    if (!request) {
      return;
    }
    this.#pending.delete(id);
    clearTimeout(request.timer);
    action(request);
  }

  #failAll(errorFactory) {
    for (const id of [...this.#pending.keys()]) {
      this.#settle(id, (r) => {
        const error = errorFactory();
        error.command = r.command;
        r.reject(error);
      });
    }
    this.#queue = [];
  }

  #rejectConnectWaiters(error) {
    const waiters = this.#connectWaiters;
    this.#connectWaiters = [];
    for (const waiter of waiters) {
      waiter.reject(error);
    }
  }

  // ---- remembered state ----

  /**
   * Keeps a successful metadata write for replay, in the order the writes were issued. A replace
   * makes every earlier write irrelevant; consecutive merges of objects combine into one.
   */
  #remember(entry) {
    const log = this.#metadataLog;
    let at = log.length;
    while (at > 0 && log[at - 1].seq > entry.seq) {
      at--;
    }
    log.splice(at, 0, entry);
    let lastReplace = -1;
    log.forEach((e, i) => {
      if (e.strategy === 'replace') {
        lastReplace = i;
      }
    });
    const kept = lastReplace > 0 ? log.slice(lastReplace) : log;
    const compact = [];
    for (const e of kept) {
      const previous = compact[compact.length - 1];
      if (previous && previous.strategy === 'merge' && e.strategy === 'merge' && isObject(previous.metadata) && isObject(e.metadata)) {
        compact[compact.length - 1] = { seq: e.seq, strategy: 'merge', metadata: { ...previous.metadata, ...e.metadata } };
      } else {
        compact.push(e);
      }
    }
    this.#metadataLog = compact;
  }

  // ---- events ----

  #setStatus(status) {
    if (this.#status !== status) {
      this.#status = status;
      this.#emit('status', status);
    }
  }

  #emit(name, payload) {
    const set = this.#handlers.get(name);
    if (!set) {
      return;
    }
    for (const handler of [...set]) {
      try {
        handler(payload);
      } catch (e) {
        report(e);
      }
    }
  }
}

function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function report(error) {
  if (typeof globalThis.reportError === 'function') {
    globalThis.reportError(error);
  } else {
    setTimeout(() => {
      throw error;
    });
  }
}
