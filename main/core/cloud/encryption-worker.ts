// A worker thread that reads, checks and encrypts objects for the upload (encryption-workers.ts),
// so hashing and ChaCha20-Poly1305 run beside the thread that moves bytes to the network. Each
// piece's memory is transferred, not copied.
import { parentPort } from 'node:worker_threads';
import { encryptFrom } from '../crypto/encrypt-from.ts';
import { checkedFile, verifiedFirst } from './checked-file.ts';
import { PIECES_AHEAD, type FromWorker, type SentError, type ToWorker } from './encryption-messages.ts';

interface Job {
  credit: number;
  cancelled: boolean;
  wake?: () => void;
}

const port = parentPort!;
const jobs = new Map<number, Job>();

port.on('message', (message: ToWorker) => {
  if (message.type === 'start') {
    const job: Job = { credit: PIECES_AHEAD, cancelled: false };
    jobs.set(message.id, job);
    const { file, expected } = message;
    const source = message.checkFirst ? verifiedFirst(file, expected) : checkedFile(file, expected);
    void run(message.id, job, encryptFrom(message.start, source));
    return;
  }
  const job = jobs.get(message.id);
  if (job === undefined) return;
  if (message.type === 'ack') job.credit += 1;
  else job.cancelled = true;
  job.wake?.();
});

async function run(id: number, job: Job, pieces: AsyncGenerator<Uint8Array>): Promise<void> {
  try {
    for (;;) {
      while (job.credit === 0 && !job.cancelled) await new Promise<void>((resolve) => (job.wake = resolve));
      job.wake = undefined;
      if (job.cancelled) return;
      const next = await pieces.next();
      if (next.done === true) {
        send({ type: 'end', id });
        return;
      }
      job.credit -= 1;
      const bytes = ownBuffer(next.value);
      port.postMessage({ type: 'piece', id, bytes } satisfies FromWorker, [bytes.buffer as ArrayBuffer]);
    }
  } catch (error) {
    send({ type: 'error', id, error: sentError(error) });
  } finally {
    jobs.delete(id);
    // Closes the file when the upload stopped early.
    await pieces.return(undefined).catch(() => undefined);
  }
}

function send(message: FromWorker): void {
  port.postMessage(message);
}

/** A piece that owns all of its memory, so the memory can be transferred (small Buffers share a pool). */
function ownBuffer(piece: Uint8Array): Uint8Array {
  if (piece.byteOffset === 0 && piece.byteLength === piece.buffer.byteLength && piece.buffer instanceof ArrayBuffer) return piece;
  return new Uint8Array(piece);
}

function sentError(error: unknown): SentError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const { kind, code } = error as { kind?: unknown; code?: unknown };
  return {
    name: error.name, message: error.message,
    ...(typeof kind === 'string' ? { kind } : {}), ...(typeof code === 'string' ? { code } : {}),
  };
}
