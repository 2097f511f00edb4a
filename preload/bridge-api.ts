// The API the preload hands to the page: exactly the contract's commands and events, over IPC.
// Channel names come from the contract and anything else is refused here, before IPC (the main
// process checks again). No logic beyond that lives in the preload.
import type { EventMessage, VitreApi } from './contract/api.ts';
import { commandChannel, EVENT_CHANNEL, isCommandName, isEventName } from './contract/channels.ts';
import type { Result } from './contract/result.ts';

/** The part of ipcRenderer the bridge uses. */
export interface BridgeIpc {
  invoke(channel: string, input: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, message: EventMessage) => void): void;
  removeListener(channel: string, listener: (event: unknown, message: EventMessage) => void): void;
}

export function createBridgeApi(ipc: BridgeIpc): VitreApi {
  return {
    invoke(command, input) {
      if (!isCommandName(command)) {
        const refused: Result<never> = { ok: false, error: { kind: 'invalid-input', message: `Unknown command "${String(command)}".` } };
        return Promise.resolve(refused);
      }
      return ipc.invoke(commandChannel(command), input) as Promise<Result<never>>;
    },
    on(event, listener) {
      if (!isEventName(event)) return () => undefined;
      const relay = (_event: unknown, message: EventMessage) => {
        if (message.event === event) listener(message.payload as never);
      };
      ipc.on(EVENT_CHANNEL, relay);
      return () => ipc.removeListener(EVENT_CHANNEL, relay);
    },
  };
}
