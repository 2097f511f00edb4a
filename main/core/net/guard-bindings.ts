// The back door: process.binding('tcp_wrap') (and udp_wrap, cares_wrap, tls_wrap) hands out
// Node's native socket handles, whose connect() reaches the kernel without passing any of the
// JavaScript entry points the guard wraps (measured: TCP#connect from tcp_wrap returned 0 and
// connected). Node's own modules use internalBinding, never process.binding, so refusing these
// names costs no legitimate caller anything.
import { makeRecord } from './activity-record.ts';
import { EgressBlockedError, THREAD, type GuardHooks } from './guard-hooks.ts';

const NETWORK_BINDINGS = new Set(['tcp_wrap', 'udp_wrap', 'cares_wrap', 'tls_wrap', 'pipe_wrap', 'stream_wrap', 'js_stream']);

type Binding = (name: string) => unknown;

export function guardBindings(hooks: GuardHooks): () => void {
  const host = process as unknown as { binding: Binding };
  const original = host.binding;
  const guarded: Binding = function guardedBinding(this: unknown, name: string) {
    if (NETWORK_BINDINGS.has(name)) {
      const reason = `blocked: direct use of Node's native network binding "${name}" would bypass the guard`;
      hooks.record(makeRecord({ kind: 'tcp', verdict: 'blocked', reason, protocol: name, purpose: hooks.purpose(), thread: THREAD }));
      throw new EgressBlockedError({ protocol: 'tcp', host: name, port: 0 }, reason);
    }
    return original.call(this, name);
  };
  host.binding = guarded;
  return () => {
    if (host.binding === guarded) host.binding = original;
  };
}
