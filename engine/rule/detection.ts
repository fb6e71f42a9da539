// The detection section: search identifiers -> SearchNode trees of DetectionItemSpec's, and the condition.
import type { Diagnostic } from '../api.js';
import { checkReferences, parseCondition, usedIdentifiers, type ConditionNode } from '../condition/index.js';
import { diag, type DiagnosticCode } from '../diagnostics.js';
import type { Detection, SearchIdentifier, SearchNode } from './types.js';
import { findKeyLine, type YamlDocument } from './yaml.js';

/** Detection keys that are not search identifiers. */
const RESERVED = new Set(['condition', 'timeframe']);

export interface DetectionContext {
  file: string;
  doc: Pick<YamlDocument, 'text' | 'startLine' | 'index'>;
  rule?: string;
  report: (d: Diagnostic) => void;
  /** Key of the section in the document (default "detection"; "filter" for Sigma filters). */
  root?: string;
  /** More keys that are not search identifiers (e.g. a filter's "rules"). */
  reserved?: string[];
}

type Report = (code: DiagnosticCode, severity: Diagnostic['severity'], message: string, path: string, keys: string[], hint?: string) => void;

export function parseDetection(value: unknown, ctx: DetectionContext): Detection | undefined {
  const root = ctx.root ?? 'detection';
  const reserved = ctx.reserved ? new Set([...RESERVED, ...ctx.reserved]) : RESERVED;
  const lineOf = (keys: string[]) => findKeyLine(ctx.doc, keys);
  const report: Report = (code, severity, message, path, keys, hint) =>
    ctx.report(diag(code, severity, message, { file: ctx.file, path, line: lineOf(keys), document: ctx.doc.index, rule: ctx.rule, hint }));

  if (!isMap(value)) {
    report('INVALID_FIELD', 'error', `${root} must be a map of search identifiers and a condition`, root, [root]);
    return undefined;
  }
  let ok = true;
  const searches: SearchIdentifier[] = [];
  for (const [name, definition] of Object.entries(value)) {
    if (reserved.has(name)) continue;
    const node = parseSearch(definition, `${root}.${name}`, [root, name], report, lineOf);
    if (node) searches.push({ name, node, line: lineOf([root, name]) });
    else ok = false;
  }
  if ('timeframe' in value) {
    report('UNSUPPORTED', 'warning', `${root}.timeframe (Sigma v1 aggregation window) is ignored; use a correlation rule`, `${root}.timeframe`, [root, 'timeframe']);
  }
  if (Object.keys(value).filter((k) => !reserved.has(k)).length === 0) {
    report('EMPTY_DETECTION', 'error', `${root} has no search identifiers`, root, [root]);
    ok = false;
  }

  const rawCondition = value.condition;
  let conditionText: string[] = [];
  if (rawCondition === undefined || rawCondition === null) {
    report('MISSING_FIELD', 'error', `${root}.condition is missing`, `${root}.condition`, [root]);
    return undefined;
  } else if (typeof rawCondition === 'string') {
    conditionText = [rawCondition];
  } else if (Array.isArray(rawCondition) && rawCondition.length > 0 && rawCondition.every((c) => typeof c === 'string')) {
    conditionText = rawCondition as string[];
  } else {
    report('INVALID_FIELD', 'error', `${root}.condition must be a string or a list of strings`, `${root}.condition`, [root, 'condition']);
    return undefined;
  }

  const names = searches.map((s) => s.name);
  const allNames = Object.keys(value).filter((k) => !reserved.has(k));
  const trees: ConditionNode[] = [];
  conditionText.forEach((text, i) => {
    const path = conditionText.length > 1 ? `${root}.condition[${i}]` : `${root}.condition`;
    if (text.includes('|')) {
      report('UNSUPPORTED', 'error', `aggregation condition "${text.trim()}" (deprecated Sigma v1 "|" syntax) is not supported`, path, [root, 'condition'], 'express it as a correlation rule');
      ok = false;
      return;
    }
    const parsed = parseCondition(text);
    if (!parsed.ok) {
      report('CONDITION_SYNTAX', 'error', `condition "${text.trim()}": ${parsed.error.message}`, path, [root, 'condition'], parsed.error.hint);
      ok = false;
      return;
    }
    for (const problem of checkReferences(parsed.ast, allNames)) {
      ok = false;
      if (problem.code === 'UNKNOWN_IDENTIFIER') {
        report('UNKNOWN_IDENTIFIER', 'error', `condition names "${problem.name}", which is not a search identifier of this detection`, path, [root, 'condition']);
      } else {
        report('NO_IDENTIFIER_MATCH', 'error', `"of ${problem.pattern}" matches no search identifier`, path, [root, 'condition']);
      }
    }
    trees.push(parsed.ast);
  });
  if (!ok || trees.length === 0) return undefined;

  const condition: ConditionNode = trees.length === 1 ? trees[0] : { kind: 'or', operands: trees };
  const used = new Set<string>();
  trees.forEach((t) => usedIdentifiers(t, names).forEach((n) => used.add(n)));
  for (const name of names) {
    if (!used.has(name)) report('UNUSED_IDENTIFIER', 'info', `search identifier "${name}" is not used by the condition`, `${root}.${name}`, [root, name]);
  }
  return { searches, conditionText, condition };
}

function parseSearch(definition: unknown, path: string, keys: string[], report: Report, lineOf: (keys: string[]) => number | undefined): SearchNode | undefined {
  if (isMap(definition)) return parseMap(definition, path, keys, report, lineOf);
  if (Array.isArray(definition)) {
    if (definition.length === 0) {
      report('INVALID_SEARCH', 'error', `${path} is an empty list`, path, keys);
      return undefined;
    }
    if (definition.every(isScalar)) {
      // A list of plain values: keywords searched over the whole event, OR.
      return { kind: 'item', spec: { field: null, modifiers: [], values: definition, path }, line: lineOf(keys) };
    }
    const nodes: SearchNode[] = [];
    let ok = true;
    definition.forEach((element, i) => {
      const elementPath = `${path}[${i}]`;
      if (isMap(element)) {
        const node = parseMap(element, elementPath, keys, report, lineOf);
        if (node) nodes.push(node);
        else ok = false;
      } else if (isScalar(element)) {
        nodes.push({ kind: 'item', spec: { field: null, modifiers: [], values: [element], path: elementPath }, line: lineOf(keys) });
      } else {
        report('INVALID_SEARCH', 'error', `${elementPath} must be a map or a plain value`, elementPath, keys);
        ok = false;
      }
    });
    return ok ? { kind: 'any', nodes } : undefined;
  }
  if (typeof definition === 'string' || typeof definition === 'number') {
    return { kind: 'item', spec: { field: null, modifiers: [], values: [definition], path }, line: lineOf(keys) };
  }
  report('INVALID_SEARCH', 'error', `${path} must be a map, a list of maps, or a list of values`, path, keys);
  return undefined;
}

function parseMap(map: Record<string, unknown>, path: string, keys: string[], report: Report, lineOf: (keys: string[]) => number | undefined): SearchNode | undefined {
  const entries = Object.entries(map);
  if (entries.length === 0) {
    report('INVALID_SEARCH', 'error', `${path} is an empty map`, path, keys);
    return undefined;
  }
  const nodes: SearchNode[] = [];
  let ok = true;
  for (const [key, raw] of entries) {
    const itemPath = `${path}.${key}`;
    const itemKeys = [...keys, key];
    const [fieldName, ...modifiers] = key.split('|');
    if (modifiers.some((m) => m === '')) {
      report('UNKNOWN_MODIFIER', 'error', `${itemPath} has an empty modifier (a stray "|")`, itemPath, itemKeys);
      ok = false;
      continue;
    }
    let values: unknown[];
    if (Array.isArray(raw)) {
      if (raw.length === 0) {
        report('INVALID_SEARCH', 'error', `${itemPath} is an empty list of values`, itemPath, itemKeys);
        ok = false;
        continue;
      }
      if (!raw.every(isScalar)) {
        report('INVALID_SEARCH', 'error', `${itemPath} values must be plain values, not maps or lists`, itemPath, itemKeys);
        ok = false;
        continue;
      }
      values = raw;
    } else if (isScalar(raw)) {
      values = [raw];
    } else {
      report('INVALID_SEARCH', 'error', `${itemPath} value must be a plain value or a list of plain values`, itemPath, itemKeys);
      ok = false;
      continue;
    }
    const field = fieldName === '' ? null : fieldName;
    nodes.push({ kind: 'item', spec: { field, modifiers, values, path: itemPath }, line: lineOf(itemKeys) });
  }
  return ok ? { kind: 'all', nodes } : undefined;
}

export function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
