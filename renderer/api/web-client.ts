// The typed API over the local web host's WebSocket. The token comes from the address Vitre
// printed (#token=...); it is kept for this tab only and removed from the address bar so it does
// not end up in screenshots or bookmarks.
import type { ApiError, CommandName, EventName, Result, VitreApi } from '../../preload/contract/api.ts';
import type { InvokeMessage, ServerMessage } from '../../preload/contract/wire.ts';

// Typed against the contract's constants, so a change there fails the renderer's typecheck.
const SOCKET_PATH: typeof import('../../preload/contract/wire.ts').WEB_SOCKET_PATH = '/api/socket';
const PROTOCOL: typeof import('../../preload/contract/wire.ts').WEB_PROTOCOL = 'vitre.v1';
const TOKEN_PREFIX: typeof import('../../preload/contract/wire.ts').TOKEN_PROTOCOL_PREFIX = 'vitre-token.';

const TOKEN_KEY = 'vitre.token';
const RETRY_MS = [250, 500, 1000, 2000, 4000];

export type LinkState = 'connecting' | 'open' | 'closed' | 'no-token';

export function readToken(): string | undefined {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match?.[1] !== undefined) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return match[1];
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

export class WebClient implements VitreApi {
  readonly #token: string;
  readonly #pending = new Map<number, (result: Result<unknown>) => void>();
  readonly #queue: InvokeMessage[] = [];
  readonly #listeners = new Map<EventName, Set<(payload: never) => void>>();
  readonly #stateListeners = new Set<(state: LinkState) => void>();
  #socket: WebSocket | undefined;
  #nextId = 1;
  #attempt = 0;
  #everOpened = false;
  state: LinkState = 'connecting';

  constructor(token: string) {
    this.#token = token;
    this.#open();
  }

  invoke<C extends CommandName>(command: C, input: unknown): Promise<Result<never>> {
    const message: InvokeMessage = { type: 'invoke', id: this.#nextId++, command, input };
    return new Promise((resolve) => {
      this.#pending.set(message.id, resolve as (result: Result<unknown>) => void);
      if (this.#socket?.readyState === WebSocket.OPEN) this.#socket.send(JSON.stringify(message));
      else this.#queue.push(message);
    });
  }

  on<E extends EventName>(event: E, listener: (payload: never) => void): () => void {
    const set = this.#listeners.get(event) ?? new Set();
    set.add(listener);
    this.#listeners.set(event, set);
    return () => set.delete(listener);
  }

  onState(listener: (state: LinkState) => void): () => void {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  }

  #setState(state: LinkState): void {
    this.state = state;
    for (const listener of this.#stateListeners) listener(state);
  }

  #open(): void {
    const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}${SOCKET_PATH}`;
    const socket = new WebSocket(url, [PROTOCOL, `${TOKEN_PREFIX}${this.#token}`]);
    this.#socket = socket;
    socket.addEventListener('open', () => {
      this.#attempt = 0;
      this.#everOpened = true;
      this.#setState('open');
      for (const message of this.#queue.splice(0)) socket.send(JSON.stringify(message));
    });
    socket.addEventListener('message', (event) => this.#receive(String(event.data)));
    socket.addEventListener('close', () => {
      // Refused from the start, again and again: the token is not this launch's (Vitre was
      // restarted, or the address was mistyped). Say which address to use.
      this.#setState(!this.#everOpened && this.#attempt >= 2 ? 'no-token' : 'closed');
      // Commands sent on a dead socket will never be answered: fail them so the screen can say so.
      const lost: ApiError = { kind: 'disconnected', message: 'Lost contact with Vitre. Reconnecting…' };
      for (const [id, resolve] of this.#pending) {
        if (!this.#queue.some((message) => message.id === id)) {
          this.#pending.delete(id);
          resolve({ ok: false, error: lost });
        }
      }
      const delay = RETRY_MS[Math.min(this.#attempt++, RETRY_MS.length - 1)];
      setTimeout(() => this.#open(), delay);
    });
  }

  #receive(text: string): void {
    const message = JSON.parse(text) as ServerMessage;
    if (message.type === 'result') {
      this.#pending.get(message.id)?.(message.result);
      this.#pending.delete(message.id);
      return;
    }
    for (const listener of this.#listeners.get(message.event) ?? []) listener(message.payload as never);
  }
}
