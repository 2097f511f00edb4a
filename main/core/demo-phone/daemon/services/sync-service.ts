// `sync:` — file transfer and listing. One request at a time, as AOSP file_sync_service.cpp
// handle_sync_command reads them: [id][u32 length][path].
import type { SimulatedPhone } from '../../phone.ts';
import type { DeviceStream } from '../device-stream.ts';
import { StreamClosedError } from '../device-stream.ts';
import { StreamOutput } from '../stream-output.ts';
import { sendListing } from './sync-list.ts';
import {
  ID_LIST,
  ID_LIST_V2,
  ID_LSTAT_V2,
  ID_QUIT,
  ID_RECV,
  ID_SEND,
  ID_STAT,
  ID_STAT_V2,
  SYNC_PATH_MAX,
  syncFail,
} from './sync-protocol.ts';
import { sendFile } from './sync-recv.ts';
import { receiveFile } from './sync-send.ts';
import { statReply } from './sync-stat.ts';

export async function runSyncService(stream: DeviceStream, phone: SimulatedPhone): Promise<void> {
  const output = new StreamOutput(stream);
  try {
    while (await handleRequest(stream, phone, output));
    await output.flush();
  } catch (error) {
    if (!(error instanceof StreamClosedError)) throw error;
    // The host went away mid-request (adb killed, connection lost): nobody is left to answer.
  } finally {
    stream.close();
  }
}

/** Answers one request; false ends the session (QUIT, a FAIL, or the host closing). */
async function handleRequest(stream: DeviceStream, phone: SimulatedPhone, output: StreamOutput): Promise<boolean> {
  const header = await stream.readExactly(8);
  if (header === null) return false;
  const view = Buffer.from(header.buffer, header.byteOffset, 8);
  const id = view.readUInt32LE(0);
  const length = view.readUInt32LE(4);
  if (length > SYNC_PATH_MAX) {
    await output.add(syncFail('path too long'));
    return false;
  }
  const pathBytes = await stream.readExactly(length);
  if (pathBytes === null) return false;
  const path = Buffer.from(pathBytes.buffer, pathBytes.byteOffset, pathBytes.length).toString('utf8');
  switch (id) {
    case ID_STAT:
    case ID_STAT_V2:
    case ID_LSTAT_V2:
      await output.add([statReply(phone, id, path)]);
      return true;
    case ID_LIST:
    case ID_LIST_V2:
      await sendListing(phone, path, id === ID_LIST_V2, output);
      return true;
    case ID_RECV:
      return sendFile(phone, path, output);
    case ID_SEND:
      return receiveFile(phone, path, stream, output);
    case ID_QUIT:
      return false;
    default:
      await output.add(syncFail(`unknown command ${id.toString(16).padStart(8, '0')}`));
      return false;
  }
}
