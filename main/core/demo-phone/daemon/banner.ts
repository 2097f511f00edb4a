// The CNXN banner the phone introduces itself with (AOSP adb.cpp: get_connection_string).
import type { SimulatedPhone } from '../phone.ts';

/**
 * Features the daemon really implements (AOSP adb transport.cpp: kFeature*). Never advertise one
 * that is not implemented: adb changes its behaviour on each (e.g. `sendrecv_v2` switches push/pull
 * to other sync ids, `delayed_ack` changes flow control).
 */
export const DAEMON_FEATURES = [
  'shell_v2',
  'cmd',
  'stat_v2',
  'ls_v2',
  'fixed_push_mkdir',
  'apex',
  'abb',
  'fixed_push_symlink_timestamp',
  'abb_exec',
  'remount_shell',
] as const;

export function deviceBanner(phone: SimulatedPhone, features: readonly string[]): string {
  const property = (name: string, fallback: string) => phone.properties.get(name) ?? fallback;
  return (
    'device::' +
    `ro.product.name=${property('ro.product.name', 'demo')};` +
    `ro.product.model=${property('ro.product.model', 'Simulated phone')};` +
    `ro.product.device=${property('ro.product.device', 'demo')};` +
    `features=${features.join(',')}`
  );
}
