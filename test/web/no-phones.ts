// The device layer of a computer with no phones and no simulated phone: enough to exercise a
// host's plumbing without adb. Integration with real phones is tested in test/core/api.
import type { ApiDependencies } from '../../main/core/api/create-api.ts';

export function noPhones(): ApiDependencies {
  const unreachable = () => Promise.reject(Object.assign(new Error('No phone answers at that address.'), { kind: 'unreachable' }));
  return {
    devices: {
      listAdbPhones: () => Promise.resolve([]),
      openAdbPhone: unreachable,
      disconnectAdbPhone: unreachable,
      connectDirect: unreachable,
    },
    demoPhone: { start: unreachable },
  };
}
