// Condition -> plan: identifiers become search references, "x of" expands in detection order,
// chains of one operator are flattened.
import { describe, expect, it } from 'vitest';
import { formatPlan, resolvePlan, type Plan } from '../../engine/compile/index.js';
import { parseCondition } from '../../engine/condition/index.js';

const names = ['selection_a', 'selection_b', '_hidden', 'filter_1', 'filter_2', 'keywords'];
const s = (name: string): Plan => ({ kind: 'search', index: names.indexOf(name), name });
const and = (...operands: Plan[]): Plan => ({ kind: 'and', operands });
const or = (...operands: Plan[]): Plan => ({ kind: 'or', operands });
const not = (operand: Plan): Plan => ({ kind: 'not', operand });

function plan(text: string): Plan {
  const parsed = parseCondition(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return resolvePlan(parsed.ast, names);
}

describe('resolvePlan', () => {
  it.each<[string, Plan]>([
    ['keywords', s('keywords')],
    ['1 of selection_*', or(s('selection_a'), s('selection_b'))],
    ['any of selection_*', or(s('selection_a'), s('selection_b'))],
    ['all of selection_*', and(s('selection_a'), s('selection_b'))],
    ['1 of keyword*', s('keywords')],
    ['all of them', and(s('selection_a'), s('selection_b'), s('filter_1'), s('filter_2'), s('keywords'))],
    ['all of selection_* and not 1 of filter_*', and(s('selection_a'), s('selection_b'), not(or(s('filter_1'), s('filter_2'))))],
    ['keywords or 1 of selection_*', or(s('keywords'), s('selection_a'), s('selection_b'))],
    ['(selection_a and selection_b) and (keywords and _hidden)', and(s('selection_a'), s('selection_b'), s('keywords'), s('_hidden'))],
    ['1 of _hid*', s('_hidden')],
  ])('%s', (text, expected) => {
    expect(plan(text)).toEqual(expected);
  });

  it('formats a plan as a stable string', () => {
    expect(formatPlan(plan('all of selection_* and not 1 of filter_* or keywords'))).toBe('(selection_a and selection_b and not (filter_1 or filter_2)) or keywords');
  });
});
