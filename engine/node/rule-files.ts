// Finds and reads Sigma rule files for the CLI and the server.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { RuleSource } from '../api.js';

/** Thrown when a rules path cannot be used (missing, unreadable). */
export class RulePathError extends Error {}

/** Folders a directory walk never enters: mapping data lives there, not rules (and VCS metadata). */
export const SKIPPED_RULE_DIRS = new Set(['mappings', 'fieldmaps', 'node_modules', '.git']);

const RULE_EXT = /\.ya?ml$/i;

/**
 * Rule files under each path: a file is taken as given; a folder is searched recursively for
 * `.yml`/`.yaml`, skipping SKIPPED_RULE_DIRS and hidden folders. Files found in folders are also
 * skipped when they are mapping/field-map data (see `isMappingDocument`). Paths come back in a
 * deterministic order: per argument, sorted by code point; duplicates removed.
 */
export async function discoverRuleFiles(paths: readonly string[]): Promise<string[]> {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = await stat(p);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new RulePathError(`rules path ${p}: ${code === 'ENOENT' ? 'no such file or directory' : (err as Error).message}`);
    }
    const found = st.isDirectory() ? await walk(p) : [p];
    for (const f of found) {
      const key = path.resolve(f);
      if (!seen.has(key)) {
        seen.add(key);
        out.push(f);
      }
    }
  }
  return out;
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIPPED_RULE_DIRS.has(e.name) && !e.name.startsWith('.')) out.push(...(await walk(p)));
    } else if ((e.isFile() || e.isSymbolicLink()) && RULE_EXT.test(e.name)) {
      out.push(p);
    }
  }
  return out;
}

/**
 * True for logsource-mapping / field-map / placeholder files: a top-level `logsources:`,
 * `fieldmap:`, `fieldmappings:`, `fields:` or `placeholders:` key (or `kind: fieldmap-profile`) and no top-level `detection:` or
 * `correlation:` key. A textual test (no YAML parse), enough to keep data files out of a rule folder.
 */
export function isMappingDocument(text: string): boolean {
  if (/^(detection|correlation)\s*:/m.test(text)) return false;
  return /^(logsources|fieldmap|fieldmappings|fields|placeholders)\s*:|^kind\s*:\s*['"]?fieldmap-profile/m.test(text);
}

export interface LoadedRuleFiles {
  sources: RuleSource[];
  /** Files found in folders but left out because they are mapping data. */
  skipped: string[];
}

/**
 * Reads the rule files under `paths` (see discoverRuleFiles). A file named explicitly is always
 * a rule source; data files met during a folder walk are skipped and listed.
 */
export async function loadRuleFiles(paths: readonly string[]): Promise<LoadedRuleFiles> {
  const explicit = new Set<string>();
  for (const p of paths) {
    try {
      if (!(await stat(p)).isDirectory()) explicit.add(path.resolve(p));
    } catch {
      // discoverRuleFiles reports it
    }
  }
  const files = await discoverRuleFiles(paths);
  const sources: RuleSource[] = [];
  const skipped: string[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      throw new RulePathError(`cannot read rule file ${file}: ${(err as Error).message}`);
    }
    if (!explicit.has(path.resolve(file)) && isMappingDocument(text)) skipped.push(file);
    else sources.push({ file, text });
  }
  return { sources, skipped };
}
