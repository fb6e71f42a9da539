// Applies a detection item's modifiers, in the order written, to its rule values (Sigma spec:
// "The value modifiers are applied in the given order to the value"). Each rule value becomes a
// group of alternatives (|windash, |base64offset and |expand can turn one value into several);
// the result is later compiled into matchers (compile-item.ts).
//
// Type rules follow pySigma: |re, |cidr and |exists take the unmodified value; |base64* refuses
// wildcards; |i |m |s only follow |re; |lt.. and the time parts take numbers. Numbers and booleans
// given to a string modifier (`EventID|startswith: 46`) are read as their text.
import type { DiagnosticCode } from '../diagnostics.js';
import {
  base64,
  base64Offsets,
  byteStringBytes,
  utf16be,
  utf16le,
  UTF16_BOM,
  utf8Bytes,
  windashPositions,
  windashVariants,
} from './encoding.js';
import type { Comparison, Modifier, TimePart } from './modifiers.js';
import type { RegexFlags } from './regex.js';
import {
  ANY,
  hasPlaceholders,
  hasWildcards,
  isPlaceholder,
  mapLiterals,
  normalise,
  parseSigmaString,
  plainText,
  type Segment,
} from './sigma-string.js';
import { eventNumber, parseCidr } from './typed-values.js';

export type Val =
  | { k: 'str'; segs: Segment[]; binary: boolean; cased: boolean }
  | { k: 'num'; n: number }
  | { k: 'bool'; b: boolean }
  | { k: 'null' }
  | { k: 're'; src: string; flags: RegexFlags; start: boolean; end: boolean }
  | { k: 'cidr'; text: string; range: Exclude<ReturnType<typeof parseCidr>, string> }
  | { k: 'cmp'; op: Comparison; n: number }
  | { k: 'exists'; b: boolean }
  | { k: 'fieldref'; name: string; start: boolean; end: boolean; cased: boolean }
  | { k: 'time'; part: TimePart; n: number };

/** One rule value and what it became. */
export interface Group {
  raw: unknown;
  alts: Val[];
}

export class ValueError extends Error {
  constructor(
    readonly code: DiagnosticCode,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** A windash value with more dash positions than this would expand to over 5^4 variants. */
export const MAX_WINDASH_POSITIONS = 4;

/** Modifiers that act on the list of values as a whole, not on each value. */
const LIST_MODIFIERS = new Set<Modifier>(['all', 'neq']);

export interface ApplyContext {
  keyword: boolean;
  placeholders?: Record<string, string[]>;
}

/** The initial form of a YAML value. */
export function initialValue(raw: unknown, withPlaceholders: boolean): Val {
  if (raw === null || raw === undefined) return { k: 'null' };
  if (typeof raw === 'string') return { k: 'str', segs: parseSigmaString(raw, withPlaceholders), binary: false, cased: false };
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) throw new ValueError('INVALID_VALUE', `${raw} is not a usable number`);
    return { k: 'num', n: raw };
  }
  if (typeof raw === 'bigint') return { k: 'str', segs: [String(raw)], binary: false, cased: false };
  if (typeof raw === 'boolean') return { k: 'bool', b: raw };
  if (raw instanceof Date) {
    // js-yaml's default schema turns unquoted dates into Date objects; match their ISO text.
    return { k: 'str', segs: [raw.toISOString()], binary: false, cased: false };
  }
  throw new ValueError('INVALID_VALUE', `a value must be a string, number, boolean or null, not ${Array.isArray(raw) ? 'a list' : 'a map'}`);
}

function asString(v: Val, mod: string): Extract<Val, { k: 'str' }> {
  if (v.k === 'str') return v;
  if (v.k === 'num') return { k: 'str', segs: [String(v.n)], binary: false, cased: false };
  if (v.k === 'bool') return { k: 'str', segs: [String(v.b)], binary: false, cased: false };
  throw new ValueError('MODIFIER_CONFLICT', `|${mod} cannot apply to ${kindName(v)}`);
}

function kindName(v: Val): string {
  switch (v.k) {
    case 'str': return 'a string';
    case 'num': return 'a number';
    case 'bool': return 'a boolean';
    case 'null': return 'null';
    case 're': return 'a regular expression (|re)';
    case 'cidr': return 'a CIDR range (|cidr)';
    case 'cmp': return 'a numeric comparison';
    case 'exists': return 'an |exists check';
    case 'fieldref': return 'a field reference (|fieldref)';
    case 'time': return 'a time part';
  }
}

/** Text of a value that |re, |cidr or |fieldref read as written. */
function rawText(raw: unknown, mod: string): string {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  throw new ValueError('INVALID_VALUE', `|${mod} needs a string value`);
}

function requireUnmodified(mod: string, applied: readonly Modifier[]): void {
  const valueMods = applied.filter((m) => !LIST_MODIFIERS.has(m));
  if (valueMods.length > 0) {
    throw new ValueError('MODIFIER_CONFLICT', `|${mod} only applies to an unmodified value, but follows |${valueMods.join('|')}`, `put |${mod} first`);
  }
}

function encodeBytes(v: Extract<Val, { k: 'str' }>, mod: string, addedWildcards: boolean): number[] {
  if (hasPlaceholders(v.segs)) throw new ValueError('MODIFIER_CONFLICT', `|${mod} cannot encode an unexpanded placeholder`, 'put |expand before it');
  if (hasWildcards(v.segs)) {
    if (addedWildcards) throw new ValueError('MODIFIER_CONFLICT', `|${mod} cannot encode wildcards added by an earlier modifier`, `put |contains/|startswith/|endswith after |${mod}`);
    throw new ValueError('INVALID_VALUE', `|${mod} cannot encode a value with wildcards (* or ?); escape them as \\* \\?`);
  }
  const text = plainText(v.segs);
  return v.binary ? byteStringBytes(text) : utf8Bytes(text);
}

/** Applies one modifier to one value; returns its alternatives. */
function applyOne(v: Val, mod: Modifier, applied: readonly Modifier[], raw: unknown, ctx: ApplyContext): Val[] {
  const addedWildcards = applied.some((m) => m === 'contains' || m === 'startswith' || m === 'endswith');
  switch (mod) {
    case 'all':
    case 'neq':
      return [v];
    case 'contains':
    case 'startswith':
    case 'endswith': {
      const head = mod !== 'startswith';
      const tail = mod !== 'endswith';
      if (v.k === 're') return [{ ...v, start: v.start || mod === 'startswith', end: v.end || mod === 'endswith' }];
      // fieldref: start = "the value starts with the referenced one" (|contains sets both).
      if (v.k === 'fieldref') return [{ ...v, start: v.start || mod !== 'endswith', end: v.end || mod !== 'startswith' }];
      const s = asString(v, mod);
      let segs = s.segs;
      if (head && segs[0] !== ANY) segs = [ANY, ...segs];
      if (tail && segs[segs.length - 1] !== ANY) segs = [...segs, ANY];
      return [{ ...s, segs }];
    }
    case 'cased': {
      if (v.k === 'fieldref') return [{ ...v, cased: true }];
      return [{ ...asString(v, mod), cased: true }];
    }
    case 'windash': {
      const s = asString(v, mod);
      // Positions are found per literal part; the variants are the product over all of them.
      const perSeg = s.segs.map((seg) => (typeof seg === 'string' ? windashPositions(seg) : []));
      const count = perSeg.reduce((n, p) => n + p.length, 0);
      if (count > MAX_WINDASH_POSITIONS) {
        throw new ValueError('UNSUPPORTED', `|windash on a value with ${count} dash positions (more than ${MAX_WINDASH_POSITIONS}) would expand to ${5 ** count} variants`, 'split the value');
      }
      let variants: Segment[][] = [[]];
      s.segs.forEach((seg, i) => {
        const options: Segment[] = typeof seg === 'string' ? windashVariants(seg, perSeg[i]) : [seg];
        variants = variants.flatMap((prefix) => options.map((o): Segment[] => [...prefix, o]));
      });
      return variants.map((segs) => ({ ...s, segs: normalise(segs) }));
    }
    case 'base64': {
      const s = asString(v, mod);
      return [{ k: 'str', segs: [base64(encodeBytes(s, mod, addedWildcards))], binary: false, cased: s.cased }];
    }
    case 'base64offset': {
      const s = asString(v, mod);
      const bytes = encodeBytes(s, mod, addedWildcards);
      // With one byte, one of the three forms is empty and would match every value.
      if (bytes.length < 2) throw new ValueError('INVALID_VALUE', '|base64offset needs a value of at least 2 bytes (shorter values have an empty encoded form that matches everything)');
      return base64Offsets(bytes).map((text) => ({ k: 'str', segs: text === '' ? [] : [text], binary: false, cased: s.cased }));
    }
    case 'utf16le':
    case 'wide':
      return [{ ...asString(v, mod), segs: mapLiterals(asString(v, mod).segs, utf16le), binary: true }];
    case 'utf16be':
      return [{ ...asString(v, mod), segs: mapLiterals(asString(v, mod).segs, utf16be), binary: true }];
    case 'utf16': {
      const s = asString(v, mod);
      return [{ ...s, segs: normalise([UTF16_BOM, ...mapLiterals(s.segs, utf16le)]), binary: true }];
    }
    case 're': {
      requireUnmodified(mod, applied);
      if (v.k !== 'str' && v.k !== 'num') throw new ValueError('INVALID_VALUE', `|re needs a string pattern, not ${kindName(v)}`);
      return [{ k: 're', src: rawText(raw, mod), flags: { i: false, m: false, s: false }, start: false, end: false }];
    }
    case 'i':
    case 'ignorecase':
    case 'm':
    case 'multiline':
    case 's':
    case 'dotall': {
      if (v.k !== 're') throw new ValueError('MODIFIER_CONFLICT', `|${mod} is a regular expression flag and must follow |re`);
      const flag = mod[0] === 'i' ? 'i' : mod[0] === 'm' ? 'm' : 's';
      return [{ ...v, flags: { ...v.flags, [flag]: true } }];
    }
    case 'cidr': {
      requireUnmodified(mod, applied);
      if (v.k !== 'str') throw new ValueError('INVALID_VALUE', `|cidr needs a network such as 10.0.0.0/8, not ${kindName(v)}`);
      const text = rawText(raw, mod);
      const range = parseCidr(text);
      if (typeof range === 'string') throw new ValueError('INVALID_VALUE', `'${text}' is not a CIDR network: ${range}`);
      return [{ k: 'cidr', text, range }];
    }
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte': {
      requireUnmodified(mod, applied);
      // A quoted rule number is read like an event value: decimal only ('0x10' is not a number here).
      const n = v.k === 'num' ? v.n : v.k === 'str' && !hasWildcards(v.segs) ? (eventNumber(plainText(v.segs)) ?? NaN) : NaN;
      if (!Number.isFinite(n)) throw new ValueError('INVALID_VALUE', `|${mod} needs a number, not ${kindName(v)}`);
      return [{ k: 'cmp', op: mod, n }];
    }
    case 'exists': {
      if (ctx.keyword) throw new ValueError('MODIFIER_CONFLICT', '|exists needs a field; a keyword search has none');
      requireUnmodified(mod, applied);
      if (v.k === 'bool') return [{ k: 'exists', b: v.b }];
      if (v.k === 'str' && /^(true|false)$/i.test(plainText(v.segs)) && !hasWildcards(v.segs)) {
        return [{ k: 'exists', b: plainText(v.segs).toLowerCase() === 'true' }];
      }
      throw new ValueError('INVALID_VALUE', `|exists takes true or false, not ${kindName(v)}`);
    }
    case 'fieldref': {
      if (ctx.keyword) throw new ValueError('MODIFIER_CONFLICT', '|fieldref needs a field; a keyword search has none');
      const s = asString(v, mod);
      if (hasWildcards(s.segs)) {
        if (addedWildcards) throw new ValueError('MODIFIER_CONFLICT', '|fieldref must come before |contains/|startswith/|endswith', 'write field|fieldref|contains');
        throw new ValueError('INVALID_VALUE', 'a field reference cannot contain wildcards');
      }
      requireUnmodified(mod, applied.filter((m) => m !== 'cased'));
      const name = plainText(s.segs);
      if (name === '') throw new ValueError('INVALID_VALUE', '|fieldref needs a field name');
      return [{ k: 'fieldref', name, start: false, end: false, cased: s.cased }];
    }
    case 'expand': {
      if (v.k === 're') throw new ValueError('UNSUPPORTED', '|expand on a regular expression (|re) is not supported');
      const s = asString(v, mod);
      let variants: Segment[][] = [[]];
      for (const seg of s.segs) {
        let options: Segment[][];
        if (isPlaceholder(seg)) {
          const values = ctx.placeholders?.[seg.placeholder];
          if (!values) {
            throw new ValueError('UNKNOWN_PLACEHOLDER', `placeholder %${seg.placeholder}% has no values`, `define ${seg.placeholder} in the placeholder configuration`);
          }
          options = values.map((pv) => (s.binary ? [pv] : parseSigmaString(pv)));
        } else {
          options = [[seg]];
        }
        variants = variants.flatMap((prefix) => options.map((o) => [...prefix, ...o]));
      }
      return variants.map((segs) => ({ ...s, segs: normalise(segs) }));
    }
    case 'minute':
    case 'hour':
    case 'day':
    case 'week':
    case 'month':
    case 'year': {
      requireUnmodified(mod, applied);
      const n = v.k === 'num' ? v.n : v.k === 'str' && /^\s*\d+\s*$/.test(plainText(v.segs)) && !hasWildcards(v.segs) ? Number(plainText(v.segs)) : NaN;
      if (!Number.isInteger(n)) throw new ValueError('INVALID_VALUE', `|${mod} needs a whole number, not ${kindName(v)}`);
      return [{ k: 'time', part: mod, n }];
    }
  }
}

/**
 * Runs the modifier chain over every value. Errors are collected per value (one bad value does not
 * hide problems of the next); the caller reports them.
 */
export function applyModifiers(
  values: unknown[],
  modifiers: readonly Modifier[],
  ctx: ApplyContext,
): { groups: Group[]; errors: ValueError[] } {
  const withPlaceholders = modifiers.includes('expand');
  const groups: Group[] = [];
  const errors: ValueError[] = [];
  for (const raw of values) {
    try {
      let alts: Val[] = [initialValue(raw, withPlaceholders)];
      const applied: Modifier[] = [];
      for (const mod of modifiers) {
        if (alts.some((a) => a.k === 'null') && !LIST_MODIFIERS.has(mod)) {
          throw new ValueError('INVALID_VALUE', `null cannot take |${mod}; null matches a missing or empty field as it is`);
        }
        alts = alts.flatMap((a) => applyOne(a, mod, applied, raw, ctx));
        applied.push(mod);
      }
      for (const a of alts) {
        if (a.k === 'str' && hasPlaceholders(a.segs)) throw new ValueError('UNKNOWN_PLACEHOLDER', 'placeholder left unexpanded');
      }
      groups.push({ raw, alts });
    } catch (e) {
      if (e instanceof ValueError) errors.push(e);
      else throw e;
    }
  }
  return { groups, errors };
}
