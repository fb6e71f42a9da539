// Rule -> compiled detection: every search identifier's items are compiled once (by engine/match's
// compileItem), the condition plan becomes closures, and a match yields its explanation.
import type { Diagnostic, MatchExplanation, MatchedValue, SigmaEvent } from '../api.js';
import type { CompiledItem, CompileItem, ItemContext } from '../detection-item.js';
import type { Rule, SearchNode } from '../rule/types.js';
import { andLiterals, orLiterals, type LiteralSet } from './literals.js';
import { formatPlan, resolvePlan, type Plan } from './plan.js';

/** A rule's detection compiled for one field mapping. Evaluating it never throws on event content. */
export interface CompiledDetection {
  /** The explanation when the detection matches the event, else null. */
  test(event: SigmaEvent): MatchExplanation | null;
  /** Stable multi-line text of the rule's logic: the resolved condition, then each search identifier. */
  explain(): string;
  /**
   * Lower-cased strings of which at least one occurs in some field value whenever the detection matches,
   * or null when unknown (regex, numbers, negations, ...): the input of a literal prefilter.
   */
  readonly requiredLiterals: string[] | null;
}

export interface CompileOptions {
  compileItem: CompileItem;
  fieldMap?: (field: string) => string;
  placeholders?: Record<string, string[]>;
}

/** Longest event value shown in a summary. */
const SUMMARY_VALUE_MAX = 160;

/** A search identifier's matches on an event (for explanations), or null. */
type SearchFn = (event: SigmaEvent) => MatchedValue[] | null;
/** Whether a search identifier matches: the hot path, which builds no explanation. */
type SearchTest = (event: SigmaEvent) => boolean;
type Memo = (MatchedValue[] | null | undefined)[];
type Eval = (event: SigmaEvent) => boolean;
interface CompiledNode {
  fn: SearchFn;
  ok: SearchTest;
  literals: LiteralSet;
  text: string;
}

/** What a detection is compiled from: a rule, or a Sigma filter's section. */
export type DetectionOwner = Pick<Rule, 'file' | 'document' | 'title' | 'detection'> & { id?: string };

export function compileDetection(rule: DetectionOwner, options: CompileOptions): { detection?: CompiledDetection; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const ctx: ItemContext = { file: rule.file, rule: rule.id ?? rule.title, placeholders: options.placeholders, fieldMap: options.fieldMap };
  let ok = true;

  const compileNode = (node: SearchNode): CompiledNode | undefined => {
    if (node.kind === 'item') {
      const result = options.compileItem(node.spec, ctx);
      for (const d of result.diagnostics) {
        diagnostics.push({ ...d, line: d.line ?? node.line, document: d.document ?? rule.document, rule: d.rule ?? ctx.rule });
      }
      if (!result.item || result.diagnostics.some((d) => d.severity === 'error')) {
        ok = false;
        return undefined;
      }
      const item: CompiledItem = result.item;
      const test = item.test.bind(item);
      return { fn: test, ok: (e) => test(e) !== null, literals: item.requiredLiterals, text: item.describe() };
    }
    const parts = node.nodes.map(compileNode);
    if (parts.some((p) => p === undefined)) return undefined;
    const children = parts as CompiledNode[];
    if (children.length === 1) return children[0];
    const fns = children.map((c) => c.fn);
    const oks = children.map((c) => c.ok);
    if (node.kind === 'all') {
      return {
        ok: (e) => {
          for (const ok of oks) if (!ok(e)) return false;
          return true;
        },
        fn: (e) => {
          let out: MatchedValue[] = [];
          for (const fn of fns) {
            const m = fn(e);
            if (m === null) return null;
            out = out.concat(m);
          }
          return out;
        },
        literals: andLiterals(children.map((c) => c.literals)),
        text: children.map((c) => c.text).join(' and '),
      };
    }
    return {
      ok: (e) => {
        for (const ok of oks) if (ok(e)) return true;
        return false;
      },
      fn: (e) => {
        for (const fn of fns) {
          const m = fn(e);
          if (m !== null) return m;
        }
        return null;
      },
      literals: orLiterals(children.map((c) => c.literals)),
      text: children.map((c) => `(${c.text})`).join(' or '),
    };
  };

  const searches = rule.detection.searches.map((s) => ({ name: s.name, compiled: compileNode(s.node) }));
  if (!ok || searches.some((s) => !s.compiled)) return { diagnostics };
  const fns = searches.map((s) => s.compiled!.fn);
  const oks = searches.map((s) => s.compiled!.ok);
  const names = searches.map((s) => s.name);
  const plan = resolvePlan(rule.detection.condition, names);
  const evaluate = compilePlan(plan, oks);
  const condition = rule.detection.conditionText.length === 1
    ? normaliseSpace(rule.detection.conditionText[0])
    : rule.detection.conditionText.map((t) => `(${normaliseSpace(t)})`).join(' or ');
  const explanation = [`condition: ${formatPlan(plan)}`, ...searches.map((s) => `${s.name}: ${s.compiled!.text}`)].join('\n');
  const literals = planLiterals(plan, searches.map((s) => s.compiled!.literals));

  const detection: CompiledDetection = {
    test(event) {
      if (!evaluate(event)) return null;
      // A match is rare: only now are the explanations built (each search evaluated at most once).
      const memo: Memo = new Array(fns.length);
      const positive = new Set<number>();
      collectPositive(plan, memo, fns, event, positive);
      const selections = [...positive].sort((a, b) => a - b).map((i) => ({ name: names[i], matches: memo[i] ?? [] }));
      return { condition, selections, summary: summarise(selections) };
    },
    explain: () => explanation,
    requiredLiterals: literals,
  };
  return { detection, diagnostics };
}

/**
 * The plan as boolean closures. A search named twice in a condition is evaluated twice; conditions
 * rarely repeat a name, and this keeps the hot path free of per-event allocation.
 */
function compilePlan(plan: Plan, oks: SearchTest[]): Eval {
  switch (plan.kind) {
    case 'search':
      return oks[plan.index];
    case 'not': {
      const inner = compilePlan(plan.operand, oks);
      return (e) => !inner(e);
    }
    case 'and': {
      const ops = plan.operands.map((p) => compilePlan(p, oks));
      if (ops.length === 2) {
        const [a, b] = ops;
        return (e) => a(e) && b(e);
      }
      return (e) => {
        for (const op of ops) if (!op(e)) return false;
        return true;
      };
    }
    case 'or': {
      const ops = plan.operands.map((p) => compilePlan(p, oks));
      if (ops.length === 2) {
        const [a, b] = ops;
        return (e) => a(e) || b(e);
      }
      return (e) => {
        for (const op of ops) if (op(e)) return true;
        return false;
      };
    }
  }
}

/** The search identifiers that make a true plan true (outside negations), evaluating any not yet seen. */
function collectPositive(plan: Plan, memo: Memo, fns: SearchFn[], event: SigmaEvent, out: Set<number>): boolean {
  switch (plan.kind) {
    case 'search': {
      let m = memo[plan.index];
      if (m === undefined) m = memo[plan.index] = fns[plan.index](event);
      if (m !== null) out.add(plan.index);
      return m !== null;
    }
    case 'not': {
      const scratch = new Set<number>();
      return !collectPositive(plan.operand, memo, fns, event, scratch);
    }
    case 'and': {
      const scratch = new Set<number>();
      for (const op of plan.operands) if (!collectPositive(op, memo, fns, event, scratch)) return false;
      scratch.forEach((i) => out.add(i));
      return true;
    }
    case 'or': {
      let any = false;
      for (const op of plan.operands) {
        const scratch = new Set<number>();
        if (collectPositive(op, memo, fns, event, scratch)) {
          any = true;
          scratch.forEach((i) => out.add(i));
        }
      }
      return any;
    }
  }
}

function planLiterals(plan: Plan, searchLiterals: LiteralSet[]): LiteralSet {
  switch (plan.kind) {
    case 'search':
      return searchLiterals[plan.index];
    case 'not':
      return null;
    case 'and':
      return andLiterals(plan.operands.map((p) => planLiterals(p, searchLiterals)));
    case 'or':
      return orLiterals(plan.operands.map((p) => planLiterals(p, searchLiterals)));
  }
}

/** "selection: Image endswith '\\powershell.exe' (C:\\...\\powershell.exe); other: ..." */
export function summarise(selections: MatchExplanation['selections']): string {
  return selections
    .map((s) => `${s.name}: ${s.matches.map(formatMatch).join(', ')}`)
    .join('; ');
}

function formatMatch(m: MatchedValue): string {
  const field = m.field ?? 'keyword';
  const mods = m.modifiers.length > 0 ? ` ${m.modifiers.join(' ')}` : '';
  const value = m.value.length > SUMMARY_VALUE_MAX ? `${m.value.slice(0, SUMMARY_VALUE_MAX)}…` : m.value;
  return `${oneLine(field)}${mods} '${oneLine(m.pattern)}' (${oneLine(value)})`;
}

/** Keeps the summary on one line: control characters (event values are attacker-controlled) are escaped. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => {
    switch (c) {
      case '\n': return '\\n';
      case '\r': return '\\r';
      case '\t': return '\\t';
      default: return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    }
  });
}

function normaliseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * A rule's detection narrowed by Sigma filters: it matches when the rule matches and every filter's
 * condition holds (pySigma: `(rule) and (filter)`). The explanation is the rule's; explain() lists
 * the filters; the rule's required literals stay valid (AND only narrows).
 */
export function withFilters(base: CompiledDetection, filters: { title: string; detection: CompiledDetection }[]): CompiledDetection {
  if (filters.length === 0) return base;
  const text = [base.explain(), ...filters.map((f) => `and filter "${f.title}": ${f.detection.explain().replace(/\n/g, '\n  ')}`)].join('\n');
  return {
    test(event) {
      const explanation = base.test(event);
      if (explanation === null) return null;
      for (const f of filters) if (f.detection.test(event) === null) return null;
      return explanation;
    },
    explain: () => text,
    requiredLiterals: base.requiredLiterals,
  };
}
