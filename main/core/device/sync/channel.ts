// A sync session as a plain byte channel: what a fast pull needs and nothing more. Received bytes
// are pushed to a sink as they arrive (no promise per chunk); the reader applies backpressure
// with pause/resume, which for a socket means TCP flow control and for an ADB stream a delayed
// OKAY, exactly as `adb pull` gets it from the kernel.

import type { ReadLanding } from '../../net/tcp.ts';

export interface ChannelSink {
  /** `chunk` is valid only during the call (the channel may reuse its memory): copy what you keep. */
  received(chunk: Uint8Array): void;
  /**
   * Memory for the next read to land in (ReadInto in net/tcp.ts); its bytes then come to
   * `received` as a view of it. Undefined: the channel's own buffer. Of the bytes to come,
   * `bytesLeft` are this sink's before `trailer` bytes of the channel's own framing (a packet
   * header on a direct connection); past those, anything (the landing must end there).
   */
  landing?(bytesLeft: number, trailer: number): ReadLanding | undefined;
  /** The other end closed the channel cleanly. */
  end(): void;
  error(cause: unknown): void;
}

export interface SyncChannel {
  write(bytes: Uint8Array): Promise<void>;
  /** Starts delivering received bytes to `sink`; call once. */
  start(sink: ChannelSink): void;
  pause(): void;
  resume(): void;
  /**
   * The request being answered is this session's last, and the rest of its answer may be held
   * back until the other end hears from us: a channel for which that is so speaks now
   * (ServerChannel). Called where the wait would come: after a file's last bytes (before its
   * DONE), after a listing's first part. Saying it more than once changes nothing.
   */
  finishing?(): void;
  /** Frees the channel; safe to call more than once, and after the other end is gone. */
  close(): void;
}

/** Opens a fresh `sync:` session on the phone. */
export type SyncChannelOpener = () => Promise<SyncChannel>;
