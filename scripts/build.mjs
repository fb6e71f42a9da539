// Builds the Node entry points (CLI, server, engine worker) into dist/ with esbuild.
// Type checking is separate (`npm run typecheck`, part of `npm test`); the web console
// is built by Vite when web/ has a vite.config.ts.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const entryPoints = ['cli/main.ts', 'engine/node/scan-worker.ts', 'server/main.ts'].filter((p) => existsSync(p));

await build({
  entryPoints,
  outdir: 'dist',
  outbase: '.',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});

if (existsSync('web/vite.config.ts') && !process.argv.includes('--no-web')) {
  const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
