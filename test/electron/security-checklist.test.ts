// Electron's security checklist, held to account without an Electron runtime: the window options,
// the navigation, window-open, permission and web-request policies, the IPC sender check, the
// preload's channel allow-list and the app:// protocol handler, all as the main process uses them.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBridgeApi, type BridgeIpc } from '../../preload/bridge-api.ts';
import { COMMAND_NAMES, commandChannel } from '../../preload/contract/channels.ts';
import { createApi } from '../../main/core/api/create-api.ts';
import { APP_ENTRY, APP_SCHEME_PRIVILEGES } from '../../main/electron/app-origin.ts';
import { appProtocolResponse } from '../../main/electron/app-protocol.ts';
import { connectIpc } from '../../main/electron/ipc-bridge.ts';
import { isTrustedSender } from '../../main/electron/ipc-sender.ts';
import { shouldBlockNavigation, windowOpenDecision } from '../../main/electron/navigation-policy.ts';
import { devicePermissionHandler, permissionCheckHandler, permissionRequestHandler } from '../../main/electron/permission-policy.ts';
import { secretBox } from '../../main/electron/secrets.ts';
import { webRequestVerdict } from '../../main/electron/web-request-policy.ts';
import { mainWindowOptions } from '../../main/electron/window-options.ts';
import { quietChromiumSession, quietChromiumSwitches } from '../../main/electron/quiet-chromium.ts';
import { noPhones } from '../web/no-phones.ts';

describe('the window', () => {
  const options = mainWindowOptions('/app/preload/bridge.cjs');
  it('isolates the page: context isolation, sandbox, no Node anywhere', () => {
    expect(options.webPreferences).toMatchObject({
      preload: '/app/preload/bridge.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    });
  });

  it('keeps web security on and risky features off', () => {
    expect(options.webPreferences).toMatchObject({
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      enableBlinkFeatures: '',
      webviewTag: false,
      navigateOnDragDrop: false,
    });
  });

  it('loads the interface from app://, a privileged standard scheme, not file://', () => {
    expect(APP_ENTRY).toBe('app://vitre/index.html');
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true });
  });
});

describe('navigation and new windows', () => {
  it('stays on the app', () => {
    expect(shouldBlockNavigation('app://vitre/index.html')).toBe(false);
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other/index.html', 'javascript:alert(1)', 'not a url']) {
      expect(shouldBlockNavigation(url), url).toBe(true);
    }
  });

  it('never opens a window; https links go to the user’s browser, nothing else does', () => {
    const opened: string[] = [];
    const open = (url: string) => opened.push(url);
    expect(windowOpenDecision({ url: 'https://example.org/help' }, open)).toEqual({ action: 'deny' });
    expect(windowOpenDecision({ url: 'file:///etc/passwd' }, open)).toEqual({ action: 'deny' });
    expect(windowOpenDecision({ url: 'app://vitre/index.html' }, open)).toEqual({ action: 'deny' });
    expect(windowOpenDecision({ url: 'smb://share/x' }, open)).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://example.org/help']);
  });
});

describe('permissions', () => {
  it('denies every permission request and check', () => {
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'usb', 'hid', 'serial', 'clipboard-read', 'fullscreen']) {
      permissionRequestHandler(undefined, permission, (granted) => answers.push(granted));
    }
    expect(answers).toEqual(Array(8).fill(false));
    expect(permissionCheckHandler()).toBe(false);
    expect(devicePermissionHandler()).toBe(false);
  });
});

describe('what the window may fetch', () => {
  it('lets the app load its own files', () => {
    expect(webRequestVerdict({ url: 'app://vitre/assets/index.js', method: 'GET' })).toEqual({ cancel: false });
  });

  it('blocks the network and records the attempt for the Activity log', () => {
    const verdict = webRequestVerdict({ url: 'https://tracker.example:8443/collect?id=1', method: 'POST' });
    expect(verdict.cancel).toBe(true);
    expect(verdict.record).toMatchObject({ host: 'tracker.example', port: 8443, method: 'POST' });
    expect(webRequestVerdict({ url: 'http://192.168.1.1/', method: 'GET' }).record?.port).toBe(80);
    expect(webRequestVerdict({ url: 'wss://push.example/', method: 'GET' }).cancel).toBe(true);
  });
});

describe('IPC', () => {
  const frame = (url: string, parent: unknown = null) => ({ url, parent }) as never;

  it('accepts only the app window’s top frame showing the app', () => {
    const trusted = { webContentsId: 7 };
    expect(isTrustedSender({ sender: { id: 7 }, senderFrame: frame('app://vitre/index.html') }, trusted)).toBe(true);
    expect(isTrustedSender({ sender: { id: 8 }, senderFrame: frame('app://vitre/index.html') }, trusted)).toBe(false);
    expect(isTrustedSender({ sender: { id: 7 }, senderFrame: frame('https://evil.example/') }, trusted)).toBe(false);
    expect(isTrustedSender({ sender: { id: 7 }, senderFrame: frame('app://vitre/x.html', {}) }, trusted)).toBe(false);
    expect(isTrustedSender({ sender: { id: 7 }, senderFrame: null }, trusted)).toBe(false);
  });

  it('handles exactly the contract’s commands and refuses other senders', async () => {
    const handlers = new Map<string, (event: unknown, input: unknown) => unknown>();
    const ipcMain = {
      handle: (channel: string, handler: (event: unknown, input: unknown) => unknown) => handlers.set(channel, handler),
      removeHandler: (channel: string) => handlers.delete(channel),
    };
    const sent: unknown[] = [];
    const contents = { id: 3, isDestroyed: () => false, send: (_channel: string, message: unknown) => sent.push(message) };
    const api = createApi(noPhones());
    const disconnect = connectIpc(ipcMain as never, api, contents as never);
    expect([...handlers.keys()].sort()).toEqual(COMMAND_NAMES.map(commandChannel).sort());
    const list = handlers.get(commandChannel('devices.list'))!;
    expect(await list({ sender: { id: 3 }, senderFrame: frame('app://vitre/index.html') }, {})).toMatchObject({ ok: true });
    expect(await list({ sender: { id: 3 }, senderFrame: frame('https://evil.example/') }, {})).toMatchObject({ ok: false, error: { kind: 'refused' } });
    disconnect();
    expect(handlers.size).toBe(0);
    await api.close();
  });

  it('the preload refuses channels outside the contract before they reach IPC', async () => {
    const calls: string[] = [];
    const ipc: BridgeIpc = {
      invoke: (channel) => (calls.push(channel), Promise.resolve({ ok: true, value: null })),
      on: (channel) => void calls.push(`on ${channel}`),
      removeListener: () => undefined,
    };
    const bridge = createBridgeApi(ipc);
    expect(await bridge.invoke('shell.exec' as never, {} as never)).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(bridge.on('anything' as never, () => undefined)).toBeTypeOf('function');
    await bridge.invoke('devices.list', {});
    expect(calls).toEqual(['vitre:command:devices.list']);
  });
});

describe('app:// files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vitre-app-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Vitre</title>');
    writeFileSync(join(dir, 'assets', 'a.js'), 'export {};');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves the interface with the strict CSP', async () => {
    const response = await appProtocolResponse('app://vitre/index.html', dir);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('content-security-policy')).not.toContain('unsafe');
    expect((await appProtocolResponse('app://vitre/assets/a.js', dir)).headers.get('content-type')).toContain('javascript');
  });

  it('never serves anything outside the interface folder', async () => {
    for (const url of ['app://vitre/../../etc/passwd', 'app://vitre/%2e%2e/%2e%2e/etc/passwd', 'app://vitre/..%2f..%2fetc%2fpasswd', 'app://other/index.html', 'app://vitre/missing.js']) {
      expect((await appProtocolResponse(url, dir)).status, url).toBe(404);
    }
  });
});

describe('secrets', () => {
  it('seals through the keychain and refuses to store anything without one', () => {
    const keychain = { isEncryptionAvailable: () => true, encryptString: (s: string) => Buffer.from([...s].reverse().join('')), decryptString: (b: Buffer) => [...b.toString()].reverse().join('') };
    const box = secretBox(keychain);
    expect(box.open(box.seal('hunter2'))).toBe('hunter2');
    const none = secretBox({ ...keychain, isEncryptionAvailable: () => false });
    expect(() => none.seal('hunter2')).toThrow(/no keychain/);
  });
});

describe("Chromium's background services", () => {
  it('are switched off before start-up: background networking, component updates, pings, DNS prefetch, safe browsing', () => {
    const switches: Array<[string, string | undefined]> = [];
    quietChromiumSwitches({ commandLine: { appendSwitch: (name: string, value?: string) => void switches.push([name, value]) } } as never);
    const names = switches.map(([name]) => name);
    for (const name of ['disable-background-networking', 'disable-component-update', 'disable-domain-reliability', 'no-pings', 'dns-prefetch-disable']) {
      expect(names).toContain(name);
    }
    expect(switches.find(([name]) => name === 'disable-features')?.[1]).toMatch(/SafeBrowsing.*DnsOverHttps/);
  });

  it('resolve names without secure DNS and never download spellchecker dictionaries', () => {
    const calls: unknown[] = [];
    quietChromiumSession(
      { configureHostResolver: (options: unknown) => void calls.push(['resolver', options]) } as never,
      { setSpellCheckerEnabled: (enabled: boolean) => void calls.push(['spellcheck', enabled]) } as never,
    );
    expect(calls).toContainEqual(['resolver', expect.objectContaining({ secureDnsMode: 'off' })]);
    expect(calls).toContainEqual(['spellcheck', false]);
  });
});
