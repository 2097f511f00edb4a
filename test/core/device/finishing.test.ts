// When a pull or a listing tells its channel that its session is finishing (SyncChannel.finishing):
// a pull once, exactly when the listed size has arrived and before the DONE, never on a guess; a
// listing once its first part is in and more is to come. The channel here is a recording stand-in
// that replays the phone's replies as given; what a real channel does then is tested through
// Google's adb server (adb-server.test.ts).
import { describe, expect, it } from 'vitest';
import { pullInto, type PullTarget } from '../../../main/core/device/pull.ts';
import type { ChannelSink, SyncChannel } from '../../../main/core/device/sync/channel.ts';
import { listFolderV2 } from '../../../main/core/device/sync/list-folder.ts';
import { withDeadline } from '../../../main/core/device/deadline.ts';

const header = (id: string, length: number) => Buffer.concat([Buffer.from(id, 'latin1'), Buffer.from(Uint32Array.of(length).buffer)]);
const data = (text: string) => Buffer.concat([header('DATA', text.length), Buffer.from(text, 'latin1')]);
const DONE = header('DONE', 0);

/** Replays `replies` (one received chunk each) a turn after the request, noting what the pull said when. */
function recordingChannel(replies: Buffer[]): { channel: SyncChannel; events: string[] } {
  const events: string[] = [];
  let sink: ChannelSink | undefined;
  const channel: SyncChannel = {
    async write() {
      events.push('request');
      setImmediate(() => {
        for (const reply of replies) {
          events.push(`reply ${reply.subarray(0, 4).toString('latin1')}`);
          sink?.received(reply);
        }
      });
    },
    start: (s) => (sink = s),
    pause: () => undefined,
    resume: () => undefined,
    finishing: () => events.push('finishing'),
    close: () => events.push('closed'),
  };
  return { channel, events };
}

function collecting(size?: number): PullTarget {
  return { ...(size === undefined ? {} : { size }), take: () => true, ready: () => Promise.resolve() };
}

async function pull(replies: Buffer[], target: PullTarget): Promise<string[]> {
  const { channel, events } = recordingChannel(replies);
  await pullInto(async () => channel, '/sdcard/a.txt', target, { defaultTimeoutMs: 5_000 }, {}).catch((error: Error) => events.push(`failed: ${error.message}`));
  return events;
}

describe('a pull whose file size is known', () => {
  it('says the last bytes are in once, right after they arrive and before the DONE', async () => {
    expect(await pull([data('hello '), data('world'), DONE], collecting(11))).toEqual([
      'request',
      'reply DATA',
      'reply DATA',
      'finishing',
      'reply DONE',
      'closed',
    ]);
  });

  it('says so right after the request for an empty file', async () => {
    expect(await pull([DONE], collecting(0))).toEqual(['request', 'finishing', 'reply DONE', 'closed']);
  });

  it('says nothing when the phone sends less than listed (the file shrank), or the size is unknown', async () => {
    expect(await pull([data('hello'), DONE], collecting(11))).toEqual(['request', 'reply DATA', 'reply DONE', 'closed']);
    expect(await pull([data('hello'), DONE], collecting())).toEqual(['request', 'reply DATA', 'reply DONE', 'closed']);
  });

  it('says nothing when the phone refuses the file', async () => {
    const events = await pull([Buffer.concat([header('FAIL', 9), Buffer.from('No access', 'latin1')])], collecting(11));
    expect(events).not.toContain('finishing');
    expect(events.at(-1)).toMatch(/^failed: /);
  });
});

/** A LIS2 record: the 76-byte dent_v2 header (name length last), then the name. */
function entry(id: 'DNT2' | 'DONE', name = ''): Buffer {
  const header = Buffer.alloc(76);
  header.write(id, 0, 'latin1');
  header.writeUInt32LE(0o100644, 24);
  header.writeUInt32LE(Buffer.byteLength(name), 72);
  return Buffer.concat([header, Buffer.from(name)]);
}

async function list(replies: Buffer[]): Promise<{ names: string[]; events: string[] }> {
  const { channel, events } = recordingChannel(replies);
  const listed = await withDeadline({ what: 'Listing', defaultTimeoutMs: 5_000 }, {}, (context) => listFolderV2(async () => channel, '/sdcard/DCIM', context));
  return { names: listed.map((e) => e.name), events };
}

describe('a listing', () => {
  it('says its session is finishing once its first part is in and more is to come', async () => {
    const { names, events } = await list([entry('DNT2', '.'), Buffer.concat([entry('DNT2', 'a.jpg'), entry('DNT2', 'b.jpg')]), entry('DONE')]);
    expect(names).toEqual(['a.jpg', 'b.jpg']);
    expect(events).toEqual(['request', 'reply DNT2', 'finishing', 'reply DNT2', 'finishing', 'reply DONE', 'closed']);
  });

  it('says nothing when the whole listing comes at once', async () => {
    const { names, events } = await list([Buffer.concat([entry('DNT2', '.'), entry('DNT2', 'a.jpg'), entry('DONE')])]);
    expect(names).toEqual(['a.jpg']);
    expect(events).toEqual(['request', 'reply DNT2', 'closed']);
  });
});
