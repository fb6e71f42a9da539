// Loads the rule-set configuration from disk: logsource mappings (the project's rules/mappings/*.yml
// by default), a field-map profile by name or file, and |expand placeholder values.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import yaml from 'js-yaml';
import type { Diagnostic } from '../api.js';
import type { FieldMapProfile, LogsourceMapping } from '../logsource/index.js';
import { parseFieldMapProfile, parseMapping } from '../logsource/index.js';
import { shippedFieldMapsDir, shippedMappingsDir } from './package-root.js';

/** A configuration file that cannot be used (missing, unknown profile name, bad placeholder syntax). */
export class ConfigError extends Error {}

async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(`cannot read ${what} ${file}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
}

async function yamlFilesIn(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  return (await readdir(dir)).filter((n) => /\.ya?ml$/i.test(n)).sort().map((n) => path.join(dir, n));
}

export interface LoadedMappings {
  mappings: LogsourceMapping[];
  diagnostics: Diagnostic[];
}

/**
 * The shipped rules/mappings/*.yml (resolved from the package root, not the cwd; sorted), unless
 * `includeShipped` is false, then each of `extraFiles` in order. Invalid files are reported in
 * `diagnostics` and left out.
 */
export async function loadMappings(extraFiles: readonly string[] = [], includeShipped = true): Promise<LoadedMappings> {
  const files = [...(includeShipped ? await yamlFilesIn(shippedMappingsDir()) : []), ...extraFiles];
  const mappings: LogsourceMapping[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const result = parseMapping(await readText(file, 'mapping file'), file);
    diagnostics.push(...result.diagnostics);
    if (result.mapping) mappings.push(result.mapping);
  }
  return { mappings, diagnostics };
}

/** Names of the field-map profiles shipped in rules/fieldmaps/. */
export async function shippedFieldMapNames(): Promise<string[]> {
  return (await yamlFilesIn(shippedFieldMapsDir())).map((f) => path.basename(f).replace(/\.ya?ml$/i, ''));
}

/**
 * A field-map profile: `nameOrFile` is a path to a YAML file when it names an existing file or
 * contains a path separator or a .yml extension, otherwise a profile name in rules/fieldmaps/.
 */
export async function loadFieldMapProfile(nameOrFile: string): Promise<{ profile?: FieldMapProfile; diagnostics: Diagnostic[] }> {
  let file = nameOrFile;
  const looksLikePath = existsSync(nameOrFile) || /[\\/]|\.ya?ml$/i.test(nameOrFile);
  if (!looksLikePath) {
    const candidates = [path.join(shippedFieldMapsDir(), `${nameOrFile}.yml`), path.join(shippedFieldMapsDir(), `${nameOrFile}.yaml`)];
    const found = candidates.find((c) => existsSync(c));
    if (!found) {
      const names = await shippedFieldMapNames();
      throw new ConfigError(`unknown field-map profile "${nameOrFile}" (available: ${names.length ? names.join(', ') : 'none'}; or give a .yml file)`);
    }
    file = found;
  }
  return parseFieldMapProfile(await readText(file, 'field-map profile'), file);
}

/**
 * Placeholder values for `|expand`: `name=value` strings (repeatable; a name given several times
 * collects several values; a leading % on the name is ignored), merged after an optional YAML file
 * holding `name: value` or `name: [values]`, either at top level or under `placeholders:`.
 */
export async function loadPlaceholders(vars: readonly string[] = [], file?: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  const add = (name: string, value: string) => {
    const key = name.replace(/^%|%$/g, '');
    (out[key] ??= []).push(value);
  };
  if (file) {
    let doc: unknown;
    try {
      doc = yaml.load(await readText(file, 'placeholders file'));
    } catch (err) {
      if (err instanceof ConfigError) throw err;
      throw new ConfigError(`placeholders file ${file} is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
    }
    let table = doc as Record<string, unknown> | null;
    if (table && typeof table === 'object' && 'placeholders' in table) table = table.placeholders as Record<string, unknown>;
    if (!table || typeof table !== 'object' || Array.isArray(table)) {
      throw new ConfigError(`placeholders file ${file} must map names to a value or a list of values`);
    }
    for (const [name, value] of Object.entries(table)) {
      const values = Array.isArray(value) ? value : [value];
      for (const v of values) {
        if (v === null || typeof v === 'object') throw new ConfigError(`placeholders file ${file}: ${name} must be a value or a list of values`);
        add(name, String(v));
      }
    }
  }
  for (const v of vars) {
    const eq = v.indexOf('=');
    if (eq <= 0) throw new ConfigError(`--var ${JSON.stringify(v)}: expected name=value`);
    add(v.slice(0, eq), v.slice(eq + 1));
  }
  return out;
}
