import type { Command } from 'commander';

// Placeholder until the simulated phone's daemon lands.
export function registerDemoPhone(_program: Command): void {}
