import { describe, expect, it } from 'vitest';
import { parseDeviceLine, parseDeviceList } from '../../../main/core/device/adb-server/device-list.ts';
import { interpretConnectAnswer } from '../../../main/core/device/adb-server/wireless-answers.ts';
import { DeviceError } from '../../../main/core/device/errors.ts';
import { parseBattery, parseDf, parseGetprop } from '../../../main/core/device/facts.ts';
import { formatTarget, parseHostPort, parseTarget } from '../../../main/core/device/target.ts';
import { BATTERY_OUTPUT, DF_OUTPUT } from './support/test-phone.ts';

describe('adb device list', () => {
  it('reads serial, state, model and transport id from devices -l', () => {
    const [device] = parseDeviceList(
      '127.0.0.1:5555         device product:demo model:Pixel_7 device:panther transport_id:3\n',
    );
    expect(device).toMatchObject({ serial: '127.0.0.1:5555', state: 'ready', model: 'Pixel_7', product: 'demo', device: 'panther', transportId: '3' });
    expect(device?.help).toBeUndefined();
  });

  it('keeps the whole "no permissions" state and explains udev', () => {
    const device = parseDeviceLine(
      '0123456789ABCDEF       no permissions (user in plugdev group; are your udev rules wrong?); see [http://developer.android.com/tools/device.html] usb:1-1 transport_id:2',
    );
    expect(device?.state).toBe('no-permissions');
    expect(device?.rawState).toMatch(/^no permissions \(user in plugdev group/);
    expect(device?.transportId).toBe('2');
    expect(device?.help).toMatch(/udev/);
  });

  it.each([
    ['unauthorized', 'unauthorized', /Allow USB debugging/],
    ['offline', 'offline', /replug/i],
    ['authorizing', 'authorizing', /Unlock/],
    ['connecting', 'connecting', /Wait/],
    ['sideload', 'sideload', /Android normally/],
    ['bogus', 'unknown', /restart the adb server/],
  ])('maps %s to a typed state with help', (raw, state, help) => {
    const device = parseDeviceLine(`SERIAL ${raw} transport_id:1`);
    expect(device?.state).toBe(state);
    expect(device?.help).toMatch(help);
  });

  it('ignores blank lines', () => {
    expect(parseDeviceList('\n\n')).toEqual([]);
  });
});

describe('connect answers', () => {
  it.each([
    ['connected to 10.0.0.2:5555', false],
    ['already connected to 10.0.0.2:5555', true],
  ])('"%s" is success', (answer, already) => {
    expect(interpretConnectAnswer(answer, '10.0.0.2:5555')).toEqual({ serial: '10.0.0.2:5555', alreadyConnected: already, answer });
  });

  it.each([
    ["failed to connect to '10.0.0.2:5555': Connection refused", 'unreachable'],
    ['cannot connect to 10.0.0.2:5555: No route to host', 'unreachable'],
    ['cannot resolve host "phone" and port 5555: Name or service not known', 'unreachable'],
    ["failed to resolve host: 'phone': Name or service not known", 'unreachable'],
    ['failed to authenticate to 10.0.0.2:5555', 'unauthorized'],
    ['something else entirely', 'protocol'],
  ])('"%s" is %s', (answer, kind) => {
    expect(() => interpretConnectAnswer(answer, '10.0.0.2:5555')).toThrow(expect.objectContaining({ kind }));
  });

  it('names the host it could not find, and where the address is shown', () => {
    expect(() => interpretConnectAnswer("failed to resolve host: 'nohost': Name or service not known", 'nohost:5555')).toThrow(
      /No computer named "nohost" could be found .*Wireless debugging shows it/,
    );
  });
});

describe('device facts', () => {
  it('reads getprop lines', () => {
    const properties = parseGetprop('[ro.product.model]: [Pixel 7]\n[ro.build.version.sdk]: [34]\n[empty]: []\n');
    expect(properties.get('ro.product.model')).toBe('Pixel 7');
    expect(properties.get('ro.build.version.sdk')).toBe('34');
    expect(properties.get('empty')).toBe('');
  });

  it('reads /data from toybox df in 1K blocks', () => {
    expect(parseDf(DF_OUTPUT)).toEqual({ mountPoint: '/data', totalBytes: 115071676 * 1024, usedBytes: 40353572 * 1024, freeBytes: 74587032 * 1024 });
  });

  it('falls back to /storage/emulated and reads df -h sizes', () => {
    const output = 'Filesystem Size Used Avail Use% Mounted on\n/dev/fuse 110G 39G 71G 36% /storage/emulated\n';
    expect(parseDf(output)).toMatchObject({ mountPoint: '/storage/emulated', totalBytes: 110 * 1024 ** 3, freeBytes: 71 * 1024 ** 3 });
  });

  it('returns undefined when no known mount point is listed', () => {
    expect(parseDf('Filesystem 1K-blocks Used Available Use% Mounted on\n/dev/x 10 5 5 50% /mnt/other\n')).toBeUndefined();
  });

  it('reads level and charging from dumpsys battery', () => {
    expect(parseBattery(BATTERY_OUTPUT)).toEqual({ levelPercent: 85, charging: true, pluggedIn: true });
    expect(parseBattery('  AC powered: false\n  status: 3\n  level: 40\n  scale: 200\n')).toEqual({ levelPercent: 20, charging: false, pluggedIn: false });
    expect(parseBattery('Can\'t find service: battery\n')).toBeUndefined();
  });
});

describe('targets', () => {
  it('tells an adb serial from a direct tcp target', () => {
    expect(parseTarget('emulator-5554')).toEqual({ kind: 'adb-server', serial: 'emulator-5554' });
    expect(parseTarget('192.168.1.20:5555')).toEqual({ kind: 'adb-server', serial: '192.168.1.20:5555' });
    expect(parseTarget('tcp:192.168.1.20:5555')).toEqual({ kind: 'direct', host: '192.168.1.20', port: 5555 });
    expect(parseTarget('tcp:[::1]:5555')).toEqual({ kind: 'direct', host: '::1', port: 5555 });
    expect(formatTarget({ kind: 'direct', host: '::1', port: 5555 })).toBe('tcp:[::1]:5555');
  });

  it('rejects addresses without a usable port, with a typed error', () => {
    expect(() => parseTarget('tcp:phone')).toThrow(DeviceError);
    expect(() => parseHostPort('phone:99999')).toThrow(expect.objectContaining({ kind: 'invalid-input' }));
    expect(parseHostPort('phone', 5555)).toEqual({ host: 'phone', port: 5555 });
  });
});
