// Condition AST -> plan: identifiers become references to search indices, "x of" is expanded, and
// nested operators of one kind are flattened. The plan is what the compiler turns into closures.
import { identifiersOf, type ConditionNode } from '../condition/index.js';

export type Plan =
  | { kind: 'search'; index: number; name: string }
  | { kind: 'and'; operands: Plan[] }
  | { kind: 'or'; operands: Plan[] }
  | { kind: 'not'; operand: Plan };

/**
 * Resolves a condition against the detection's search identifier names (in detection order).
 * References were checked when the rule was parsed; an unknown name here is a programming error.
 */
export function resolvePlan(ast: ConditionNode, names: readonly string[]): Plan {
  const indexOf = new Map(names.map((n, i) => [n, i]));
  const ref = (name: string): Plan => {
    const index = indexOf.get(name);
    if (index === undefined) throw new Error(`unresolved search identifier ${name}`);
    return { kind: 'search', index, name };
  };
  const visit = (node: ConditionNode): Plan => {
    switch (node.kind) {
      case 'identifier':
        return ref(node.name);
      case 'not':
        return { kind: 'not', operand: visit(node.operand) };
      case 'and':
      case 'or':
        return flatten(node.kind, node.operands.map(visit));
      case 'of': {
        const covered = identifiersOf(node.target, names).map(ref);
        return flatten(node.quantifier === 'all' ? 'and' : 'or', covered);
      }
    }
  };
  return visit(ast);
}

function flatten(kind: 'and' | 'or', operands: Plan[]): Plan {
  const flat: Plan[] = [];
  for (const op of operands) {
    if (op.kind === kind) flat.push(...op.operands);
    else flat.push(op);
  }
  return flat.length === 1 ? flat[0] : { kind, operands: flat };
}

/** Stable text of a plan, e.g. "selection and not (filter_a or filter_b)". */
export function formatPlan(plan: Plan): string {
  switch (plan.kind) {
    case 'search':
      return plan.name;
    case 'not':
      return `not ${wrap(plan.operand)}`;
    case 'and':
    case 'or':
      return plan.operands.map(wrap).join(` ${plan.kind} `);
  }
}

function wrap(plan: Plan): string {
  return plan.kind === 'and' || plan.kind === 'or' ? `(${formatPlan(plan)})` : formatPlan(plan);
}
