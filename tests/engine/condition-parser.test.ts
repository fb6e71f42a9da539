// Tree-equality tests for the condition parser: precedence, parentheses, "x of", them, and errors.
import { describe, expect, it } from 'vitest';
import { checkReferences, formatCondition, identifiersOf, parseCondition, type ConditionNode } from '../../engine/condition/index.js';

const id = (name: string): ConditionNode => ({ kind: 'identifier', name });
const and = (...operands: ConditionNode[]): ConditionNode => ({ kind: 'and', operands });
const or = (...operands: ConditionNode[]): ConditionNode => ({ kind: 'or', operands });
const not = (operand: ConditionNode): ConditionNode => ({ kind: 'not', operand });
const of = (quantifier: '1' | 'any' | 'all', pattern: string): ConditionNode => ({
  kind: 'of', quantifier, target: pattern === 'them' ? { kind: 'them' } : { kind: 'pattern', pattern },
});

function tree(text: string): ConditionNode {
  const result = parseCondition(text);
  if (!result.ok) throw new Error(`unexpected syntax error: ${result.error.message}`);
  return result.ast;
}

describe('condition parser: trees', () => {
  const cases: [string, ConditionNode][] = [
    ['selection', id('selection')],
    ['sel-1_a.b', id('sel-1_a.b')],
    ['a and b', and(id('a'), id('b'))],
    ['a or b', or(id('a'), id('b'))],
    ['a and b and c', and(id('a'), id('b'), id('c'))],
    ['a or b and c', or(id('a'), and(id('b'), id('c')))],
    ['a and b or c', or(and(id('a'), id('b')), id('c'))],
    ['not a', not(id('a'))],
    ['not a and b', and(not(id('a')), id('b'))],
    ['a and not b or c', or(and(id('a'), not(id('b'))), id('c'))],
    ['not not a', not(not(id('a')))],
    ['(a or b) and c', and(or(id('a'), id('b')), id('c'))],
    ['a and (b or c)', and(id('a'), or(id('b'), id('c')))],
    ['not (a or b)', not(or(id('a'), id('b')))],
    ['((a))', id('a')],
    ['(a and b) and c', and(and(id('a'), id('b')), id('c'))],
    ['1 of selection*', of('1', 'selection*')],
    ['any of sel_*', of('any', 'sel_*')],
    ['all of them', of('all', 'them')],
    ['1 of them', of('1', 'them')],
    ['all of selection_*_x', of('all', 'selection_*_x')],
    ['1 of selection* and not 1 of filter*', and(of('1', 'selection*'), not(of('1', 'filter*')))],
    ['not 1 of filter_* or x', or(not(of('1', 'filter_*')), id('x'))],
    ['selection_parent and\n(\n  1 of selection_generic_*\n  or all of selection_img_*\n)', and(id('selection_parent'), or(of('1', 'selection_generic_*'), of('all', 'selection_img_*')))],
    ['  a\tor\tb  ', or(id('a'), id('b'))],
  ];
  it.each(cases)('%j', (text, expected) => {
    expect(tree(text)).toEqual(expected);
  });

  it('formats a tree back to a stable text that parses to the same tree', () => {
    for (const [text] of cases) {
      const t = tree(text);
      expect(tree(formatCondition(t))).toEqual(t);
    }
    expect(formatCondition(tree('a and not (b or c) or 1 of x*'))).toBe('(a and not (b or c)) or 1 of x*');
  });
});

describe('condition parser: syntax errors carry a position', () => {
  const errors: [string, number][] = [
    ['', 0],
    ['a and', 5],
    ['and a', 0],
    ['a b', 2],
    ['(a or b', 7],
    ['a or b)', 6],
    ['not', 3],
    ['2 of sel*', 0],
    ['1 of', 4],
    ['1 of (a)', 5],
    ['all', 0],
    ['sel*', 0],
    ['a AND b', 2],
    ['a && b', 2],
    ['selection | count() > 5', 10],
  ];
  it.each(errors)('%j fails at %i', (text, position) => {
    const result = parseCondition(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.position).toBe(position);
  });

  it('hints that operators are lower case', () => {
    const result = parseCondition('selection AND NOT filter');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.hint).toMatch(/lower case/);
  });
});

describe('identifier patterns and references', () => {
  const names = ['selection_a', 'selection_b', '_helper', 'filter_main', 'filter_optional_x', 'keywords'];

  it('them excludes identifiers starting with _', () => {
    expect(identifiersOf({ kind: 'them' }, names)).toEqual(['selection_a', 'selection_b', 'filter_main', 'filter_optional_x', 'keywords']);
  });

  it('patterns are whole-name globs with *', () => {
    expect(identifiersOf({ kind: 'pattern', pattern: 'selection*' }, names)).toEqual(['selection_a', 'selection_b']);
    expect(identifiersOf({ kind: 'pattern', pattern: 'filter_*_x' }, names)).toEqual(['filter_optional_x']);
    expect(identifiersOf({ kind: 'pattern', pattern: 'selection' }, names)).toEqual([]);
    expect(identifiersOf({ kind: 'pattern', pattern: '*' }, names)).not.toContain('_helper');
    expect(identifiersOf({ kind: 'pattern', pattern: '_help*' }, names)).toEqual(['_helper']);
  });

  it('reports unknown identifiers and patterns that match nothing', () => {
    expect(checkReferences(tree('selection_a and not filter and 1 of nothing*'), names)).toEqual([
      { code: 'UNKNOWN_IDENTIFIER', name: 'filter' },
      { code: 'NO_IDENTIFIER_MATCH', pattern: 'nothing*' },
    ]);
    expect(checkReferences(tree('all of them'), ['_only'])).toEqual([{ code: 'NO_IDENTIFIER_MATCH', pattern: 'them' }]);
    expect(checkReferences(tree('1 of selection* and not keywords'), names)).toEqual([]);
  });
});
