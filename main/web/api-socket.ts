// The API over one WebSocket per open window: commands in, results and events out. Input is
// untrusted JSON; the API validates it against the contract, this file only checks the envelope.
import type { WebSocket } from 'ws';
import type { Api } from '../core/api/create-api.ts';
import type { InvokeMessage, ServerMessage } from '../../preload/contract/wire.ts';

/** A window has no reason to run more commands at once than this; more is a runaway client. */
const MAX_IN_FLIGHT = 32;

export function serveApiSocket(socket: WebSocket, api: Api): void {
  let inFlight = 0;
  const send = (message: ServerMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const unsubscribe = api.subscribe((message) => send({ type: 'event', event: message.event, payload: message.payload }));
  socket.on('close', unsubscribe);

  socket.on('message', (data, isBinary) => {
    const message = isBinary ? undefined : parseInvoke(data.toString());
    if (message === undefined) {
      socket.close(1003, 'Expected a JSON invoke message.');
      return;
    }
    if (inFlight >= MAX_IN_FLIGHT) {
      send({ type: 'result', id: message.id, result: { ok: false, error: { kind: 'refused', message: 'Too many requests at once. Wait for the current ones to finish.' } } });
      return;
    }
    inFlight += 1;
    void api
      .invoke(message.command, message.input)
      .then((result) => send({ type: 'result', id: message.id, result }))
      .finally(() => {
        inFlight -= 1;
      });
  });
}

function parseInvoke(text: string): InvokeMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Not JSON: the caller closes the socket with a protocol error.
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { type, id, command, input } = value as Record<string, unknown>;
  if (type !== 'invoke' || typeof id !== 'number' || !Number.isSafeInteger(id) || typeof command !== 'string') return undefined;
  return { type, id, command, input };
}
