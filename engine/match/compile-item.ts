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
import { diag, type DiagnosticCode } from '../diagnostics.js';
import { fieldGetter, scalarText, someElement } from './field-access.js';
import { lowerText } from './lower.js';
import { closestModifier, isModifier, type Modifier } from './modifiers.js';
import { compileRegex, regexRequiredLiteral } from './regex.js';
import { ANY, lowerSegments, type Segment } from './sigma-string.js';
import { booleanEquals, cidrContains, compare, timePartEquals } from './typed-values.js';
import { applyModifiers, type Group, type Val } from './values.js';
import { longestLiteral, wildcardShape } from './wildcard.js';
import { ElementMatcher, type ElementLeaf } from './element-matcher.js';

/** A compiled alternative: tested per element, or on the whole field value (null, exists, fieldref). */
type Leaf = ElementLeaf | { t: 'whole'; test: WholeTest };
/** Returns the matched text, or null. */
type WholeTest = (fieldValue: unknown, event: SigmaEvent) => string | null;

type Mapper = (field: string) => string;

function compileLeaf(v: Val, mapField: Mapper): Leaf | { error: DiagnosticCode; message: string } {
  switch (v.k) {
    case 'str': {
      const segs = v.cased ? v.segs : lowerSegments(v.segs);
      return { t: 'text', lower: !v.cased, shape: wildcardShape(segs) };
    }
    case 'num':
      return { t: 'number', n: v.n };
    case 'bool':
      return { t: 'scalar', test: booleanEquals(v.b) };
    case 'null':
      return { t: 'whole', test: (fv) => (isNullish(fv) ? '' : null) };
    case 're': {
      const r = compileRegex(v.src, v.flags, v.start, v.end);
      if (!r.ok) return { error: r.code, message: `regular expression '${v.src}': ${r.reason}` };
      return { t: 'text', lower: false, shape: { kind: 'fn', test: r.test } };
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
  const readOther = fieldGetter(otherField);
  return (fv: unknown, event: SigmaEvent): string | null => {
    const other = readOther(event);
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
      if (a.k === 're') {
        const lit = regexRequiredLiteral(a.src, a.flags.i);
        if (lit === null) return null;
        lits.push(lit);
        continue;
      }
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

/** Text of the element that matched in the last matchValue() call that returned a group. */
let hitText = '';

/**
 * The group of the first alternative matching `v` (an element of an array field matches when any
 * element does), or -1. `deep` (keyword search) also descends into objects.
 */
function matchValue(m: ElementMatcher, v: unknown, deep: boolean, depth: number): number {
  if (v === null || typeof v !== 'object') {
    const text = scalarText(v);
    const g = m.match(v, text);
    if (g >= 0) hitText = text ?? '';
    return g;
  }
  if (depth > 64) return -1;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const g = matchValue(m, v[i], deep, depth + 1);
      if (g >= 0) return g;
    }
    return -1;
  }
  if (!deep) return -1;
  const obj = v as Record<string, unknown>;
  for (const k in obj) {
    if (!hasOwn.call(obj, k)) continue;
    const g = matchValue(m, obj[k], deep, depth + 1);
    if (g >= 0) return g;
  }
  return -1;
}

const hasOwn = Object.prototype.hasOwnProperty;

/** The alternatives of some groups, split into whole-field tests and one element matcher. */
interface LeafSet {
  whole: { test: WholeTest; group: number }[];
  elements: ElementMatcher;
}

function leafSet(entries: { leaf: Leaf; group: number }[]): LeafSet {
  const whole: LeafSet['whole'] = [];
  const el: { leaf: ElementLeaf; group: number }[] = [];
  for (const e of entries) {
    if (e.leaf.t === 'whole') whole.push({ test: e.leaf.test, group: e.group });
    else el.push({ leaf: e.leaf, group: e.group });
  }
  return { whole, elements: new ElementMatcher(el) };
}

/** Group index of the first hit of `set` for a field item (hit text in hitText), or -1. */
function matchField(set: LeafSet, fv: unknown, event: SigmaEvent): number {
  for (let i = 0; i < set.whole.length; i++) {
    const r = set.whole[i].test(fv, event);
    if (r !== null) {
      hitText = r;
      return set.whole[i].group;
    }
  }
  if (fv === undefined || set.elements.empty) return -1;
  return matchValue(set.elements, fv, false, 0);
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
        // A number or boolean keyword is searched as text too: `4688` finds 'EventID 4688 ...'.
        if (a.k === 'num' || a.k === 'bool') a = { k: 'str', segs: [String(a.k === 'num' ? a.n : a.b)], binary: false, cased: false };
        if (a.k !== 'str') return a;
        const segs: Segment[] = [...a.segs];
        if (segs[0] !== ANY) segs.unshift(ANY);
        if (segs[segs.length - 1] !== ANY) segs.push(ANY);
        return { ...a, segs };
      });
    }
  }

  // A field map that has no entry for a field may return it unchanged, or nothing: read it as written.
  const fieldMap = ctx.fieldMap;
  const mapField: Mapper = fieldMap ? (f) => fieldMap(f) || f : (f) => f;
  const perGroup: { leaf: Leaf; group: number }[][] = [];
  let failed = false;
  groups.forEach((g, gi) => {
    const entries: { leaf: Leaf; group: number }[] = [];
    for (const a of g.alts) {
      if (keyword && a.k === 'null') {
        diagnostics.push(diag('INVALID_VALUE', 'error', 'null cannot be searched as a keyword', where));
        failed = true;
        continue;
      }
      const leaf = compileLeaf(a, mapField);
      if ('error' in leaf) {
        diagnostics.push(diag(leaf.error, 'error', leaf.message, where));
        failed = true;
      } else entries.push({ leaf, group: gi });
    }
    perGroup.push(entries);
  });
  if (failed) return { diagnostics };
  const patterns = groups.map((g) => patternText(g.raw));

  const field = spec.field;
  const eventField = field === null ? null : mapField(field);
  const renamed = eventField !== null && eventField !== field ? eventField : undefined;
  const mods = [...spec.modifiers];
  const mv = (group: number, value: string): MatchedValue =>
    renamed === undefined
      ? { field, modifiers: mods, pattern: patterns[group], value }
      : { field, modifiers: mods, pattern: patterns[group], value, eventField: renamed };

  /** One set for OR (first hit wins); one per rule value for |all (each must hit). */
  const sets = all ? perGroup.map(leafSet) : [leafSet(perGroup.flat())];
  const hitOf = (set: LeafSet, event: SigmaEvent, fv: unknown): number =>
    eventField === null ? matchValue(set.elements, event, true, 0) : matchField(set, fv, event);

  let positive: (event: SigmaEvent, fv: unknown) => MatchedValue[] | null;
  if (!all) {
    const set = sets[0];
    positive = (event, fv) => {
      const g = hitOf(set, event, fv);
      return g < 0 ? null : [mv(g, hitText)];
    };
  } else {
    positive = (event, fv) => {
      const out: MatchedValue[] = [];
      for (const set of sets) {
        const g = hitOf(set, event, fv);
        if (g < 0) return null;
        out.push(mv(g, hitText));
      }
      return out;
    };
  }

  const negPattern = spec.values.length === 1 ? patternText(spec.values[0]) : `[${spec.values.map(valueText).join(', ')}]`;
  const read = eventField === null ? null : fieldGetter(eventField);
  let test: (event: SigmaEvent) => MatchedValue[] | null;
  const simple = sets.length === 1 ? sets[0] : null;
  if (simple !== null && simple.whole.length === 0 && !negated && read !== null) {
    // The common case (a field, OR over plain alternatives): no extra closures on the hot path.
    const elements = simple.elements;
    test = (event) => {
      try {
        const fv = read(event);
        if (fv === undefined) return null;
        const g = matchValue(elements, fv, false, 0);
        return g < 0 ? null : [mv(g, hitText)];
      } catch {
        return null; // matching never throws (e.g. a hostile getter on an event object)
      }
    };
  } else {
    test = (event) => {
      try {
        const fv = read === null ? undefined : read(event);
        const r = positive(event, fv);
        if (!negated) return r;
        if (r !== null) return null;
        const value = fv === undefined ? '' : (scalarText(fv) ?? (Array.isArray(fv) ? fv.map((x) => scalarText(x) ?? '').join(', ') : ''));
        const m: MatchedValue = { field, modifiers: mods, pattern: negPattern, value };
        return [renamed === undefined ? m : { ...m, eventField: renamed }];
      } catch {
        return null; // matching never throws (e.g. a hostile getter on an event object)
      }
    };
  }

  const description = describeItem(spec);
  const item: CompiledItem = {
    test,
    requiredLiterals: requiredLiterals(groups, all, negated),
    describe: () => description,
  };
  return { item, diagnostics };
};
