// What to do about each state a phone can be in, as message keys (translated in i18n/).
import type { Device, DeviceState } from '../../preload/contract/api.ts';
import type { MessageKey } from '../i18n/messages-en.ts';

export const STATE_TONE: Record<DeviceState, 'success' | 'warning' | 'danger'> = {
  ready: 'success',
  connecting: 'warning',
  authorizing: 'warning',
  unauthorized: 'warning',
  'no-permissions': 'danger',
  offline: 'danger',
  bootloader: 'warning',
  recovery: 'warning',
  sideload: 'warning',
  rescue: 'warning',
  unknown: 'danger',
};

export const FIX_STEPS: Record<DeviceState, MessageKey[]> = {
  ready: [],
  connecting: ['fix.connecting.1', 'fix.connecting.2'],
  authorizing: ['fix.authorizing.1'],
  unauthorized: ['fix.unauthorized.1', 'fix.unauthorized.2', 'fix.unauthorized.3'],
  'no-permissions': ['fix.no-permissions.1', 'fix.no-permissions.2', 'fix.no-permissions.3'],
  offline: ['fix.offline.1', 'fix.offline.2', 'fix.offline.3'],
  bootloader: ['fix.boot.1'],
  recovery: ['fix.boot.1'],
  sideload: ['fix.boot.1'],
  rescue: ['fix.boot.1'],
  unknown: ['fix.unknown.1', 'fix.unknown.2'],
};

/** A phone on Wi-Fi asks "Allow wireless debugging?" and has no cable to replug. */
const LAN_STEPS: Partial<Record<DeviceState, MessageKey[]>> = {
  unauthorized: ['fix.unauthorized.1', 'fix.unauthorized.lan'],
  offline: ['fix.offline.1', 'fix.offline.3'],
};

export function fixSteps(device: Pick<Device, 'state' | 'transport'>): MessageKey[] {
  return (device.transport === 'lan' ? LAN_STEPS[device.state] : undefined) ?? FIX_STEPS[device.state];
}
