import type { Command } from 'commander';

// Placeholder until the device layer lands.
export function registerDevices(_program: Command): void {}
