// Literal prefilter: one Aho-Corasick pass over an event's values tells which rule detections could
// match at all. Each detection brings its required literals (CompiledDetection.requiredLiterals: at
// least one occurs, lower-cased, inside some value of the event whenever the detection matches); a
// detection none of whose literals occur is skipped without being evaluated. Detections without
// literals always pass. Sound by construction as long as the literal sets are (engine/match states
// them per item; compile/literals.ts combines them through and/or/not).
import type { SigmaEvent } from '../api.js';
import { scalarText } from '../match/field-access.js';
import { lowerText } from '../match/lower.js';

/** Deeper events are not scanned: every detection passes for them (the matcher itself stops at 64). */
const MAX_DEPTH = 64;

export class LiteralPrefilter {
  /** Per detection: the ids of its literals, or null (always passes). */
  private readonly literalIds: (Int32Array | null)[];
  /** Trie transitions (state, UTF-16 code unit) -> state. */
  private readonly goto = new TransitionTable();
  private fail: Int32Array = new Int32Array(1);
  /** Literal ending exactly at a state (-1: none). */
  private outputs: Int32Array = new Int32Array(1);
  /** Nearest state on the fail chain that has an output (-1: none). */
  private dictLink: Int32Array = new Int32Array(1);
  /** seen[literal] === generation when the literal occurred in the current event. */
  private readonly seen: Uint32Array;
  private generation = 0;
  private everything = false;
  readonly literalCount: number;

  constructor(sets: readonly (readonly string[] | null)[]) {
    const ids = new Map<string, number>();
    this.literalIds = sets.map((set) => {
      if (set === null || set.length === 0 || set.some((s) => s.length === 0)) return null;
      return Int32Array.from(set, (s) => {
        let id = ids.get(s);
        if (id === undefined) {
          id = ids.size;
          ids.set(s, id);
        }
        return id;
      });
    });
    this.literalCount = ids.size;
    this.seen = new Uint32Array(ids.size);
    this.build([...ids.keys()]);
  }

  private build(literals: string[]): void {
    const outputs: number[] = [-1];
    literals.forEach((literal, id) => {
      let state = 0;
      for (let i = 0; i < literal.length; i++) {
        const code = literal.charCodeAt(i);
        let next = this.goto.get(state, code);
        if (next < 0) {
          next = outputs.length;
          outputs.push(-1);
          this.goto.set(state, code, next);
        }
        state = next;
      }
      outputs[state] = id;
    });
    const count = outputs.length;
    this.outputs = Int32Array.from(outputs);
    this.fail = new Int32Array(count);
    this.dictLink = new Int32Array(count).fill(-1);
    // Children per state in compressed rows (no per-state arrays), for the breadth-first fail pass.
    const firstChild = new Int32Array(count + 1);
    this.goto.forEach((state) => firstChild[state + 1]++);
    for (let i = 0; i < count; i++) firstChild[i + 1] += firstChild[i];
    const childCode = new Int32Array(count);
    const childState = new Int32Array(count);
    const fill = firstChild.slice(0, count);
    this.goto.forEach((state, code, child) => {
      const at = fill[state]++;
      childCode[at] = code;
      childState[at] = child;
    });
    const queue = new Int32Array(count);
    let tail = 0;
    for (let c = firstChild[0]; c < firstChild[1]; c++) queue[tail++] = childState[c];
    for (let head = 0; head < tail; head++) {
      const state = queue[head];
      for (let c = firstChild[state]; c < firstChild[state + 1]; c++) {
        const code = childCode[c];
        const child = childState[c];
        let f = this.fail[state];
        let target = this.goto.get(f, code);
        while (target < 0 && f !== 0) {
          f = this.fail[f];
          target = this.goto.get(f, code);
        }
        const fallback = target >= 0 && target !== child ? target : 0;
        this.fail[child] = fallback;
        this.dictLink[child] = this.outputs[fallback] >= 0 ? fallback : this.dictLink[fallback];
        queue[tail++] = child;
      }
    }
  }

  /** Scans the event's values; afterwards `passes(detection)` answers for this event. */
  scan(event: SigmaEvent): void {
    this.generation = (this.generation + 1) >>> 0;
    if (this.generation === 0) {
      this.seen.fill(0);
      this.generation = 1;
    }
    this.everything = this.literalCount > 0 && !this.walk(event, 0);
  }

  /** Whether the detection could match the last scanned event. */
  passes(detection: number): boolean {
    const ids = this.literalIds[detection];
    if (ids === null || this.everything) return true;
    const seen = this.seen;
    const generation = this.generation;
    for (let i = 0; i < ids.length; i++) if (seen[ids[i]] === generation) return true;
    return false;
  }

  /** Feeds every scalar value (any depth); false when the event is too deep to scan. */
  private walk(node: unknown, depth: number): boolean {
    if (node === null || node === undefined) return true;
    if (typeof node !== 'object') {
      const text = scalarText(node);
      if (text !== null && text.length > 0) this.feed(lowerText(text));
      return true;
    }
    if (depth >= MAX_DEPTH) return false;
    if (Array.isArray(node)) {
      for (const el of node) if (!this.walk(el, depth + 1)) return false;
      return true;
    }
    for (const key in node as Record<string, unknown>) {
      if (!Object.prototype.hasOwnProperty.call(node, key)) continue;
      if (!this.walk((node as Record<string, unknown>)[key], depth + 1)) return false;
    }
    return true;
  }

  private feed(text: string): void {
    const { goto, fail, outputs, dictLink, seen, generation } = this;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      let next = goto.get(state, code);
      while (next < 0 && state !== 0) {
        state = fail[state];
        next = goto.get(state, code);
      }
      state = next < 0 ? 0 : next;
      for (let s = outputs[state] >= 0 ? state : dictLink[state]; s > 0; s = dictLink[s]) seen[outputs[s]] = generation;
    }
  }
}

/**
 * (state, code unit) -> state as an open-addressing hash table over typed arrays, with a direct
 * 65,536-entry array for the root (where most scan steps land). No per-entry objects.
 */
class TransitionTable {
  private readonly root = new Int32Array(65536).fill(-1);
  private states = new Int32Array(1024);
  private codes = new Int32Array(1024);
  private targets = new Int32Array(1024).fill(-1);
  private size = 0;

  get(state: number, code: number): number {
    if (state === 0) return this.root[code];
    const mask = this.targets.length - 1;
    let i = hash(state, code) & mask;
    for (;;) {
      const t = this.targets[i];
      if (t < 0) return -1;
      if (this.states[i] === state && this.codes[i] === code) return t;
      i = (i + 1) & mask;
    }
  }

  set(state: number, code: number, target: number): void {
    if (state === 0) {
      this.root[code] = target;
      return;
    }
    if ((this.size + 1) * 2 > this.targets.length) this.grow();
    this.insert(state, code, target);
    this.size++;
  }

  forEach(fn: (state: number, code: number, target: number) => void): void {
    for (let code = 0; code < 65536; code++) if (this.root[code] >= 0) fn(0, code, this.root[code]);
    for (let i = 0; i < this.targets.length; i++) if (this.targets[i] >= 0) fn(this.states[i], this.codes[i], this.targets[i]);
  }

  private insert(state: number, code: number, target: number): void {
    const mask = this.targets.length - 1;
    let i = hash(state, code) & mask;
    while (this.targets[i] >= 0) i = (i + 1) & mask;
    this.states[i] = state;
    this.codes[i] = code;
    this.targets[i] = target;
  }

  private grow(): void {
    const { states, codes, targets } = this;
    const capacity = targets.length * 2;
    this.states = new Int32Array(capacity);
    this.codes = new Int32Array(capacity);
    this.targets = new Int32Array(capacity).fill(-1);
    for (let i = 0; i < targets.length; i++) if (targets[i] >= 0) this.insert(states[i], codes[i], targets[i]);
  }
}

function hash(state: number, code: number): number {
  return Math.imul(state ^ Math.imul(code, 0x9e3779b1), 0x85ebca6b) >>> 15 ^ Math.imul(state, 0x27d4eb2d);
}
