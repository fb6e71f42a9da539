// Locates the soclab package root (where rules/ ships), from the source tree or from the dist/ bundle.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The folder holding soclab's package.json, found upwards from this module (not from the cwd). */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'soclab') return (cached = dir);
      } catch {
        // not ours; keep climbing
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot locate the soclab package root (package.json named "soclab")');
    dir = parent;
  }
}

/** rules/mappings and rules/fieldmaps shipped with the project. */
export function shippedMappingsDir(): string {
  return path.join(packageRoot(), 'rules', 'mappings');
}
export function shippedFieldMapsDir(): string {
  return path.join(packageRoot(), 'rules', 'fieldmaps');
}

/** The rules/ folder shipped with the project (the lab's rules and the mappings). */
export function shippedRulesDir(): string {
  return path.join(packageRoot(), 'rules');
}
