// The correlation `condition` map: comparisons AND-ed together, plus `field` for value_* types.
import { CONDITION_OPERATORS, type ConditionOperator, type CorrelationCondition } from './types.js';

export function testCondition(condition: CorrelationCondition, value: number): boolean {
  for (const { op, value: limit } of condition.tests) {
    if (!compare(op, value, limit)) return false;
  }
  return true;
}

function compare(op: ConditionOperator, a: number, b: number): boolean {
  switch (op) {
    case 'gt': return a > b;
    case 'gte': return a >= b;
    case 'lt': return a < b;
    case 'lte': return a <= b;
    case 'eq': return a === b;
    case 'neq': return a !== b;
  }
}

const SYMBOL: Record<ConditionOperator, string> = { gt: '>', gte: '>=', lt: '<', lte: '<=', eq: '==', neq: '!=' };

export function conditionText(tests: CorrelationCondition['tests']): string {
  return tests.map((t) => `${t.op} ${t.value}`).join(' and ');
}

/** "12 >= 10" style text for summaries. */
export function comparisonText(tests: CorrelationCondition['tests'], value: number): string {
  return tests.map((t) => `${formatNumber(value)} ${SYMBOL[t.op]} ${t.value}`).join(' and ');
}

export function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/\.?0+$/, '');
}

export function isOperator(key: string): key is ConditionOperator {
  return (CONDITION_OPERATORS as readonly string[]).includes(key);
}
