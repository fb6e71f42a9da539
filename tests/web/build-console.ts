// Builds the console (Vite -> dist/web) for tests when it is missing or older than its sources.
// Test files run in parallel processes, so the build is serialised with a lock folder.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { findConsoleDir } from '../../server/app.js';

const LOCK = 'dist/.web-build.lock';

/** True when dist/web is missing or older than a file under web/ or server/contract/. */
export function consoleBuildStale(): boolean {
  const dir = findConsoleDir();
  if (!dir) return true;
  const built = statSync(join(dir, 'index.html')).mtimeMs;
  const newer = (folder: string): boolean =>
    readdirSync(folder, { withFileTypes: true }).some((e) =>
      e.isDirectory() ? newer(join(folder, e.name)) : statSync(join(folder, e.name)).mtimeMs > built,
    );
  return newer('web') || newer('server/contract');
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function ensureConsoleBuilt(): void {
  if (!consoleBuildStale()) return;
  mkdirSync('dist', { recursive: true });
  const until = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // A lock older than the wait is a leftover of a killed run.
      if (Date.now() > until) rmSync(LOCK, { recursive: true, force: true });
      sleepSync(200);
    }
  }
  try {
    if (consoleBuildStale()) {
      execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
        stdio: 'inherit',
      });
    }
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
