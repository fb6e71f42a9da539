// Reads what was kept with an alert to explain it (rule metadata, the engine's structured match)
// back into the API shapes. The stored JSON came from the engine, but rows written by older
// versions or by hand may be partial: anything malformed is dropped, nothing throws.
import type { AlertMatch, AlertMatchedValue, AlertRuleInfo } from '../contract/api.js';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function parse(json: string | null | undefined): unknown {
  if (json === null || json === undefined) return undefined;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}

/** The rule metadata kept with the alert, or null when none was kept. */
export function ruleInfoFromJson(json: string | null | undefined): AlertRuleInfo | null {
  const r = parse(json);
  if (!isObject(r) || typeof r.id !== 'string' || typeof r.title !== 'string') return null;
  return {
    id: r.id,
    title: r.title,
    level: typeof r.level === 'string' ? r.level : '',
    tags: strings(r.tags),
    description: typeof r.description === 'string' ? r.description : null,
    falsepositives: strings(r.falsepositives),
  };
}

function matchedValue(v: unknown): AlertMatchedValue | null {
  if (!isObject(v) || typeof v.pattern !== 'string' || typeof v.value !== 'string') return null;
  return {
    field: typeof v.field === 'string' ? v.field : null,
    modifiers: strings(v.modifiers),
    pattern: v.pattern,
    value: v.value,
    ...(typeof v.eventField === 'string' ? { eventField: v.eventField } : {}),
  };
}

/** The structured match explanation kept with the alert, or null when none was kept. */
export function matchFromJson(json: string | null | undefined): AlertMatch | null {
  const m = parse(json);
  if (!isObject(m) || typeof m.condition !== 'string' || !Array.isArray(m.selections)) return null;
  const selections = m.selections.flatMap((s) => {
    if (!isObject(s) || typeof s.name !== 'string') return [];
    const matches = Array.isArray(s.matches) ? s.matches.map(matchedValue).filter((x) => x !== null) : [];
    return [{ name: s.name, matches }];
  });
  return { condition: m.condition, selections };
}
