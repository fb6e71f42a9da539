// Reading fields out of events. Events are flat (Windows exports: `CommandLine`) or nested
// (ECS-style: `process.executable`); the flat key wins, then the dotted path is followed.
import type { SigmaEvent } from '../api.js';

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * The value of `name` in `event`: the own key `name` if present, else the dotted path into nested
 * objects (an array on the way yields the values found under each element, flattened).
 * Returns undefined when the field is missing.
 */
export function getField(event: SigmaEvent, name: string): unknown {
  if (hasOwn.call(event, name)) return event[name];
  if (name.indexOf('.') < 0) return undefined;
  return walk(event, name.split('.'), 0);
}

/** getField for a name known in advance (the dotted path is split once, not per event). */
export function fieldGetter(name: string): (event: SigmaEvent) => unknown {
  if (name.indexOf('.') < 0) return (event) => (hasOwn.call(event, name) ? event[name] : undefined);
  const keys = name.split('.');
  return (event) => (hasOwn.call(event, name) ? event[name] : walk(event, keys, 0));
}

function walk(node: unknown, keys: string[], i: number): unknown {
  if (i === keys.length) return node;
  if (Array.isArray(node)) {
    const found: unknown[] = [];
    for (const el of node) {
      const v = walk(el, keys, i);
      if (v === undefined) continue;
      if (Array.isArray(v)) found.push(...v);
      else found.push(v);
    }
    return found.length ? found : undefined;
  }
  if (node === null || typeof node !== 'object') return undefined;
  const obj = node as Record<string, unknown>;
  // A remaining dotted key may itself be flat at this level ("a": {"b.c": 1}).
  const rest = keys.slice(i).join('.');
  if (hasOwn.call(obj, rest)) return obj[rest];
  if (!hasOwn.call(obj, keys[i])) return undefined;
  return walk(obj[keys[i]], keys, i + 1);
}

/**
 * The string form an event scalar is compared by: strings as they are, numbers and booleans by
 * their JavaScript string form (EventID 4688 matches '4688'). Objects and null have none.
 */
export function scalarText(v: unknown): string | null {
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
      return Number.isFinite(v) ? String(v) : null;
    case 'bigint':
      return String(v);
    case 'boolean':
      return v ? 'true' : 'false';
    default:
      return null;
  }
}

/** Calls `fn` with each scalar (non-array) element of a field value; stops when it returns true. */
export function someElement(v: unknown, fn: (el: unknown) => boolean): boolean {
  if (Array.isArray(v)) {
    for (const el of v) if (someElement(el, fn)) return true;
    return false;
  }
  return fn(v);
}
