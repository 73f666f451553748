/**
 * Types of mesh-client.js, the browser client of Jakarta Mesh (the wire protocol of mesh 2.x).
 */

/** The connection states. */
export declare const Status: Readonly<{
  OFFLINE: 'offline';
  CONNECTING: 'connecting';
  ONLINE: 'online';
  RECONNECTING: 'reconnecting';
}>;

export type ConnectionStatus = 'offline' | 'connecting' | 'online' | 'reconnecting';

export type MergeStrategy = 'replace' | 'merge' | 'deepMerge';

/** An error answered by the server ({error, code, name}) or raised by the client. */
export declare class MeshError extends Error {
  constructor(message: string, code: string, name?: string, command?: string);
  /** ENOTFOUND, EPAYLOAD, EFORBIDDEN, ... from the server; ETIMEOUT, EDISCONNECTED, ECLOSED, ECONNECT from the client. */
  code: string;
  /** The command the error answers, when there is one. */
  command?: string;
}

export interface MeshClientOptions {
  /** Reconnect automatically when the connection is lost (default true). */
  reconnect?: boolean;
  /** The first reconnect delay in ms (default 200); it doubles each attempt, with jitter. */
  reconnectDelayMs?: number;
  /** The longest reconnect delay in ms (default 5000). */
  maxReconnectDelayMs?: number;
  /** Attempts in a row before giving up (default Infinity). */
  maxReconnectAttempts?: number;
  /** The default command timeout in ms (default 30000; 0 waits forever). */
  timeoutMs?: number;
  /** Reconnect when nothing was heard from the server for this long, in ms (default 70000; 0 turns it off). */
  idleTimeoutMs?: number;
  /** The WebSocket class to use (default: globalThis.WebSocket). */
  WebSocket?: { new (url: string): WebSocket };
}

/** A room member, as mesh/join-room lists it. */
export interface RoomMember<M = unknown> {
  id: string;
  metadata: M | null;
}

export interface ConnectEvent {
  id: string;
}

export interface DisconnectEvent {
  code: number;
  reason: string;
  willReconnect: boolean;
}

export interface ReconnectEvent {
  /** The new connection id. */
  id: string;
  /** The id of the connection that was lost. */
  previousId: string | null;
  /** Each rejoined room with the members present at the rejoin. */
  rooms: Record<string, RoomMember[]>;
}

export interface ClientEvents {
  connect: ConnectEvent;
  disconnect: DisconnectEvent;
  reconnect: ReconnectEvent;
  reconnectfailed: { attempts: number };
  status: ConnectionStatus;
  latency: number;
  ping: unknown;
  /** A failure while restoring state after a reconnect. */
  error: MeshError;
}

/** A client of one Jakarta Mesh (or mesh) server endpoint. */
export declare class MeshClient {
  constructor(url: string | URL, options?: MeshClientOptions);

  readonly url: string;
  readonly status: ConnectionStatus;
  /** The id the server assigned to the current connection; null before the first. */
  readonly connectionId: string | null;
  /** The latest round-trip time the server measured, in ms; null before the first. */
  readonly latency: number | null;
  /** The rooms joined (and rejoined after a reconnect). */
  readonly rooms: string[];

  /** Connects; resolves with the connection id. Keeps trying (with backoff) if the first attempt fails. */
  connect(): Promise<string>;
  /** Closes for good: no reconnect; pending commands reject with ECLOSED; remembered rooms and metadata are dropped. */
  close(): void;

  /** Sends a command; resolves with the reply payload, rejects with a MeshError. Queued while (re)connecting. */
  command<T = unknown>(command: string, payload?: unknown, timeoutMs?: number): Promise<T>;

  /** This connection's metadata when id is omitted, else that connection's; null when none. */
  getConnectionMetadata<M = unknown>(id?: string): Promise<M | null>;
  /** Writes this connection's metadata; remembered and replayed after a reconnect. */
  setConnectionMetadata(metadata: unknown, options?: { strategy?: MergeStrategy }): Promise<boolean>;
  /** A room's metadata, null when none. */
  getRoomMetadata<M = unknown>(roomName: string): Promise<M | null>;
  /** Joins a room; resolves with everyone present (this connection included). Rejoined after a reconnect. */
  joinRoom<M = unknown>(roomName: string): Promise<RoomMember<M>[]>;
  /** Leaves a room; it is no longer rejoined. */
  leaveRoom(roomName: string): Promise<boolean>;

  /** Listens to a client event; returns a function that removes the handler. */
  on<E extends keyof ClientEvents>(event: E, handler: (detail: ClientEvents[E]) => void): () => void;
  /** Listens to a server push by its command name; returns a function that removes the handler. */
  on(command: string, handler: (payload: any) => void): () => void;
  off(name: string, handler: (payload: any) => void): void;
}
