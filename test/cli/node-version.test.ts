// The version gate in front of `vitre`: an older Node.js gets a sentence saying what to install
// (before, Node 20 crashed in a segmentation fault with no word), a supported one runs.
import { describe, expect, it } from 'vitest';
import { nodeVersionProblem } from '../../main/cli/node-version.ts';

describe('the Node.js version check', () => {
  it('refuses Node.js 20 and 22 and says which version to install', () => {
    expect(nodeVersionProblem('20.20.2')).toMatch(/needs Node\.js 24 or newer, and this is Node\.js 20\.20\.2\. Install Node\.js 24/);
    expect(nodeVersionProblem('22.11.0')).toMatch(/Node\.js 22\.11\.0/);
  });

  it('accepts Node.js 24 and later, and the version running the tests', () => {
    expect(nodeVersionProblem('24.0.0')).toBeUndefined();
    expect(nodeVersionProblem('25.2.1')).toBeUndefined();
    expect(nodeVersionProblem(process.versions.node)).toBeUndefined();
  });
});
