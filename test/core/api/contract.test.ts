// The contract's own rules: which addresses a user may type, and that every command and event the
// hosts know has a schema (so nothing crosses the boundary unchecked).
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, EVENT_NAMES, isCommandName } from '../../../preload/contract/channels.ts';
import { commandSchemas, eventSchemas } from '../../../preload/contract/commands.ts';
import { phoneAddressSchema } from '../../../preload/contract/devices.ts';
import { parseAddress } from '../../../main/core/api/device-commands.ts';

describe('phone addresses', () => {
  it.each(['192.168.1.20:5555', '192.168.1.20', 'pixel-8.local:37215', '[fe80::1]:5555', ' 10.0.0.2:5555 '])('accepts %s', (address) => {
    expect(phoneAddressSchema.safeParse(address).success).toBe(true);
  });

  it.each(['', 'a phone', ':5555', '10.0.0.2:0', '10.0.0.2:70000', '10.0.0.2:55:55', 'http://10.0.0.2', '-bad.example'])('refuses %j', (address) => {
    expect(phoneAddressSchema.safeParse(address).success).toBe(false);
  });

  it('uses adb tcpip’s port 5555 when none is given, and unwraps IPv6 brackets', () => {
    expect(parseAddress('192.168.1.20')).toEqual({ host: '192.168.1.20', port: 5555 });
    expect(parseAddress('[fe80::1]:4444')).toEqual({ host: 'fe80::1', port: 4444 });
  });
});

describe('the command list', () => {
  it('has a schema for every command and event, and nothing more', () => {
    expect(Object.keys(commandSchemas).sort()).toEqual([...COMMAND_NAMES].sort());
    expect(Object.keys(eventSchemas).sort()).toEqual([...EVENT_NAMES].sort());
  });

  it('recognises only its own command names', () => {
    expect(isCommandName('devices.list')).toBe(true);
    expect(isCommandName('devices.list ')).toBe(false);
    expect(isCommandName('__proto__')).toBe(false);
    expect(isCommandName(42)).toBe(false);
  });
});
