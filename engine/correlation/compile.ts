// Correlation documents + the loaded detection rules -> validated, resolved correlation rules and
// every problem at once. A correlation with an error is skipped (and counted in `failed`); the
// others load. Rule references resolve to detection rules (by id or name) or to other correlations.
import { LEVELS, STATUSES, type Diagnostic, type Level, type RuleMeta, type Status } from '../api.js';
import { diag, type DiagnosticCode } from '../diagnostics.js';
import { findKeyLine, type CorrelationDocument } from '../rule/index.js';
import { getOwn } from '../rule/own.js';
import { conditionText, isOperator } from './condition.js';
import { Correlator } from './correlator.js';
import { parseTimespan } from './timespan.js';
import {
  CONDITION_OPERATORS, CORRELATION_TYPES, FIELD_TYPES, TEMPORAL_TYPES,
  type CompiledCorrelation, type ConditionOperator, type CorrelationCondition, type CorrelationInput,
  type CorrelationType, type CorrelatorOptions,
} from './types.js';

/** What a correlation needs to know about a loaded detection rule (CompiledRule fits). */
export interface BaseRuleRef {
  meta: RuleMeta;
  rule: { id?: string; name?: string };
}

export interface CorrelationSet {
  /** Loaded correlation rules, referenced ones before those referring to them. */
  readonly rules: readonly CompiledCorrelation[];
  readonly diagnostics: Diagnostic[];
  /** Correlation documents skipped because of errors. */
  readonly failed: number;
  /**
   * True when a rule's own alerts are not to be emitted: a correlation with `generate: false` (the
   * spec default) refers to it. Works for detection rules (their RuleMeta) and correlation rules.
   */
  isSuppressed(rule: Pick<RuleMeta, 'id'>): boolean;
  /** A fresh streaming correlator (one per scan / replay: it holds the window state). */
  createCorrelator(options?: CorrelatorOptions): Correlator;
}

const DEFAULT_LEVEL: Level = 'medium';

export interface CompileCorrelationsOptions {
  /**
   * Correlations below this level are left out (neither loaded nor failed), unless another
   * correlation refers to them (the spec's example chains a level-less event_count into a high one).
   */
  minLevel?: Level;
}

export function compileCorrelations(allDocs: readonly CorrelationDocument[], baseRules: readonly BaseRuleRef[], options: CompileCorrelationsOptions = {}): CorrelationSet {
  const diagnostics: Diagnostic[] = [];
  const docs = correlationsFromLevel(allDocs, options.minLevel);
  const byKey = new Map<string, BaseRuleRef>();
  for (const base of baseRules) {
    for (const key of [base.rule.id, base.rule.name, base.meta.id]) {
      if (key !== undefined && !byKey.has(key)) byKey.set(key, base);
    }
  }
  const docKeys = new Map<string, CorrelationDocument>();
  for (const doc of docs) {
    for (const key of [doc.id, doc.name]) if (key !== undefined && !docKeys.has(key)) docKeys.set(key, doc);
  }

  // Resolve in dependency order: a correlation compiles after the correlations it refers to.
  const compiled = new Map<CorrelationDocument, CompiledCorrelation | null>();
  const visiting = new Set<CorrelationDocument>();
  const order: CompiledCorrelation[] = [];
  let failed = 0;

  const compileDoc = (doc: CorrelationDocument): CompiledCorrelation | null => {
    const done = compiled.get(doc);
    if (done !== undefined) return done;
    if (visiting.has(doc)) return null;
    visiting.add(doc);
    const result = compileOne(doc, {
      base: (key) => byKey.get(key),
      correlation: (key) => {
        const target = docKeys.get(key);
        if (!target) return undefined;
        if (visiting.has(target)) return 'cycle';
        return compileDoc(target) ?? 'failed';
      },
    }, diagnostics);
    visiting.delete(doc);
    compiled.set(doc, result);
    if (result) order.push(result);
    else failed++;
    return result;
  };
  for (const doc of docs) compileDoc(doc);

  // generate: false (default) suppresses the referenced rules' own alerts; so does a minimum level
  // for referenced rules below it (they were loaded only to feed the correlation).
  const minRank = options.minLevel === undefined ? 0 : LEVELS.indexOf(options.minLevel);
  const suppressedMeta = new Set<RuleMeta>();
  const suppressedIds = new Set<string>();
  for (const c of order) {
    for (const input of c.inputs) {
      const meta = input.kind === 'rule' ? input.meta : input.rule.meta;
      if (c.generate && LEVELS.indexOf(meta.level) >= minRank) continue;
      suppressedMeta.add(meta);
      suppressedIds.add(meta.id);
    }
  }
  const isSuppressed = (meta: Pick<RuleMeta, 'id'>) => suppressedMeta.has(meta as RuleMeta) || suppressedIds.has(meta.id);

  return {
    rules: order,
    diagnostics,
    failed,
    isSuppressed,
    createCorrelator: (correlatorOptions) => new Correlator(order, correlatorOptions, isSuppressed),
  };
}

interface Resolver {
  base(key: string): BaseRuleRef | undefined;
  correlation(key: string): CompiledCorrelation | 'cycle' | 'failed' | undefined;
}

function compileOne(doc: CorrelationDocument, resolve: Resolver, out: Diagnostic[]): CompiledCorrelation | null {
  const c = doc.correlation;
  const raw = doc.raw;
  const ruleName = doc.id ?? doc.title ?? doc.name;
  let errors = 0;
  const lineOf = (keys: string[]): number => (doc.text !== undefined ? findKeyLine({ text: doc.text, startLine: doc.line }, keys) : undefined) ?? doc.line;
  const report = (code: DiagnosticCode, severity: Diagnostic['severity'], message: string, path: string, hint?: string) => {
    if (severity === 'error') errors++;
    const keys = path.split('.').map((k) => k.replace(/\[\d+\]$/, ''));
    out.push(diag(code, severity, message, { file: doc.file, path, line: lineOf(keys), document: doc.document, rule: ruleName, hint }));
  };

  if (typeof raw.title !== 'string' || raw.title === '') report('MISSING_FIELD', 'error', 'title is missing', 'title');
  if (raw.correlation === null || typeof raw.correlation !== 'object' || Array.isArray(raw.correlation)) {
    report('INVALID_FIELD', 'error', 'correlation must be a map (type, rules, group-by, timespan, condition)', 'correlation');
    return null;
  }

  let level: Level = DEFAULT_LEVEL;
  if (raw.level !== undefined && raw.level !== null) {
    if ((LEVELS as readonly unknown[]).includes(raw.level)) level = raw.level as Level;
    else report('UNKNOWN_LEVEL', 'error', `level "${String(raw.level)}" is not one of ${LEVELS.join(', ')}`, 'level');
  }
  let status: Status | undefined;
  if (raw.status !== undefined && raw.status !== null) {
    if ((STATUSES as readonly unknown[]).includes(raw.status)) status = raw.status as Status;
    else report('UNKNOWN_STATUS', 'warning', `status "${String(raw.status)}" is not one of ${STATUSES.join(', ')}`, 'status');
  }

  // type
  const type = getOwn(c, 'type');
  let ctype: CorrelationType | undefined;
  if (type === undefined || type === null) report('MISSING_FIELD', 'error', 'correlation.type is missing', 'correlation.type');
  else if (!(CORRELATION_TYPES as readonly unknown[]).includes(type)) {
    report('INVALID_FIELD', 'error', `correlation type "${String(type)}" is not one of ${CORRELATION_TYPES.join(', ')}`, 'correlation.type');
  } else ctype = type as CorrelationType;

  // rules
  const inputs: CorrelationInput[] = [];
  const rules = getOwn(c, 'rules');
  if (rules === undefined || rules === null) report('MISSING_FIELD', 'error', 'correlation.rules is missing', 'correlation.rules');
  else {
    const list = typeof rules === 'string' ? [rules] : Array.isArray(rules) ? rules : null;
    if (!list || list.length === 0) report('INVALID_FIELD', 'error', 'correlation.rules must be a non-empty list of rule ids or names', 'correlation.rules');
    else {
      const seen = new Set<string>();
      list.forEach((ref, i) => {
        const path = `correlation.rules[${i}]`;
        if (typeof ref !== 'string' || ref === '') return report('INVALID_FIELD', 'error', 'a rule reference must be a rule id or name', path);
        if (seen.has(ref)) return report('INVALID_FIELD', 'warning', `rule "${ref}" is listed twice`, path);
        seen.add(ref);
        const corr = resolve.correlation(ref);
        if (corr === 'cycle') return report('CORRELATION_CYCLE', 'error', `correlation "${ref}" refers back to this one`, path);
        if (corr === 'failed') return report('CORRELATION_UNKNOWN_RULE', 'error', `correlation "${ref}" has errors and did not load`, path);
        if (corr) return void inputs.push({ kind: 'correlation', rule: corr, ref, keys: keysOf(ref, corr.meta.id, corr.name) });
        const base = resolve.base(ref);
        if (base) return void inputs.push({ kind: 'rule', meta: base.meta, ref, keys: keysOf(ref, base.meta.id, base.rule.id, base.rule.name) });
        report('CORRELATION_UNKNOWN_RULE', 'error', `no loaded rule has the id or name "${ref}"`, path,
          'refer to a rule by its id or its name attribute; a rule left out by --min-level or with errors cannot be referenced');
      });
    }
  }

  // group-by
  let groupBy: string[] = [];
  const gb = getOwn(c, 'group-by');
  if (gb === undefined || gb === null) {
    report('MISSING_FIELD', 'error', 'correlation.group-by is missing (use an empty list for one global group)', 'correlation.group-by');
  } else {
    const list = typeof gb === 'string' ? [gb] : Array.isArray(gb) ? gb : null;
    if (!list || list.some((f) => typeof f !== 'string' || f === '')) report('INVALID_FIELD', 'error', 'correlation.group-by must be a list of field names', 'correlation.group-by');
    else groupBy = [...new Set(list as string[])];
  }

  // timespan
  let timespanMs = 0;
  const ts = getOwn(c, 'timespan');
  if (ts === undefined || ts === null) report('MISSING_FIELD', 'error', 'correlation.timespan is missing', 'correlation.timespan');
  else {
    const ms = parseTimespan(ts);
    if (ms === undefined) report('CORRELATION_TIMESPAN', 'error', `timespan "${String(ts)}" is not a positive number followed by s, m, h, d (or w, M, y)`, 'correlation.timespan', 'e.g. 90s, 5m, 1h, 1d');
    else timespanMs = ms;
  }

  // aliases: alias -> { rule name -> field }
  const aliases = new Map<string, Map<string, string>>();
  const al = getOwn(c, 'aliases');
  if (al !== undefined && al !== null) {
    if (typeof al !== 'object' || Array.isArray(al)) report('INVALID_FIELD', 'error', 'correlation.aliases must be a map: alias -> {rule name: field}', 'correlation.aliases');
    else {
      for (const [alias, perRule] of Object.entries(al as Record<string, unknown>)) {
        const path = `correlation.aliases.${alias}`;
        if (perRule === null || typeof perRule !== 'object' || Array.isArray(perRule)) { report('INVALID_FIELD', 'error', `alias ${alias} must map rule names to field names`, path); continue; }
        const map = new Map<string, string>();
        for (const [ruleRef, field] of Object.entries(perRule as Record<string, unknown>)) {
          if (typeof field !== 'string' || field === '') { report('INVALID_FIELD', 'error', `alias ${alias}: the field for ${ruleRef} must be a field name`, `${path}.${ruleRef}`); continue; }
          if (!inputs.some((input) => input.keys.includes(ruleRef))) {
            report('CORRELATION_UNKNOWN_RULE', 'error', `alias ${alias} names "${ruleRef}", which is not one of correlation.rules`, `${path}.${ruleRef}`);
            continue;
          }
          map.set(ruleRef, field);
        }
        aliases.set(alias, map);
        if (!groupBy.includes(alias)) report('INVALID_FIELD', 'warning', `alias ${alias} is not used in group-by`, path);
      }
    }
  }

  // generate
  let generate = false;
  const gen = getOwn(raw, 'generate');
  if (gen !== undefined && gen !== null) {
    if (typeof gen !== 'boolean') report('INVALID_FIELD', 'error', 'generate must be true or false', 'generate');
    else generate = gen;
  }

  const condition = ctype ? parseCondition(getOwn(c, 'condition'), ctype, inputs.length, report) : undefined;

  if (errors > 0 || !ctype || !condition) return null;
  const meta: RuleMeta = {
    id: doc.id ?? doc.name ?? `${doc.file}#${doc.document}`,
    title: typeof raw.title === 'string' ? raw.title : '',
    level,
    tags: stringList(raw.tags),
    logsource: {},
    file: doc.file,
  };
  if (status !== undefined) meta.status = status;
  if (typeof raw.description === 'string') meta.description = raw.description;
  if (typeof raw.author === 'string') meta.author = raw.author;
  const refs = stringList(raw.references);
  if (refs.length) meta.references = refs;
  const fps = stringList(raw.falsepositives);
  if (fps.length) meta.falsepositives = fps;
  return {
    meta, name: doc.name, type: ctype, inputs, groupBy, aliases, timespanMs, timespanText: String(ts).trim(), condition, generate,
  };
}

function keysOf(...keys: (string | undefined)[]): string[] {
  return [...new Set(keys.filter((k): k is string => k !== undefined))];
}

function stringList(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

type Report = (code: DiagnosticCode, severity: Diagnostic['severity'], message: string, path: string, hint?: string) => void;

function parseCondition(value: unknown, type: CorrelationType, ruleCount: number, report: Report): CorrelationCondition | undefined {
  const path = 'correlation.condition';
  const temporal = TEMPORAL_TYPES.includes(type);
  const needsField = FIELD_TYPES.includes(type);
  if (value === undefined || value === null) {
    if (temporal) {
      // Default: every referenced rule within the timespan.
      const tests = [{ op: 'gte' as const, value: Math.max(1, ruleCount) }];
      return { tests, fields: [], eager: true, text: conditionText(tests) };
    }
    report('CORRELATION_CONDITION', 'error', `a ${type} correlation needs a condition, e.g. {gte: 10}`, path);
    return undefined;
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    report('CORRELATION_CONDITION', 'error', 'correlation.condition must be a map such as {gte: 10} or {gt: 100, lte: 200}', path);
    return undefined;
  }
  let ok = true;
  const tests: CorrelationCondition['tests'] = [];
  let fields: string[] = [];
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (key === 'field') {
      const list = typeof v === 'string' ? [v] : Array.isArray(v) && type === 'value_count' ? v : null;
      if (!list || list.length === 0 || list.some((f) => typeof f !== 'string' || f === '')) {
        report('CORRELATION_CONDITION', 'error', type === 'value_count' ? 'condition.field must be a field name or a list of them' : 'condition.field must be a field name', `${path}.field`);
        ok = false;
      } else fields = list as string[];
      continue;
    }
    if (!isOperator(key)) {
      report('CORRELATION_CONDITION', 'error', `"${key}" is not a condition operator (${CONDITION_OPERATORS.join(', ')}) nor field`, `${path}.${key}`);
      ok = false;
      continue;
    }
    const num = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : NaN;
    if (!Number.isFinite(num)) {
      report('CORRELATION_CONDITION', 'error', `condition ${key} must be a number`, `${path}.${key}`);
      ok = false;
      continue;
    }
    tests.push({ op: key as ConditionOperator, value: num });
  }
  if (tests.length === 0 && ok) {
    report('CORRELATION_CONDITION', 'error', 'the condition has no comparison (gt, gte, lt, lte, eq, neq)', path);
    ok = false;
  }
  if (needsField && fields.length === 0 && ok) {
    report('CORRELATION_CONDITION', 'error', `a ${type} correlation needs condition.field (the field whose values are aggregated)`, `${path}.field`);
    ok = false;
  }
  if (!needsField && fields.length > 0) report('CORRELATION_CONDITION', 'warning', `condition.field is ignored by ${type} correlations`, `${path}.field`);
  if (type === 'temporal_ordered' && ok && !tests.every((t) => (t.op === 'gte' && t.value === ruleCount) || (t.op === 'eq' && t.value === ruleCount))) {
    report('UNSUPPORTED', 'warning', 'a temporal_ordered condition other than "all rules" is not supported: every referenced rule is required, in order', path);
    tests.splice(0, tests.length, { op: 'gte', value: ruleCount });
  }
  if (!ok) return undefined;
  const lowerOnly = tests.every((t) => t.op === 'gt' || t.op === 'gte');
  const monotone = type === 'event_count' || type === 'value_count' || type === 'value_sum' || type === 'temporal' || type === 'temporal_ordered';
  return { tests, fields, eager: lowerOnly && monotone, text: conditionText(tests) };
}

/**
 * The correlation documents kept under a minimum level: those at or above it, plus (transitively)
 * every correlation they refer to.
 */
export function correlationsFromLevel(docs: readonly CorrelationDocument[], minLevel: Level | undefined): CorrelationDocument[] {
  if (minLevel === undefined) return [...docs];
  const minRank = LEVELS.indexOf(minLevel);
  const levelOf = (doc: CorrelationDocument): Level => ((LEVELS as readonly unknown[]).includes(doc.raw.level) ? (doc.raw.level as Level) : DEFAULT_LEVEL);
  const kept = new Set(docs.filter((doc) => LEVELS.indexOf(levelOf(doc)) >= minRank));
  for (let grew = true; grew; ) {
    grew = false;
    const referenced = referencedRuleKeys([...kept]);
    for (const doc of docs) {
      if (kept.has(doc)) continue;
      if ((doc.id !== undefined && referenced.has(doc.id)) || (doc.name !== undefined && referenced.has(doc.name))) {
        kept.add(doc);
        grew = true;
      }
    }
  }
  return docs.filter((doc) => kept.has(doc));
}

/**
 * Every rule id or name that some correlation document refers to (correlation.rules and aliases).
 * For loaders: a rule referenced by a correlation should load even below a minimum level, since its
 * hits feed the correlation (and `generate: false` hides its own alerts anyway).
 */
export function referencedRuleKeys(docs: readonly CorrelationDocument[]): Set<string> {
  const keys = new Set<string>();
  for (const doc of docs) {
    const rules = getOwn(doc.correlation, 'rules');
    for (const ref of typeof rules === 'string' ? [rules] : Array.isArray(rules) ? rules : []) {
      if (typeof ref === 'string') keys.add(ref);
    }
  }
  return keys;
}
