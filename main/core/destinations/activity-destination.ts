// Stamps every request a destination makes with its purpose (which destination, which module)
// so the Activity view can say why it happened. The context is re-entered on every step of a
// stream, because a download's later requests (a resumed range) start from the reader's await.
import { Readable } from 'node:stream';
import { withActivityContext } from '../net/activity-context.ts';
import type { Purpose } from '../net/activity-record.ts';
import type { Destination, GetOptions, ObjectBody, ObjectInfo, PutOptions } from './destination.ts';

export class ActivityDestination implements Destination {
  readonly name: string;
  readonly #inner: Destination;
  readonly #purpose: Purpose;

  constructor(inner: Destination, purpose: Purpose) {
    this.#inner = inner;
    this.name = inner.name;
    this.#purpose = { destination: inner.name, ...purpose };
  }

  put(name: string, body: ObjectBody, options?: PutOptions): Promise<ObjectInfo> {
    return withActivityContext(this.#purpose, () => this.#inner.put(name, body, options));
  }

  async get(name: string, options?: GetOptions): Promise<Readable> {
    const stream = await withActivityContext(this.#purpose, () => this.#inner.get(name, options));
    return Readable.from(this.#within(stream), { objectMode: false });
  }

  stat(name: string, options?: { signal?: AbortSignal }): Promise<ObjectInfo> {
    return withActivityContext(this.#purpose, () => this.#inner.stat(name, options));
  }

  list(prefix: string, options?: { signal?: AbortSignal }): AsyncIterable<ObjectInfo> {
    return this.#within(this.#inner.list(prefix, options));
  }

  delete(name: string, options?: { signal?: AbortSignal }): Promise<void> {
    return withActivityContext(this.#purpose, () => this.#inner.delete(name, options));
  }

  close(): Promise<void> {
    return this.#inner.close();
  }

  async *#within<T>(source: AsyncIterable<T>): AsyncIterable<T> {
    const iterator = withActivityContext(this.#purpose, () => source[Symbol.asyncIterator]());
    try {
      for (;;) {
        const step = await withActivityContext(this.#purpose, () => iterator.next());
        if (step.done === true) return;
        yield step.value;
      }
    } finally {
      await withActivityContext(this.#purpose, async () => iterator.return?.());
    }
  }
}
