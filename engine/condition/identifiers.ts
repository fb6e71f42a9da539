// Which search identifiers a condition refers to.
import type { ConditionNode, OfTarget } from './ast.js';

/**
 * The identifiers an "x of" target covers, in detection order. `them` covers every identifier not
 * starting with `_` (spec). A pattern is a whole-name glob with `*`; like `them` (and pySigma), it skips
 * `_`-prefixed identifiers, unless the pattern itself starts with `_`.
 */
export function identifiersOf(target: OfTarget, names: readonly string[]): string[] {
  if (target.kind === 'them') return names.filter((n) => !n.startsWith('_'));
  const re = globToRegExp(target.pattern);
  const includeHidden = target.pattern.startsWith('_');
  return names.filter((n) => re.test(n) && (includeHidden || !n.startsWith('_')));
}

function globToRegExp(pattern: string): RegExp {
  const body = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${body}$`);
}

export type ReferenceProblem =
  | { code: 'UNKNOWN_IDENTIFIER'; name: string }
  | { code: 'NO_IDENTIFIER_MATCH'; pattern: string };

type Leaf = Extract<ConditionNode, { kind: 'identifier' | 'of' }>;

/** Calls `fn` on every identifier and "x of" node of the tree, left to right. */
function forEachLeaf(node: ConditionNode, fn: (leaf: Leaf) => void): void {
  switch (node.kind) {
    case 'identifier':
    case 'of':
      return fn(node);
    case 'not':
      return forEachLeaf(node.operand, fn);
    case 'and':
    case 'or':
      for (const operand of node.operands) forEachLeaf(operand, fn);
  }
}

/** Every identifier the condition names that does not exist, and every "x of" that covers nothing. */
export function checkReferences(ast: ConditionNode, names: readonly string[]): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  const known = new Set(names);
  forEachLeaf(ast, (leaf) => {
    if (leaf.kind === 'identifier') {
      if (!known.has(leaf.name)) problems.push({ code: 'UNKNOWN_IDENTIFIER', name: leaf.name });
    } else if (identifiersOf(leaf.target, names).length === 0) {
      problems.push({ code: 'NO_IDENTIFIER_MATCH', pattern: leaf.target.kind === 'them' ? 'them' : leaf.target.pattern });
    }
  });
  return problems;
}

/** Identifiers the condition uses (directly or through "x of"). */
export function usedIdentifiers(ast: ConditionNode, names: readonly string[]): Set<string> {
  const used = new Set<string>();
  forEachLeaf(ast, (leaf) => {
    if (leaf.kind === 'identifier') used.add(leaf.name);
    else for (const n of identifiersOf(leaf.target, names)) used.add(n);
  });
  return used;
}

/** Stable text form of a condition tree, fully parenthesised where nesting could be ambiguous. */
export function formatCondition(node: ConditionNode): string {
  switch (node.kind) {
    case 'identifier':
      return node.name;
    case 'of':
      return `${node.quantifier} of ${node.target.kind === 'them' ? 'them' : node.target.pattern}`;
    case 'not':
      return `not ${wrap(node.operand)}`;
    case 'and':
      return node.operands.map(wrap).join(' and ');
    case 'or':
      return node.operands.map(wrap).join(' or ');
  }
}

function wrap(node: ConditionNode): string {
  return node.kind === 'and' || node.kind === 'or' ? `(${formatCondition(node)})` : formatCondition(node);
}
