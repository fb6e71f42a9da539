// Routes events to the rule variants whose logsource conditions they can satisfy. Variants are grouped
// by the set of condition fields (e.g. Channel+EventID); each group is a hash map from the normalised
// values to its variants, so an event costs one lookup per group, not one test per rule.
import type { SigmaEvent } from '../api.js';
import { getField, scalarText } from '../match/field-access.js';

/** Condition values compare case-insensitively, and numbers as their string form (1 == "1"). */
export function normaliseConditionValue(value: unknown): string | null {
  const text = scalarText(value);
  return text === null ? null : text.toLowerCase();
}

const SEP = '\u0001';
/** A variant whose conditions expand to more value combinations than this is tested one by one. */
const MAX_KEYS_PER_VARIANT = 4096;

interface Group<T> {
  fields: string[];
  byKey: Map<string, T[]>;
}

export class LogsourceRouter<T> {
  private readonly groups = new Map<string, Group<T>>();
  /** Variants without conditions: every event meets them. */
  private readonly always: T[] = [];
  /** Variants with too many value combinations to index: tested directly. */
  private readonly tested: { conditions: [string, Set<string>][]; target: T }[] = [];

  add(conditions: Record<string, (string | number)[]>, target: T): void {
    const fields = Object.keys(conditions).sort();
    if (fields.length === 0) {
      this.always.push(target);
      return;
    }
    const valueSets = fields.map((f) => [...new Set(conditions[f].map((v) => normaliseConditionValue(v)!))]);
    const combinations = valueSets.reduce((n, vs) => n * vs.length, 1);
    if (combinations > MAX_KEYS_PER_VARIANT) {
      this.tested.push({ conditions: fields.map((f, i) => [f, new Set(valueSets[i])]), target });
      return;
    }
    const signature = fields.join(SEP);
    let group = this.groups.get(signature);
    if (!group) {
      group = { fields, byKey: new Map() };
      this.groups.set(signature, group);
    }
    for (const key of cartesian(valueSets)) {
      const list = group.byKey.get(key);
      if (list) list.push(target);
      else group.byKey.set(key, [target]);
    }
  }

  /** The variants the event can satisfy: unconditioned ones first, then per group, in insertion order. */
  route(event: SigmaEvent): T[] {
    const out = this.always.slice();
    for (const group of this.groups.values()) {
      const key = groupKey(event, group.fields);
      const hit = key === null ? undefined : group.byKey.get(key);
      if (hit) for (const t of hit) out.push(t);
    }
    for (const { conditions, target } of this.tested) if (satisfies(event, conditions)) out.push(target);
    return out;
  }

  /** Whether route(event) would be non-empty; stops at the first variant, allocates nothing. */
  accepts(event: SigmaEvent): boolean {
    if (this.always.length > 0) return true;
    for (const group of this.groups.values()) {
      const key = groupKey(event, group.fields);
      if (key !== null && group.byKey.has(key)) return true;
    }
    return this.tested.some(({ conditions }) => satisfies(event, conditions));
  }
}

/** The event's normalised values of the group's fields joined, or null when one is missing. */
function groupKey(event: SigmaEvent, fields: string[]): string | null {
  let key = '';
  for (let i = 0; i < fields.length; i++) {
    const v = normaliseConditionValue(getField(event, fields[i]));
    if (v === null) return null;
    key = i === 0 ? v : key + SEP + v;
  }
  return key;
}

function satisfies(event: SigmaEvent, conditions: [string, Set<string>][]): boolean {
  return conditions.every(([f, values]) => values.has(normaliseConditionValue(getField(event, f)) ?? '\u0000'));
}

function cartesian(valueSets: string[][]): string[] {
  let keys = [''];
  valueSets.forEach((values, i) => {
    const next: string[] = [];
    for (const k of keys) for (const v of values) next.push(i === 0 ? v : k + SEP + v);
    keys = next;
  });
  return keys;
}
