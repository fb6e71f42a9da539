// Which logsource entries a rule's logsource means, and the field names its events use.
import type { Logsource } from '../rule/types.js';
import type { FieldMapProfile, LogsourceEntry, LogsourceMapping } from './types.js';
import { getOwn, setOwn } from '../rule/own.js';

/**
 * The rule's variants: among the entries whose `match` keys all equal the rule's logsource values
 * (case-insensitive), the most specific ones (most keys). Empty when no entry serves the logsource.
 */
export function resolveVariants(logsource: Logsource, mappings: readonly LogsourceMapping[]): LogsourceEntry[] {
  const candidates: LogsourceEntry[] = [];
  for (const mapping of mappings) {
    for (const entry of mapping.logsources) {
      const keys = Object.keys(entry.match);
      if (keys.every((k) => logsource[k]?.toLowerCase() === entry.match[k])) candidates.push(entry);
    }
  }
  const most = Math.max(0, ...candidates.map((e) => Object.keys(e.match).length));
  return candidates.filter((e) => Object.keys(e.match).length === most);
}

/** Renames a field through a profile: its own name for it, else the prefix, else unchanged. */
export function profileField(field: string, profile?: FieldMapProfile): string {
  if (!profile) return field;
  const mapped = getOwn(profile.fields, field);
  if (mapped !== undefined) return mapped;
  return profile.prefix ? profile.prefix + field : field;
}

/**
 * The complete rule-field -> event-field renaming of a variant (entry fieldmap, then profile), as a
 * function and as a stable key so that a detection is compiled once per distinct renaming.
 */
export function variantFieldMap(fieldmap: Record<string, string>, profile?: FieldMapProfile): { key: string; map?: (field: string) => string } {
  const entries = Object.entries(fieldmap).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length === 0 && !profile) return { key: '' };
  const own = new Map(entries);
  return {
    key: JSON.stringify(entries),
    map: (field) => profileField(own.get(field) ?? field, profile),
  };
}

/** The entry's conditions with their field names renamed by the profile. */
export function profileConditions(conditions: Record<string, (string | number)[]>, profile?: FieldMapProfile): Record<string, (string | number)[]> {
  if (!profile) return conditions;
  const out: Record<string, (string | number)[]> = {};
  for (const [field, values] of Object.entries(conditions)) setOwn(out, profileField(field, profile), values);
  return out;
}
