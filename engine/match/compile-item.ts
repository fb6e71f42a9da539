// compileItem: one detection item (`field|modifiers: values`, or a keyword list) -> a CompiledItem
// whose test() runs precompiled closures. The contract is engine/detection-item.ts.
//
// Semantics (Sigma spec v2.1; table-driven tests in tests/engine/match*.test.ts):
// - Strings match the whole value, case-insensitively unless |cased, with `*` `?` wildcards and `\`
//   escapes; '' matches only an empty value; a list is OR (|all: AND).
// - A missing field matches no value except `null`; `null` matches a missing or null field.
// - Numbers/booleans in events compare by their text for string patterns (4688 ~ '4688'); a rule
//   number matches an event number or decimal string of the same value.
// - A field holding an array matches when any element matches.
// - |neq negates the whole item (pySigma's negation modifier): with a missing field it is true,
//   like `not` in a condition.
// - |re searches anywhere in the value (unanchored, case-sensitive unless |i or an inline (?i));
//   |re|startswith / |re|endswith pin it to the start / end of the value.
// - Keyword (fieldless) items search every string/number/boolean value of the event, at any depth,
//   with contains semantics: a keyword is implicitly `*value*` (as Chainsaw/Zircolite and the
//   text-search backends do), so `'event::clear'` finds `... event::clear ...`.
import type { Diagnostic, MatchedValue, SigmaEvent } from '../api.js';
import type { CompiledItem, CompileItem, DetectionItemSpec, ItemContext } from '../detection-item.js';
import { diag } from '../diagnostics.js';
import { getField, scalarText, someElement, someScalarDeep } from './field-access.js';
import { lowerText } from './lower.js';
import { closestModifier, isModifier, type Modifier } from './modifiers.js';
import { compileRegex } from './regex.js';
import { ANY, lowerSegments, type Segment } from './sigma-string.js';
import { booleanEquals, cidrContains, compare, numberEquals, timePartEquals, type ScalarTest } from './typed-values.js';
import { applyModifiers, type Group, type Val } from './values.js';
import { compileWildcard, longestLiteral, type StringTest } from './wildcard.js';

/** A compiled alternative: how one value is tested. */
type Leaf =
  /** On the text of each element; `lower` when the pattern was lower-cased (case-insensitive). */
  | { t: 'text'; lower: boolean; test: StringTest }
  /** On each raw element (numbers, booleans, comparisons, CIDR, time parts). */
  | { t: 'scalar'; test: ScalarTest }
  /** On the whole field value and the event (null, exists, fieldref); returns the matched text. */
  | { t: 'whole'; test: (fieldValue: unknown, event: SigmaEvent) => string | null };

interface CompiledGroup {
  pattern: string;
  leaves: Leaf[];
}

type Mapper = (field: string) => string;

function compileLeaf(v: Val, mapField: Mapper): Leaf | { error: Diagnostic['code']; message: string } {
  switch (v.k) {
    case 'str': {
      const segs = v.cased ? v.segs : lowerSegments(v.segs);
      return { t: 'text', lower: !v.cased, test: compileWildcard(segs) };
    }
    case 'num':
      return { t: 'scalar', test: numberEquals(v.n) };
    case 'bool':
      return { t: 'scalar', test: booleanEquals(v.b) };
    case 'null':
      return { t: 'whole', test: (fv) => (isNullish(fv) ? '' : null) };
    case 're': {
      const r = compileRegex(v.src, v.flags, v.start, v.end);
      if (!r.ok) return { error: r.code, message: `regular expression '${v.src}': ${r.reason}` };
      return { t: 'text', lower: false, test: r.test };
    }
    case 'cidr':
      return { t: 'scalar', test: cidrContains(v.range) };
    case 'cmp':
      return { t: 'scalar', test: compare(v.op, v.n) };
    case 'exists':
      return { t: 'whole', test: v.b ? (fv) => (fv !== undefined ? (scalarText(fv) ?? '') : null) : (fv) => (fv === undefined ? '' : null) };
    case 'fieldref':
      return { t: 'whole', test: fieldRefTest(v, mapField(v.name)) };
    case 'time':
      return { t: 'scalar', test: timePartEquals(v.part, v.n) };
  }
}

function isNullish(fv: unknown): boolean {
  if (fv === undefined || fv === null) return true;
  return Array.isArray(fv) && fv.every(isNullish);
}

function fieldRefTest(v: Extract<Val, { k: 'fieldref' }>, otherField: string) {
  const norm = v.cased ? (s: string) => s : lowerText;
  const cmp: (value: string, ref: string) => boolean =
    v.start && v.end ? (a, b) => a.includes(b) : v.start ? (a, b) => a.startsWith(b) : v.end ? (a, b) => a.endsWith(b) : (a, b) => a === b;
  return (fv: unknown, event: SigmaEvent): string | null => {
    const other = getField(event, otherField);
    if (other === undefined) return null;
    let hit: string | null = null;
    someElement(fv, (el) => {
      const a = scalarText(el);
      if (a === null) return false;
      const na = norm(a);
      return someElement(other, (ref) => {
        const b = scalarText(ref);
        if (b === null || !cmp(na, norm(b))) return false;
        hit = a;
        return true;
      });
    });
    return hit;
  };
}

/** YAML-style text of a rule value, stable for describe() and MatchedValue.pattern. */
export function valueText(raw: unknown): string {
  if (typeof raw === 'string') return `'${raw.replace(/'/g, "''")}'`;
  if (raw === null || raw === undefined) return 'null';
  if (raw instanceof Date) return raw.toISOString();
  return String(raw);
}

function patternText(raw: unknown): string {
  return typeof raw === 'string' ? raw : raw === null || raw === undefined ? 'null' : raw instanceof Date ? raw.toISOString() : String(raw);
}

/**
 * Lower-cased strings of which one must occur in the event whenever the item matches, or null.
 * Every alternative of a group must contribute a literal, else the group (and for OR the item) is
 * unknown; with |all one group's literals suffice (the most selective is picked).
 */
function requiredLiterals(groups: Group[], all: boolean, negated: boolean): string[] | null {
  if (negated || groups.length === 0) return null;
  const perGroup = groups.map((g) => {
    const lits: string[] = [];
    for (const a of g.alts) {
      if (a.k !== 'str') return null;
      const lit = longestLiteral(lowerSegments(a.segs));
      if (lit === null) return null;
      lits.push(lit);
    }
    return [...new Set(lits)];
  });
  if (!all) {
    if (perGroup.some((p) => p === null)) return null;
    return [...new Set(perGroup.flat() as string[])];
  }
  let best: string[] | null = null;
  let bestScore = -1;
  for (const p of perGroup) {
    if (p === null) continue;
    const score = Math.min(...p.map((s) => s.length)) - p.length / 100;
    if (score > bestScore) {
      best = p;
      bestScore = score;
    }
  }
  return best;
}

function firstLeafHit(leaves: readonly Leaf[], fv: unknown, event: SigmaEvent): string | null {
  let hit: string | null = null;
  let elementLeaves = false;
  for (const leaf of leaves) {
    if (leaf.t === 'whole') {
      const r = leaf.test(fv, event);
      if (r !== null) return r;
    } else elementLeaves = true;
  }
  if (!elementLeaves || fv === undefined) return null;
  someElement(fv, (el) => {
    const r = elementHit(leaves, el);
    if (r === null) return false;
    hit = r;
    return true;
  });
  return hit;
}

/** Tests one scalar against the element leaves; returns its text when one matches. */
function elementHit(leaves: readonly Leaf[], el: unknown): string | null {
  const text = scalarText(el);
  let lower: string | null = null;
  for (const leaf of leaves) {
    if (leaf.t === 'scalar') {
      if (leaf.test(el)) return text ?? '';
    } else if (leaf.t === 'text' && text !== null) {
      if (leaf.lower) {
        if (lower === null) lower = lowerText(text);
        if (leaf.test(lower)) return text;
      } else if (leaf.test(text)) return text;
    }
  }
  return null;
}

function keywordHit(leaves: readonly Leaf[], event: SigmaEvent): string | null {
  let hit: string | null = null;
  someScalarDeep(event, (el) => {
    const r = elementHit(leaves, el);
    if (r === null) return false;
    hit = r;
    return true;
  });
  return hit;
}

function describeItem(spec: DetectionItemSpec): string {
  const key = `${spec.field ?? ''}${spec.modifiers.map((m) => `|${m}`).join('')}`;
  const vals = spec.values.length === 1 ? valueText(spec.values[0]) : `[${spec.values.map(valueText).join(', ')}]`;
  return key === '' ? vals : `${key}: ${vals}`;
}

export const compileItem: CompileItem = (spec: DetectionItemSpec, ctx: ItemContext) => {
  const diagnostics: Diagnostic[] = [];
  const where = { file: ctx.file, path: spec.path, ...(ctx.rule !== undefined ? { rule: ctx.rule } : {}) };
  const keyword = spec.field === null;

  // 1. The modifier names.
  const modifiers: Modifier[] = [];
  for (const m of spec.modifiers) {
    if (isModifier(m)) {
      modifiers.push(m);
      continue;
    }
    const near = closestModifier(m);
    diagnostics.push(
      diag('UNKNOWN_MODIFIER', 'error', `unknown modifier '${m}'`, {
        ...where,
        ...(near ? { hint: `did you mean ${near}?` } : { hint: 'see the Sigma modifiers appendix for the known modifiers' }),
      }),
    );
  }
  if (diagnostics.length) return { diagnostics };
  const seen = new Set<string>();
  for (const m of modifiers) {
    if (seen.has(m)) diagnostics.push(diag('MODIFIER_CONFLICT', 'error', `modifier |${m} appears twice`, where));
    seen.add(m);
  }
  const wildcardMods = modifiers.filter((m) => m === 'contains' || m === 'startswith' || m === 'endswith');
  if (wildcardMods.length > 1) {
    diagnostics.push(diag('MODIFIER_CONFLICT', 'error', `|${wildcardMods.join(' and |')} cannot be combined`, { ...where, hint: 'use one of contains, startswith, endswith' }));
  }
  if (diagnostics.length) return { diagnostics };
  const all = modifiers.includes('all');
  const negated = modifiers.includes('neq');

  // 2. The values.
  if (spec.values.length === 0) {
    return { diagnostics: [diag('INVALID_VALUE', 'error', 'the item has no values (an empty list)', where)] };
  }
  if (all && spec.values.length === 1) {
    diagnostics.push(diag('MODIFIER_CONFLICT', 'warning', '|all on a single value has no effect (the spec disallows it)', { ...where, hint: 'drop |all' }));
  }
  if (spec.values.length > 1 && spec.values.some((v) => v === null)) {
    diagnostics.push(diag('INVALID_VALUE', 'warning', 'null inside a list of values (the spec asks for a separate selection)', { ...where, hint: 'move `field: null` into its own selection' }));
  }
  const { groups, errors } = applyModifiers(spec.values, modifiers, { keyword, placeholders: ctx.placeholders });
  for (const e of errors) diagnostics.push(diag(e.code, 'error', e.message, { ...where, ...(e.hint ? { hint: e.hint } : {}) }));
  if (errors.length) return { diagnostics };

  // 3. Matchers.
  if (keyword) {
    // Keywords are implicitly *value* (see the header). String leaves get the wildcards here,
    // after the modifiers, so |windash/|base64offset variants are each searched as substrings.
    for (const g of groups) {
      g.alts = g.alts.map((a): Val => {
        if (a.k !== 'str') return a;
        const segs: Segment[] = [...a.segs];
        if (segs[0] !== ANY) segs.unshift(ANY);
        if (segs[segs.length - 1] !== ANY) segs.push(ANY);
        return { ...a, segs };
      });
    }
  }

  const mapField: Mapper = ctx.fieldMap ?? ((f) => f);
  const compiled: CompiledGroup[] = [];
  let failed = false;
  for (const g of groups) {
    const leaves: Leaf[] = [];
    for (const a of g.alts) {
      if (keyword && a.k === 'null') {
        diagnostics.push(diag('INVALID_VALUE', 'error', 'null cannot be searched as a keyword', where));
        failed = true;
        continue;
      }
      const leaf = compileLeaf(a, mapField);
      if ('error' in leaf) {
        diagnostics.push(diag(leaf.error as never, 'error', leaf.message, where));
        failed = true;
      } else leaves.push(leaf);
    }
    compiled.push({ pattern: patternText(g.raw), leaves });
  }
  if (failed) return { diagnostics };
  const field = spec.field;
  const eventField = field === null ? null : mapField(field);
  const renamed = eventField !== null && eventField !== field ? eventField : undefined;
  const mods = [...spec.modifiers];
  const mv = (pattern: string, value: string): MatchedValue =>
    renamed === undefined ? { field, modifiers: mods, pattern, value } : { field, modifiers: mods, pattern, value, eventField: renamed };

  const hitFor = (g: CompiledGroup, event: SigmaEvent, fv: unknown): string | null =>
    eventField === null ? keywordHit(g.leaves, event) : firstLeafHit(g.leaves, fv, event);

  let positive: (event: SigmaEvent, fv: unknown) => MatchedValue[] | null;
  if (all) {
    positive = (event, fv) => {
      const out: MatchedValue[] = [];
      for (const g of compiled) {
        const hit = hitFor(g, event, fv);
        if (hit === null) return null;
        out.push(mv(g.pattern, hit));
      }
      return out;
    };
  } else if (compiled.length === 1) {
    const g = compiled[0];
    positive = (event, fv) => {
      const hit = hitFor(g, event, fv);
      return hit === null ? null : [mv(g.pattern, hit)];
    };
  } else {
    positive = (event, fv) => {
      for (const g of compiled) {
        const hit = hitFor(g, event, fv);
        if (hit !== null) return [mv(g.pattern, hit)];
      }
      return null;
    };
  }

  const negPattern = spec.values.length === 1 ? patternText(spec.values[0]) : `[${spec.values.map(valueText).join(', ')}]`;
  const test = (event: SigmaEvent): MatchedValue[] | null => {
    try {
      const fv = eventField === null ? undefined : getField(event, eventField);
      const r = positive(event, fv);
      if (!negated) return r;
      if (r !== null) return null;
      return [mv(negPattern, fv === undefined ? '' : scalarText(fv) ?? (Array.isArray(fv) ? fv.map((x) => scalarText(x) ?? '').join(', ') : ''))];
    } catch {
      // Defensive: matching must never throw (e.g. a hostile getter on an event object).
      return null;
    }
  };

  const description = describeItem(spec);
  const item: CompiledItem = {
    test,
    requiredLiterals: requiredLiterals(groups, all, negated),
    describe: () => description,
  };
  return { item, diagnostics };
};
