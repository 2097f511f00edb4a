// SEND "path,mode" → DATA... → DONE mtime → OKAY or FAIL. AOSP file_sync_service.cpp do_send,
// handle_send_file, handle_send_fail: on failure adbd still reads up to DONE, then answers FAIL.
import { PhoneFileError } from '../../phone.ts';
import type { PhoneFileWriter, SimulatedPhone } from '../../phone.ts';
import type { DeviceStream } from '../device-stream.ts';
import type { StreamOutput } from '../stream-output.ts';
import { ID_DATA, ID_DONE, STRERROR, SYNC_DATA_MAX, idAndLength, syncFail } from './sync-protocol.ts';

type Step = { kind: 'data'; bytes: Uint8Array } | { kind: 'done'; mtime: number } | { kind: 'bad'; message: string };

/** Returns false after a FAIL or when the stream ended mid-push (adbd ends the session then). */
export async function receiveFile(
  phone: SimulatedPhone,
  spec: string,
  stream: DeviceStream,
  output: StreamOutput,
): Promise<boolean> {
  const comma = spec.lastIndexOf(',');
  if (comma < 0) return failAfterDrain(stream, output, 'missing , in ID_SEND');
  const path = spec.slice(0, comma);
  const mode = parseMode(spec.slice(comma + 1));
  let writer: PhoneFileWriter;
  try {
    writer = phone.files.create(path, mode);
  } catch (error) {
    if (!(error instanceof PhoneFileError)) throw error;
    return failAfterDrain(stream, output, `couldn't create file: ${STRERROR[error.errno]}`);
  }
  for (;;) {
    const step = await nextStep(stream);
    if (step === null) {
      writer.abort();
      return false;
    }
    if (step.kind === 'bad') {
      writer.abort();
      await output.add(syncFail(step.message));
      return false;
    }
    if (step.kind === 'done') {
      writer.finish(step.mtime);
      await output.add([idAndLength('OKAY', 0)]);
      return true;
    }
    writer.write(step.bytes);
  }
}

async function nextStep(stream: DeviceStream): Promise<Step | null> {
  const header = await stream.readExactly(8);
  if (header === null) return null;
  const view = Buffer.from(header.buffer, header.byteOffset, 8);
  const id = view.readUInt32LE(0);
  const value = view.readUInt32LE(4);
  if (id === ID_DONE) return { kind: 'done', mtime: value };
  if (id !== ID_DATA) return { kind: 'bad', message: 'invalid data message' };
  if (value > SYNC_DATA_MAX) return { kind: 'bad', message: 'oversize data message' };
  const bytes = await stream.readExactly(value);
  return bytes === null ? null : { kind: 'data', bytes };
}

/** Sends FAIL, then reads and drops the rest of the push so old hosts see it (adbd's `fail:`). */
async function failAfterDrain(stream: DeviceStream, output: StreamOutput, message: string): Promise<false> {
  await output.add(syncFail(message));
  for (;;) {
    const step = await nextStep(stream);
    if (step === null || step.kind !== 'data') return false;
  }
}

/** strtoul(text, nullptr, 0), as adbd reads the mode: decimal, 0-prefixed octal or 0x hex. */
function parseMode(text: string): number {
  const trimmed = text.trim();
  if (/^0x[0-9a-f]+$/i.test(trimmed)) return Number.parseInt(trimmed.slice(2), 16);
  if (/^0[0-7]*$/.test(trimmed)) return Number.parseInt(trimmed, 8);
  const decimal = Number.parseInt(trimmed, 10);
  return Number.isFinite(decimal) ? decimal : 0o100644;
}
