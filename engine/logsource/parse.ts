// Parsing of logsource mapping files and field-map profiles, with INVALID_MAPPING diagnostics that
// name the file, the path (e.g. "logsources[2].conditions.EventID") and the line.
import type { Diagnostic } from '../api.js';
import { diag } from '../diagnostics.js';
import { findKeyLine, loadYamlDocuments, type YamlDocument } from '../rule/yaml.js';
import type { FieldMapProfile, LogsourceEntry, LogsourceMapping } from './types.js';
import { setOwn } from '../rule/own.js';

const LOGSOURCE_KEYS = new Set(['category', 'product', 'service']);

function loadSingle(text: string, file: string, kind: string, diagnostics: Diagnostic[]): { doc: YamlDocument; value: Record<string, unknown> } | undefined {
  const docs = loadYamlDocuments(text);
  if (docs.length !== 1) {
    diagnostics.push(diag('INVALID_MAPPING', 'error', `a ${kind} file holds exactly one YAML document (found ${docs.length})`, { file, path: '' }));
    return undefined;
  }
  const doc = docs[0];
  if (doc.error) {
    diagnostics.push(diag('YAML_SYNTAX', 'error', `invalid YAML: ${doc.error.message}`, { file, path: '', line: doc.error.line }));
    return undefined;
  }
  if (!isMap(doc.value)) {
    diagnostics.push(diag('INVALID_MAPPING', 'error', `a ${kind} must be a YAML map`, { file, path: '', line: doc.startLine }));
    return undefined;
  }
  return { doc, value: doc.value };
}

/**
 * Parses a logsource mapping (format: rules/mappings/README.md). Malformed entries are reported and
 * skipped; the mapping is absent only when the file as a whole is unusable.
 */
export function parseMapping(text: string, file: string): { mapping?: LogsourceMapping; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const loaded = loadSingle(text, file, 'logsource mapping', diagnostics);
  if (!loaded) return { diagnostics };
  const { doc, value } = loaded;
  const bad = (path: string, keys: string[], message: string) =>
    diagnostics.push(diag('INVALID_MAPPING', 'error', message, { file, path, line: findKeyLine(doc, keys) ?? doc.startLine }));

  if (value.kind !== undefined && value.kind !== 'logsource-mapping') {
    bad('kind', ['kind'], `kind "${String(value.kind)}" is not "logsource-mapping"`);
    return { diagnostics };
  }
  if (typeof value.name !== 'string' || value.name === '') bad('name', ['name'], 'name (a string) is required');
  if (!Array.isArray(value.logsources)) {
    bad('logsources', ['logsources'], 'logsources (a list of entries) is required');
    return { diagnostics };
  }
  if (typeof value.name !== 'string' || value.name === '') return { diagnostics };
  const name = value.name;
  const entryLines = entryStartLines(doc);
  const seen = new Set<string>();
  const logsources: LogsourceEntry[] = [];
  value.logsources.forEach((raw, i) => {
    const path = `logsources[${i}]`;
    const line = entryLines[i];
    const fail = (sub: string, message: string) =>
      diagnostics.push(diag('INVALID_MAPPING', 'error', message, { file, path: sub ? `${path}.${sub}` : path, line }));
    if (!isMap(raw)) return fail('', 'an entry must be a map with id, match, conditions and fieldmap');
    let ok = true;
    if (typeof raw.id !== 'string' || raw.id === '') { fail('id', 'id (a string) is required'); ok = false; }
    else if (seen.has(raw.id)) { fail('id', `id "${raw.id}" is used twice`); ok = false; }
    const match: Record<string, string> = {};
    if (!isMap(raw.match) || Object.keys(raw.match).length === 0) { fail('match', 'match must be a non-empty map of category/product/service'); ok = false; }
    else for (const [k, v] of Object.entries(raw.match)) {
      if (!LOGSOURCE_KEYS.has(k)) { fail(`match.${k}`, `match key "${k}" is not category, product or service`); ok = false; }
      else if (typeof v !== 'string' || v === '') { fail(`match.${k}`, `match.${k} must be a string`); ok = false; }
      else match[k] = v.toLowerCase();
    }
    const conditions: Record<string, (string | number)[]> = {};
    if (raw.conditions !== undefined && raw.conditions !== null) {
      if (!isMap(raw.conditions)) { fail('conditions', 'conditions must be a map of event field -> list of values'); ok = false; }
      else for (const [field, v] of Object.entries(raw.conditions)) {
        const values = Array.isArray(v) ? v : [v];
        if (values.length === 0 || !values.every((x) => typeof x === 'string' || typeof x === 'number')) {
          fail(`conditions.${field}`, `conditions.${field} must be a value or a non-empty list of strings and numbers`);
          ok = false;
        } else setOwn(conditions, field, values as (string | number)[]);
      }
    }
    const fieldmap = stringMap(raw.fieldmap, `${path}.fieldmap`, (p, m) => { fail(p.slice(path.length + 1), m); ok = false; });
    if (!ok) return;
    seen.add(raw.id as string);
    logsources.push({ id: raw.id as string, match, conditions, fieldmap, mapping: name, line });
  });
  return {
    mapping: { name, description: typeof value.description === 'string' ? value.description : undefined, file, logsources },
    diagnostics,
  };
}

/** Parses a field-map profile (`kind: fieldmap-profile`, format: rules/mappings/README.md). */
export function parseFieldMapProfile(text: string, file: string): { profile?: FieldMapProfile; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const loaded = loadSingle(text, file, 'field-map profile', diagnostics);
  if (!loaded) return { diagnostics };
  const { doc, value } = loaded;
  let ok = true;
  const bad = (path: string, message: string) => {
    ok = false;
    diagnostics.push(diag('INVALID_MAPPING', 'error', message, { file, path, line: findKeyLine(doc, [path.split('.')[0]]) ?? doc.startLine }));
  };
  if (value.kind !== 'fieldmap-profile') bad('kind', 'kind: fieldmap-profile is required');
  if (typeof value.name !== 'string' || value.name === '') bad('name', 'name (a string) is required');
  if (value.prefix !== undefined && typeof value.prefix !== 'string') bad('prefix', 'prefix must be a string');
  if (!isMap(value.fields)) bad('fields', 'fields (a map of field -> event field) is required');
  const fields = stringMap(value.fields, 'fields', bad);
  if (!ok) return { diagnostics };
  return {
    profile: {
      name: value.name as string, file, fields,
      description: typeof value.description === 'string' ? value.description : undefined,
      prefix: value.prefix as string | undefined,
    },
    diagnostics,
  };
}

function stringMap(raw: unknown, path: string, fail: (path: string, message: string) => void): Record<string, string> {
  const out: Record<string, string> = {};
  if (raw === undefined || raw === null) return out;
  if (!isMap(raw)) {
    fail(path, `${path} must be a map of field -> field`);
    return out;
  }
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v !== 'string' || v === '') fail(`${path}.${k}`, `${path}.${k} must be a field name (a string)`);
    else setOwn(out, k, v);
  }
  return out;
}

/** 1-based file lines of the items of the top-level `logsources:` list (a cheap text scan). */
function entryStartLines(doc: YamlDocument): number[] {
  const start = findKeyLine(doc, ['logsources']);
  if (start === undefined) return [];
  const lines = doc.text.split('\n');
  const out: number[] = [];
  let itemIndent = -1;
  for (let i = start - doc.startLine + 1; i < lines.length; i++) {
    const line = lines[i];
    const m = /^(\s*)-(\s|$)/.exec(line);
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (!/^\s/.test(line) && !line.startsWith('-')) break;
    if (m && (itemIndent < 0 || m[1].length === itemIndent)) {
      itemIndent = m[1].length;
      out.push(doc.startLine + i);
    }
  }
  return out;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
