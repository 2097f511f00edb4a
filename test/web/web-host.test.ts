// The local web host's door: the token, the Host and Origin checks (DNS rebinding), the CSP, and
// loopback-only listening, checked with real HTTP and WebSocket requests.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../main/core/api/create-api.ts';
import { connectTcp } from '../../main/core/net/tcp.ts';
import { startWebHost, type WebHost } from '../../main/web/web-host.ts';
import { noPhones } from './no-phones.ts';
import { rawGet, rawUpgrade } from './raw-http.ts';

let host: WebHost;
let rendererDir: string;
const api = createApi(noPhones());

beforeAll(async () => {
  rendererDir = mkdtempSync(join(tmpdir(), 'vitre-web-'));
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Vitre</title>');
  writeFileSync(join(rendererDir, 'assets', 'app-1234.js'), 'export {};');
  writeFileSync(join(rendererDir, '.secret'), 'hidden');
  host = await startWebHost({ api, rendererDir });
});

afterAll(async () => {
  await host.close();
  await api.close();
  rmSync(rendererDir, { recursive: true, force: true });
});

const own = () => `127.0.0.1:${host.port}`;

describe('listening', () => {
  it('listens on 127.0.0.1 and prints a URL carrying the token in the fragment', () => {
    expect(host.host).toBe('127.0.0.1');
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${host.token}`);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('cannot be reached on this computer’s network addresses', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((entry) => entry !== undefined && !entry.internal && entry.family === 'IPv4')
      .map((entry) => entry!.address);
    for (const address of external) {
      await expect(connectTcp(address, host.port, { timeoutMs: 2_000 })).rejects.toThrow();
    }
  });

  it('refuses a non-loopback address unless the network is explicitly allowed', async () => {
    await expect(startWebHost({ api, rendererDir, host: '0.0.0.0' })).rejects.toThrow(/only this computer/);
  });

  it('draws a new token on every launch', async () => {
    const second = await startWebHost({ api, rendererDir });
    try {
      expect(second.token).not.toBe(host.token);
    } finally {
      await second.close();
    }
  });
});

describe('HTTP', () => {
  it('serves the interface with a strict CSP to its own Host', async () => {
    const response = await rawGet(host.port, '/', { Host: own() });
    expect(response.status).toBe(200);
    expect(response.body).toContain('<title>Vitre</title>');
    const csp = response.headers['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${host.port}`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('accepts localhost as a name for itself', async () => {
    expect((await rawGet(host.port, '/', { Host: `localhost:${host.port}` })).status).toBe(200);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    for (const name of ['evil.example', `evil.example:${host.port}`, '127.0.0.1:1', '']) {
      const response = await rawGet(host.port, '/', { Host: name });
      expect(response.status, `Host: ${name}`).toBe(403);
      expect(response.body).not.toContain('<title>');
    }
  });

  it('refuses a request with no Host header', async () => {
    const response = await rawGet(host.port, '/', {});
    expect([400, 403]).toContain(response.status);
  });

  it('refuses a foreign Origin', async () => {
    const response = await rawGet(host.port, '/', { Host: own(), Origin: 'http://evil.example' });
    expect(response.status).toBe(403);
  });

  it('refuses API requests without the token, and with a wrong one', async () => {
    expect((await rawGet(host.port, '/api/commands/devices.list', { Host: own() })).status).toBe(401);
    const wrong = await rawGet(host.port, '/api/commands/devices.list', { Host: own(), Authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    const right = await rawGet(host.port, '/api/commands/devices.list', { Host: own(), Authorization: `Bearer ${host.token}` });
    expect(right.status).toBe(404);
  });

  it('never serves files outside the interface folder or hidden files', async () => {
    for (const path of ['/../../../../etc/passwd', '/..%2f..%2f..%2f..%2fetc%2fpasswd', '/.secret', '/assets/../.secret']) {
      const response = await rawGet(host.port, path, { Host: own() });
      expect(response.body, path).not.toContain('root:');
      expect(response.body, path).not.toContain('hidden');
    }
  });

  it('serves hashed assets as immutable and the page as revalidated', async () => {
    const asset = await rawGet(host.port, '/assets/app-1234.js', { Host: own() });
    expect(asset.headers['content-type']).toContain('text/javascript');
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await rawGet(host.port, '/devices', { Host: own() })).headers['cache-control']).toBe('no-cache');
  });
});

describe('WebSocket', () => {
  const protocols = (token: string) => `vitre.v1, vitre-token.${token}`;

  it('accepts the handshake with the token from its own origin', async () => {
    const response = await rawUpgrade(host.port, {
      Host: own(),
      Origin: `http://${own()}`,
      'Sec-WebSocket-Protocol': protocols(host.token),
    });
    expect(response.status).toBe(101);
    expect(response.headers['sec-websocket-protocol']).toBe('vitre.v1');
  });

  it('refuses the handshake without the token or with a wrong one', async () => {
    expect((await rawUpgrade(host.port, { Host: own(), 'Sec-WebSocket-Protocol': 'vitre.v1' })).status).toBe(401);
    expect((await rawUpgrade(host.port, { Host: own(), 'Sec-WebSocket-Protocol': protocols('x'.repeat(43)) })).status).toBe(401);
  });

  it('refuses the handshake from a foreign Origin even with the token', async () => {
    const response = await rawUpgrade(host.port, {
      Host: own(),
      Origin: 'http://evil.example',
      'Sec-WebSocket-Protocol': protocols(host.token),
    });
    expect(response.status).toBe(403);
  });

  it('refuses the handshake with a foreign Host even with the token', async () => {
    const response = await rawUpgrade(host.port, {
      Host: `evil.example:${host.port}`,
      'Sec-WebSocket-Protocol': protocols(host.token),
    });
    expect(response.status).toBe(403);
  });

  it('runs commands and answers with result values', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${host.port}/api/socket`, ['vitre.v1', `vitre-token.${host.token}`]);
    const answers = new Map<number, unknown>();
    const opened = new Promise((resolve, reject) => {
      socket.addEventListener('open', resolve);
      socket.addEventListener('error', reject);
    });
    const received = new Promise<void>((resolve) => {
      socket.addEventListener('message', (event) => {
        const message = JSON.parse(String(event.data)) as { id: number; result: unknown };
        answers.set(message.id, message.result);
        if (answers.size === 3) resolve();
      });
    });
    await opened;
    socket.send(JSON.stringify({ type: 'invoke', id: 1, command: 'devices.list', input: {} }));
    socket.send(JSON.stringify({ type: 'invoke', id: 2, command: 'files.delete-everything', input: {} }));
    socket.send(JSON.stringify({ type: 'invoke', id: 3, command: 'devices.connect', input: { address: 'not an address!' } }));
    await received;
    socket.close();
    expect(answers.get(1)).toEqual({ ok: true, value: { devices: [], problems: [], demoRunning: false } });
    expect(answers.get(2)).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(answers.get(3)).toMatchObject({ ok: false, error: { kind: 'invalid-input', message: expect.stringContaining('HOST:PORT') } });
  });
});
