// DNS egress: a question names where Vitre is about to go, and the question itself leaves the
// computer, so lookups and resolver queries pass the policy too. Node exposes them in four places
// (the module, dns.promises, and both Resolver classes); the module's resolve* functions are
// copies bound at load time (lib/internal/dns/utils.js, bindDefaultResolver), so each place is
// wrapped on its own.
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';
import { makeRecord } from './activity-record.ts';
import { EgressBlockedError, THREAD, now, span, type GuardHooks } from './guard-hooks.ts';

type AnyFunction = (...args: unknown[]) => unknown;

const QUESTIONS: Record<string, string> = { lookup: 'A/AAAA', lookupService: 'PTR', reverse: 'PTR', resolve: 'A' };

function questionType(name: string, args: unknown[]): string {
  if (name === 'resolve' && typeof args[1] === 'string') return args[1];
  return QUESTIONS[name] ?? name.replace(/^resolve/, '').toUpperCase();
}

function answersOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((answer) => (typeof answer === 'string' ? answer : JSON.stringify(answer))).slice(0, 20);
}

function isDnsFunction(name: string): boolean {
  return name === 'lookup' || name === 'lookupService' || name === 'reverse' || name.startsWith('resolve');
}

export function guardDns(hooks: GuardHooks): () => void {
  const restores: (() => void)[] = [];
  const targets: [Record<string, unknown>, 'callback' | 'promise'][] = [
    [dns as unknown as Record<string, unknown>, 'callback'],
    [dns.Resolver.prototype as unknown as Record<string, unknown>, 'callback'],
    [dns.promises as unknown as Record<string, unknown>, 'promise'],
    [dns.promises.Resolver.prototype as unknown as Record<string, unknown>, 'promise'],
  ];
  for (const [target, style] of targets) {
    for (const name of Object.getOwnPropertyNames(target)) {
      const original = target[name];
      if (!isDnsFunction(name) || typeof original !== 'function') continue;
      const wrapped = style === 'callback' ? wrapCallback(hooks, name, original as AnyFunction) : wrapPromise(hooks, name, original as AnyFunction);
      target[name] = wrapped;
      restores.push(() => {
        if (target[name] === wrapped) target[name] = original;
      });
    }
  }
  // ESM imports of node:dns see the wrapped functions only after this (named exports are copies).
  syncBuiltinESMExports();
  return () => {
    restores.forEach((restore) => restore());
    syncBuiltinESMExports();
  };
}

function check(hooks: GuardHooks, name: string, args: unknown[]) {
  const host = String(args[0]);
  // Vitre never needs the name of an address, and a reverse question sends that address to the
  // resolver: it is decided as a question about a name no setting allows.
  const reverse = name === 'reverse' || name === 'lookupService';
  const attempt = { protocol: 'dns' as const, host: reverse ? `reverse of ${host}` : host, port: 0 };
  const decision = hooks.decide(attempt);
  const base = { kind: 'dns' as const, host, port: 53, protocol: 'dns', purpose: hooks.purpose(), thread: THREAD };
  return { attempt, decision, base, question: questionType(name, args), startedAt: now(), time: Date.now() };
}

function wrapCallback(hooks: GuardHooks, name: string, original: AnyFunction): AnyFunction {
  return function guardedDns(this: unknown, ...args: unknown[]): unknown {
    const asked = check(hooks, name, args);
    const callbackIndex = args.findLastIndex((a) => typeof a === 'function');
    const callback = args[callbackIndex] as AnyFunction | undefined;
    if (asked.decision.verdict === 'blocked') {
      hooks.record(makeRecord({ ...asked.base, time: asked.time, verdict: 'blocked', reason: asked.decision.reason, detail: { question: asked.question } }));
      const error = new EgressBlockedError(asked.attempt, asked.decision.reason);
      if (callback !== undefined) process.nextTick(() => callback(error));
      return undefined;
    }
    if (callback !== undefined) {
      args[callbackIndex] = (error: Error | null, ...results: unknown[]) => {
        hooks.record(makeRecord({
          ...asked.base, time: asked.time, verdict: 'allowed', reason: asked.decision.reason,
          timings: { dns: span(asked.startedAt, now()), connect: -1, tls: -1, firstByte: -1, total: span(asked.startedAt, now()) },
          detail: error ? { question: asked.question, error: error.message } : { question: asked.question, answers: answersOf(results[0]) },
        }));
        return callback(error, ...results);
      };
    }
    return original.apply(this, args);
  };
}

function wrapPromise(hooks: GuardHooks, name: string, original: AnyFunction): AnyFunction {
  return async function guardedDns(this: unknown, ...args: unknown[]): Promise<unknown> {
    const asked = check(hooks, name, args);
    if (asked.decision.verdict === 'blocked') {
      hooks.record(makeRecord({ ...asked.base, time: asked.time, verdict: 'blocked', reason: asked.decision.reason, detail: { question: asked.question } }));
      throw new EgressBlockedError(asked.attempt, asked.decision.reason);
    }
    const finish = (detail: object) =>
      hooks.record(makeRecord({
        ...asked.base, time: asked.time, verdict: 'allowed', reason: asked.decision.reason,
        timings: { dns: span(asked.startedAt, now()), connect: -1, tls: -1, firstByte: -1, total: span(asked.startedAt, now()) },
        detail: { question: asked.question, ...detail },
      }));
    try {
      const result = await original.apply(this, args);
      finish({ answers: answersOf(result) });
      return result;
    } catch (error) {
      finish({ error: (error as Error).message });
      throw error;
    }
  };
}
