// Which service an OPEN names, and the code that serves it (AOSP adb daemon/services.cpp,
// daemon_service_to_fd). Anything else is refused with CLSE, as adbd does for unknown services.
import type { SimulatedPhone } from '../../phone.ts';
import type { DeviceStream } from '../device-stream.ts';
import { parseShellService, runShellService } from './shell-service.ts';
import { runSyncService } from './sync-service.ts';

export type Service = (stream: DeviceStream, phone: SimulatedPhone) => Promise<void>;

export function findService(name: string, features: readonly string[]): Service | undefined {
  if (name === 'sync:') return runSyncService;
  const shell = parseShellService(name, features.includes('shell_v2'));
  if (shell !== undefined) return (stream, phone) => runShellService(stream, phone, shell);
  return undefined;
}
