// Locates ../shared (SigmaHQ rules, regression data, real logs) beside the project.
// Tests that need it call `describeShared`: on a user's fresh clone without ../shared they skip
// with a message; under CI=true a missing folder is an error, never a silent skip.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedDir = process.env.SOCLAB_SHARED ?? path.resolve(repoRoot, '../shared');
export const hasShared = existsSync(path.join(sharedDir, 'sigmahq'));

export function describeShared(name: string, fn: () => void): void {
  if (hasShared) {
    describe(name, fn);
    return;
  }
  if (process.env.CI === 'true') {
    throw new Error(`${name}: ${sharedDir} is missing, and CI=true requires it`);
  }
  console.warn(`skipping "${name}": ${sharedDir} not found (set SOCLAB_SHARED to point at it)`);
  describe.skip(name, fn);
}
