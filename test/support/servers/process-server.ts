// Shared plumbing for test servers that run as child processes: a free loopback port, waiting
// until the port answers, and stopping the process (and only it) afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { connectTcp, listenTcp } from '../../../main/core/net/tcp.ts';

/** A loopback port that was free a moment ago (the OS picks it). */
export async function freePort(): Promise<number> {
  const { server, port } = await listenTcp(() => undefined);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface RunningProcess {
  child: ChildProcess;
  /** What the process printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export function startProcess(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): RunningProcess {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    if (output.length < 20_000) output += chunk.toString('utf8');
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Resolves once 127.0.0.1:port accepts a connection; fails with the process's output otherwise. */
export async function waitForPort(port: number, running: RunningProcess, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (running.child.exitCode !== null) throw new Error(`${what} exited early:\n${running.output()}`);
    try {
      const socket = await connectTcp('127.0.0.1', port, { timeoutMs: 1_000 });
      socket.destroy();
      return;
    } catch {
      // Not listening yet: try again shortly.
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await running.stop();
  throw new Error(`${what} did not listen on port ${port} within ${timeoutMs} ms:\n${running.output()}`);
}
