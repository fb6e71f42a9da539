#!/usr/bin/env node
// Entry point of `npx soclab`: runs the CLI built into dist/ by `npm install` (prepare) or `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
if (!existsSync(main)) {
  process.stderr.write('soclab: dist/cli/main.js is missing; run `npm run build` first\n');
  process.exit(2);
}
await import(main);
