// Hot path: tests one event scalar against every alternative of an item at once. Alternatives are
// bucketed by shape at compile time (a Map for whole-value equality, arrays of needles for
// prefix / suffix / substring, closures only for the rest), so a list of 200 `|endswith` values
// costs one lower-casing and 200 native endsWith calls, with no per-value closure or allocation.
import { lowerText } from './lower.js';
import { eventNumber, type ScalarTest } from './typed-values.js';
import type { StringTest, TextShape } from './wildcard.js';

/** An alternative tested on one element: its text (lower-cased unless cased) or its raw value. */
export type ElementLeaf =
  | { t: 'text'; lower: boolean; shape: TextShape }
  /** A rule number: equal to an event number or decimal string (bucketed in a Map). */
  | { t: 'number'; n: number }
  | { t: 'scalar'; test: ScalarTest };

class Bucket {
  eq = new Map<string, number>();
  anyGroup = -1;
  prefix: string[] = [];
  prefixG: number[] = [];
  suffix: string[] = [];
  suffixG: number[] = [];
  infix: string[] = [];
  infixG: number[] = [];
  fn: StringTest[] = [];
  fnG: number[] = [];
  size = 0;

  add(shape: TextShape, group: number): void {
    this.size++;
    switch (shape.kind) {
      case 'eq':
        if (!this.eq.has(shape.needle)) this.eq.set(shape.needle, group);
        break;
      case 'any':
        if (this.anyGroup < 0) this.anyGroup = group;
        break;
      case 'prefix':
        this.prefix.push(shape.needle);
        this.prefixG.push(group);
        break;
      case 'suffix':
        this.suffix.push(shape.needle);
        this.suffixG.push(group);
        break;
      case 'infix':
        this.infix.push(shape.needle);
        this.infixG.push(group);
        break;
      case 'fn':
        this.fn.push(shape.test);
        this.fnG.push(group);
        break;
    }
  }

  /** The group of the first alternative matching `s`, or -1. */
  match(s: string): number {
    if (this.anyGroup >= 0) return this.anyGroup;
    if (this.eq.size > 0) {
      const g = this.eq.get(s);
      if (g !== undefined) return g;
    }
    const { prefix, suffix, infix, fn } = this;
    for (let i = 0; i < prefix.length; i++) if (s.startsWith(prefix[i])) return this.prefixG[i];
    for (let i = 0; i < suffix.length; i++) if (s.endsWith(suffix[i])) return this.suffixG[i];
    for (let i = 0; i < infix.length; i++) if (s.includes(infix[i])) return this.infixG[i];
    for (let i = 0; i < fn.length; i++) if (fn[i](s)) return this.fnG[i];
    return -1;
  }
}

/** Every element-level alternative of an item (or of one |all group). */
export class ElementMatcher {
  private readonly lower = new Bucket();
  private readonly cased = new Bucket();
  private readonly scalar: ScalarTest[] = [];
  private readonly scalarG: number[] = [];
  private readonly numbers = new Map<number, number>();

  constructor(entries: readonly { leaf: ElementLeaf; group: number }[]) {
    for (const { leaf, group } of entries) {
      if (leaf.t === 'number') {
        if (!this.numbers.has(leaf.n)) this.numbers.set(leaf.n, group);
      } else if (leaf.t === 'scalar') {
        this.scalar.push(leaf.test);
        this.scalarG.push(group);
      } else (leaf.lower ? this.lower : this.cased).add(leaf.shape, group);
    }
  }

  get empty(): boolean {
    return this.lower.size + this.cased.size + this.scalar.length + this.numbers.size === 0;
  }

  /**
   * The group of the first alternative matching the element, or -1. `text` is the element's
   * string form (null for values without one, which only scalar tests see).
   */
  match(raw: unknown, text: string | null): number {
    if (this.numbers.size > 0) {
      const x = eventNumber(raw);
      if (x !== null) {
        const g = this.numbers.get(x);
        if (g !== undefined) return g;
      }
    }
    const scalar = this.scalar;
    for (let i = 0; i < scalar.length; i++) if (scalar[i](raw)) return this.scalarG[i];
    if (text === null) return -1;
    if (this.cased.size > 0) {
      const g = this.cased.match(text);
      if (g >= 0) return g;
    }
    if (this.lower.size > 0) return this.lower.match(lowerText(text));
    return -1;
  }
}
