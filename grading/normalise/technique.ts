// ATT&CK techniques: ids in any common spelling ("T1059.001", "t1059/001", "T1059 .001") and names
// (ATT&CK's, "Parent: Sub" display names, and a few common aliases) resolved to canonical ids.
import { ATTACK_TECHNIQUES, TECHNIQUE_ALIASES } from '../attack-techniques.js';
import { fold, findPhrase, type Span } from '../text.js';

const ID_RE = /\bT\s?(\d{4})(?:\s?[./]\s?(\d{3}))?(?!\d)/gi;

/** Canonical id ("T1059.001") when `value` is a technique id, else null. */
export function parseTechniqueId(value: string): string | null {
  const m = /^\s*T\s?(\d{4})(?:\s?[./]\s?(\d{3}))?\s*$/i.exec(value);
  return m ? `T${m[1]}${m[2] ? '.' + m[2] : ''}` : null;
}

export function parentOf(id: string): string {
  return id.split('.')[0];
}

/** Name (folded) -> id, built once: ATT&CK names, "Parent: Sub" names, aliases. Ambiguous names left out. */
const NAME_INDEX: Map<string, string> = (() => {
  const counts = new Map<string, Set<string>>();
  const add = (name: string, id: string) => {
    const k = fold(name);
    let s = counts.get(k);
    if (!s) counts.set(k, (s = new Set()));
    s.add(id);
  };
  for (const [id, name] of Object.entries(ATTACK_TECHNIQUES)) {
    add(name, id);
    if (id.includes('.')) {
      const parent = ATTACK_TECHNIQUES[parentOf(id)];
      if (parent) {
        add(`${parent}: ${name}`, id);
        add(`${parent} - ${name}`, id);
        add(`${parent} (${name})`, id);
      }
    }
  }
  for (const [alias, id] of Object.entries(TECHNIQUE_ALIASES)) add(alias, id);
  const out = new Map<string, string>();
  for (const [k, ids] of counts) if (ids.size === 1) out.set(k, [...ids][0]);
  return out;
})();

/** Resolves one technique as written (id or name, possibly "T1059.001 - PowerShell") to an id. */
export function resolveTechnique(value: string): string | null {
  const id = parseTechniqueId(value);
  if (id) return id;
  const lead = /^\s*(T\s?\d{4}(?:\s?[./]\s?\d{3})?)\b/i.exec(value);
  if (lead) return parseTechniqueId(lead[1]);
  return NAME_INDEX.get(fold(value)) ?? null;
}

/** Names safe to look for in running text: several words, or distinctive single words. */
const TEXT_NAMES: [string, string][] = [...NAME_INDEX.entries()].filter(
  ([name]) => name.includes(' ') || ['kerberoasting', 'dcsync', 'kerberoast', 'webshell'].includes(name),
);

export interface TechniqueMention {
  id: string;
  span: Span;
}

/** Technique ids and distinctive names mentioned anywhere in running text. */
export function findTechniques(text: string): TechniqueMention[] {
  const out: TechniqueMention[] = [];
  for (const m of text.matchAll(ID_RE)) {
    out.push({ id: `T${m[1]}${m[2] ? '.' + m[2] : ''}`, span: { start: m.index, end: m.index + m[0].length } });
  }
  const folded = fold(text);
  for (const [name, id] of TEXT_NAMES) {
    if (!folded.includes(name)) continue;
    const span = findPhrase(text, name);
    if (span) out.push({ id, span });
  }
  return out;
}

/** The ATT&CK name of an id ("Command and Scripting Interpreter: PowerShell"), if in the table. */
export function techniqueName(id: string): string | undefined {
  const name = ATTACK_TECHNIQUES[id];
  if (!name || !id.includes('.')) return name;
  const parent = ATTACK_TECHNIQUES[parentOf(id)];
  return parent ? `${parent}: ${name}` : name;
}

/**
 * How a reported technique id stands against a key's technique: the same id, one of `alsoAccept`,
 * or a sub-technique of it is full credit; the parent of a key sub-technique is full credit when
 * `acceptParent`, else partial.
 */
export function compareTechnique(
  key: { technique: string; acceptParent: boolean; alsoAccept?: string[] },
  reported: string,
): 'full' | 'partial' | null {
  const id = key.technique;
  if (reported === id || key.alsoAccept?.includes(reported)) return 'full';
  if (!id.includes('.') && parentOf(reported) === id) return 'full';
  if (id.includes('.') && reported === parentOf(id)) return key.acceptParent ? 'full' : 'partial';
  return null;
}
