import { describe, expect, it } from 'vitest';
import { makePhone, sh } from '../test-phone.ts';

describe('simulated shell commands', () => {
  const phone = makePhone({ seed: 21, photos: 6 });

  it('prints properties like getprop', async () => {
    const all = await sh(phone, 'getprop');
    expect(all.stdout).toMatch(/^\[[\w.]+\]: \[.*\]$/m);
    expect(all.stdout).toContain('[ro.product.model]: [Pixel 8]\n');
    expect(all.stdout).toContain('[ro.build.version.sdk]: [35]\n');
    expect((await sh(phone, 'getprop ro.product.manufacturer')).stdout).toBe('Google\n');
    expect((await sh(phone, 'getprop no.such.key')).stdout).toBe('\n');
    const miui = makePhone({ profile: 'miui' });
    expect((await sh(miui, 'getprop ro.product.brand')).stdout).toBe('Redmi\n');
    expect((await sh(miui, 'getprop ro.build.version.release')).stdout).toBe('14\n');
  });

  it('answers an unknown command like mksh, with exit status 127', async () => {
    expect(await sh(phone, 'frobnicate --now')).toMatchObject({ stdout: '', stderr: '/system/bin/sh: frobnicate: inaccessible or not found\n', exit: 127 });
  });

  it('runs sequences, conditionals, exit statuses and sh -c', async () => {
    expect((await sh(phone, 'false; echo $?')).stdout).toBe('1\n');
    expect((await sh(phone, 'false && echo no || echo yes')).stdout).toBe('yes\n');
    expect((await sh(phone, 'exit 3; echo never')).exit).toBe(3);
    expect((await sh(phone, `sh -c 'echo "in sub shell"; exit 4'`))).toMatchObject({ stdout: 'in sub shell\n', exit: 4 });
    expect((await sh(phone, 'true')).exit).toBe(0);
    expect((await sh(phone, 'id')).stdout).toMatch(/^uid=2000\(shell\) gid=2000\(shell\) groups=/);
  });

  it('applies redirections and pipes', async () => {
    expect(await sh(phone, 'ls /nonexistent 2>/dev/null')).toMatchObject({ stdout: '', stderr: '', exit: 1 });
    expect((await sh(phone, 'ls /nonexistent 2>&1')).stdout).toBe('ls: /nonexistent: No such file or directory\n');
    expect((await sh(phone, 'pm list packages | grep whatsapp')).stdout).toBe('package:com.whatsapp\n');
    expect((await sh(phone, 'ls /sdcard/DCIM/Camera | wc -l')).stdout).toBe(`${phone.files.list('/sdcard/DCIM/Camera').length}\n`);
  });

  it('lists directories like toybox ls', async () => {
    const long = await sh(phone, 'ls -la /sdcard/');
    const lines = long.stdout.split('\n');
    expect(lines[0]).toMatch(/^total \d+$/);
    expect(lines[1]).toMatch(/^drwxrwx--x \d+ root\s+everybody 3452 \d{4}-\d\d-\d\d \d\d:\d\d \.$/);
    expect(long.stdout).toMatch(/^drwxrwx--x \d+ root\s+everybody 3452 [\d-]+ [\d:]+ DCIM$/m);
    expect((await sh(phone, 'ls -l /sdcard')).stdout).toMatch(/^lrwxrwxrwx 1 root root 21 2009-01-01 00:00 \/sdcard -> \/storage\/self\/primary\n$/);
    expect((await sh(phone, 'ls /sdcard/Documents')).stdout).toContain('Lease agreement.pdf\n');
    expect((await sh(phone, 'ls /data')).stderr).toBe('ls: /data: Permission denied\n');
    const globbed = await sh(phone, 'ls /sdcard/DCIM/Camera/IMG_*.jpg');
    expect(globbed.stdout.trim().split('\n')).toHaveLength(6);
  });

  it('stats files with -c formats', async () => {
    const name = phone.files.list('/sdcard/DCIM/Camera').find((e) => e.name.startsWith('IMG_'))?.name as string;
    const path = `/sdcard/DCIM/Camera/${name}`;
    const info = phone.files.stat(path);
    const result = await sh(phone, `stat -c '%s %Y %a %F %U:%G %n' ${path}`);
    expect(result.stdout).toBe(`${info.size} ${info.mtime} 660 regular file u0_a158:everybody ${path}\n`);
    expect((await sh(phone, 'stat -c %N /sdcard')).stdout).toBe("'/sdcard' -> '/storage/self/primary'\n");
    expect((await sh(phone, 'stat -L -c %F /sdcard')).stdout).toBe('directory\n');
  });

  it('reports disk space, battery and settings', async () => {
    const df = await sh(phone, 'df -k /sdcard');
    expect(df.stdout).toMatch(/^Filesystem\s+1K-blocks\s+Used\s+Available\s+Use%\s+Mounted on\n\/dev\/fuse\s+\d+\s+\d+\s+\d+\s+\d+% \/storage\/emulated\n$/);
    expect((await sh(phone, 'df /data')).stdout).toMatch(/\/dev\/block\/dm-\d+\s+\d+\s+\d+\s+\d+\s+\d+% \/data\n$/);
    const battery = await sh(phone, 'dumpsys battery');
    expect(battery.stdout).toMatch(/^Current Battery Service state:\n/);
    expect(battery.stdout).toMatch(/\n {2}level: \d+\n/);
    expect((await sh(phone, 'settings get global device_name')).stdout).toBe('Pixel 8\n');
    expect((await sh(phone, 'settings get secure no_such_setting')).stdout).toBe('null\n');
    expect((await sh(phone, 'am start -a android.intent.action.VIEW -d https://example.org')).stdout).toMatch(/^Starting: Intent \{/);
  });

  it('lists apps with pm, split APKs included', async () => {
    const all = await sh(phone, 'pm list packages -f -U');
    for (const line of all.stdout.trim().split('\n')) expect(line).toMatch(/^package:\/.+\.apk=[\w.]+ uid:\d+$/);
    const third = await sh(phone, 'pm list packages -3');
    expect(third.stdout).toContain('package:com.whatsapp\n');
    expect(third.stdout).not.toContain('com.android.shell');
    const installers = await sh(phone, 'pm list packages -3 -i');
    expect(installers.stdout).toContain('package:com.whatsapp  installer=com.android.vending\n');
    const paths = await sh(phone, 'pm path com.instagram.android');
    expect(paths.stdout).toMatch(/^package:\/data\/app\/~~[\w-]+==\/com\.instagram\.android-[\w-]+==\/base\.apk\npackage:.*\/split_config\.arm64_v8a\.apk\n/);
    const dump = await sh(phone, 'dumpsys package com.whatsapp');
    expect(dump.stdout).toContain('versionName=2.24.21.88\n');
    expect(dump.stdout).toMatch(/versionCode=242188005 /);
    expect(dump.stdout).toContain('installerPackageName=com.android.vending\n');
    expect((await sh(phone, 'pm path no.such.app')).exit).toBe(1);
  });

  it('keeps pushed files, creates folders and removes files', async () => {
    const own = makePhone({ seed: 4 });
    const writer = own.files.create('/sdcard/Download/pushed.txt', 0o100644);
    writer.write(new TextEncoder().encode('hello '));
    writer.write(new TextEncoder().encode('phone'));
    expect(own.files.list('/sdcard/Download').some((e) => e.name === 'pushed.txt')).toBe(false);
    writer.finish(1_700_000_000);
    expect(own.files.stat('/storage/emulated/0/Download/pushed.txt')).toMatchObject({ size: 11, mtime: 1_700_000_000 });
    expect((await sh(own, 'cat /sdcard/Download/pushed.txt')).stdout).toBe('hello phone');
    expect((await sh(own, 'mkdir -p /sdcard/A/B/C && ls /sdcard/A/B')).stdout).toBe('C\n');
    expect((await sh(own, 'echo note > /sdcard/A/n.txt; cat /sdcard/A/n.txt')).stdout).toBe('note\n');
    expect((await sh(own, 'rm /sdcard/Download/pushed.txt; ls /sdcard/Download/pushed.txt')).stderr).toBe('ls: /sdcard/Download/pushed.txt: No such file or directory\n');
    expect((await sh(own, 'rm /sdcard/A')).stderr).toBe('rm: /sdcard/A: Is a directory\n');
    expect((await sh(own, 'rm -rf /sdcard/A; ls /sdcard/A')).exit).toBe(1);
    expect((await sh(own, 'rm /system/etc/hosts')).stderr).toBe('rm: /system/etc/hosts: Read-only file system\n');
    expect(() => own.files.create('/data/data/x', 0o644)).toThrow(/Permission denied/);
  });

  it('overrides a generated file with a pushed one at the same path', async () => {
    const own = makePhone({ seed: 4 });
    const name = own.files.list('/sdcard/DCIM/Camera')[0]?.name as string;
    const writer = own.files.create(`/sdcard/DCIM/Camera/${name}`, 0o644);
    writer.write(new Uint8Array([1, 2, 3]));
    writer.finish(1_600_000_000);
    expect(own.files.stat(`/sdcard/DCIM/Camera/${name}`).size).toBe(3);
    expect([...own.files.read(`/sdcard/DCIM/Camera/${name}`, 0, 10)]).toEqual([1, 2, 3]);
  });

  it('verifies content with checksum tools', async () => {
    const result = await sh(phone, 'sha256sum /sdcard/Documents/shopping\\ list.txt');
    expect(result.stdout).toMatch(/^[0-9a-f]{64} {2}\/sdcard\/Documents\/shopping list\.txt\n$/);
  });
});

describe('simulated shell listing tools', () => {
  const phone = makePhone({ seed: 22, photos: 3, files: 90 });

  it('finds files recursively and filters by type', async () => {
    const files = await sh(phone, 'find /sdcard/Documents/Archive -type f');
    expect(files.stdout.trim().split('\n')).toHaveLength(90);
    const dirs = await sh(phone, 'find /sdcard/DCIM -type d');
    expect(dirs.stdout).toBe('/sdcard/DCIM\n/sdcard/DCIM/Camera\n');
    expect((await sh(phone, 'find /data')).stderr).toBe('find: /data: Permission denied\n');
  });

  it('filters pipelines with head, tail and grep', async () => {
    expect((await sh(phone, 'pm list packages | head -n 2')).stdout.split('\n')).toHaveLength(3);
    expect((await sh(phone, 'pm list packages | tail -1')).stdout).toMatch(/^package:[\w.]+\n$/);
    expect(await sh(phone, 'pm list packages | grep -c no.such.thing')).toMatchObject({ stdout: '0\n', exit: 1 });
  });
});

describe('pushing to the simulated phone', () => {
  it('creates missing parent folders like adbd, but only where the shell user may write', () => {
    const phone = makePhone({ seed: 5 });
    const writer = phone.files.create('/sdcard/Restored/2024/06/photo.jpg', 0o644);
    writer.write(new Uint8Array([0xff, 0xd8]));
    writer.finish(1_700_000_000);
    expect(phone.files.list('/sdcard/Restored/2024/06').map((e) => e.name)).toEqual(['photo.jpg']);
    expect(() => phone.files.create('/data/private/x', 0o644)).toThrow(/Permission denied/);
  });

  it('drops an aborted push', () => {
    const phone = makePhone({ seed: 5 });
    const writer = phone.files.create('/sdcard/Download/partial.bin', 0o644);
    writer.write(new Uint8Array(10));
    writer.abort();
    expect(() => phone.files.stat('/sdcard/Download/partial.bin')).toThrow(/No such file/);
  });
});

describe('a phone that takes time to start Java processes (processStartMs)', () => {
  const phone = makePhone({ seed: 21, processStartMs: 150 });

  it('delays content, pm and dumpsys, not toybox commands, and runs several at once', async () => {
    const finished: string[] = [];
    const run = async (command: string) => {
      const started = performance.now();
      const result = await sh(phone, command);
      finished.push(command);
      return { ...result, ms: performance.now() - started };
    };
    const [query, packages, echo] = await Promise.all([run('content query --uri content://sms --projection _id'), run('pm list packages'), run('echo hi')]);
    expect(query.stdout).toMatch(/^Row: 0 _id=/);
    expect(packages.stdout).toMatch(/^package:/m);
    expect(echo.stdout).toBe('hi\n');
    expect(finished[0]).toBe('echo hi');
    expect(query.ms).toBeGreaterThanOrEqual(145);
    expect(packages.ms).toBeGreaterThanOrEqual(145);
  });
});
