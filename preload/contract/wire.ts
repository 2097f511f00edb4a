// How the local web host and the interface talk over one WebSocket: the interface sends
// commands, the host answers each by id and pushes events. Browsers cannot put a header on a
// WebSocket, so the per-launch token travels as a second subprotocol: `vitre-token.<TOKEN>`.
import type { EventName } from './channels.ts';
import type { Result } from './result.ts';

export const WEB_SOCKET_PATH = '/api/socket';
export const WEB_PROTOCOL = 'vitre.v1';
export const TOKEN_PROTOCOL_PREFIX = 'vitre-token.';

export interface InvokeMessage {
  type: 'invoke';
  id: number;
  command: string;
  input: unknown;
}

export type ServerMessage =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; event: EventName; payload: unknown };
