// Sigma file text -> typed documents + every diagnostic at once. A document with errors is skipped and
// counted as failed; the other documents of the file still load.
import { LEVELS, STATUSES, type Diagnostic, type Level, type RuleSource, type Status } from '../api.js';
import { diag, type DiagnosticCode } from '../diagnostics.js';
import { isMap, parseDetection } from './detection.js';
import { RELATED_TYPES, type CorrelationDocument, type FilterDocument, type Logsource, type Rule, type RelatedType, type SigmaDocument } from './types.js';
import { findKeyLine, loadYamlDocuments, type YamlDocument } from './yaml.js';
import { setOwn } from './own.js';

export interface ParsedFile {
  /** Documents that loaded: rules without errors, and recognised correlation and filter documents. */
  documents: SigmaDocument[];
  diagnostics: Diagnostic[];
  /** Documents meant as rules that could not be loaded. */
  failed: number;
}

const KNOWN_RULE_KEYS = new Set([
  'title', 'id', 'name', 'related', 'taxonomy', 'status', 'description', 'license', 'references', 'author',
  'date', 'modified', 'logsource', 'detection', 'fields', 'falsepositives', 'level', 'tags', 'scope',
]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Sigma v1 collection actions: `action: global` documents merge into the following ones. */
const COLLECTION_ACTIONS = new Set(['global', 'reset', 'repeat']);

export function parseRuleFile(source: RuleSource): ParsedFile {
  const { file } = source;
  const documents: SigmaDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  let failed = 0;
  const yamlDocs = loadYamlDocuments(source.text);

  const action = yamlDocs.find((d) => isMap(d.value) && typeof d.value.action === 'string' && COLLECTION_ACTIONS.has(d.value.action));
  if (action) {
    const name = (action.value as Record<string, unknown>).action as string;
    diagnostics.push(diag('UNSUPPORTED', 'error', `"action: ${name}" multi-document rule collections (Sigma v1) are not supported`, {
      file, path: 'action', line: findKeyLine(action, ['action']), document: action.index,
      hint: 'write each rule as a complete document',
    }));
    return { documents, diagnostics, failed: Math.max(1, yamlDocs.filter((d) => d !== action).length) };
  }

  for (const doc of yamlDocs) {
    if (doc.error) {
      const duplicate = /duplicated mapping key/i.test(doc.error.message);
      diagnostics.push(diag('YAML_SYNTAX', 'error', `invalid YAML: ${doc.error.message}`, {
        file, path: '', line: doc.error.line, document: doc.index,
        hint: duplicate ? 'a key may appear only once in a map: use a list of maps (OR), |all, or a second selection' : undefined,
      }));
      failed++;
      continue;
    }
    if (!isMap(doc.value)) {
      diagnostics.push(diag('NOT_A_MAPPING', 'error', 'a Sigma document must be a YAML map (title, logsource, detection, ...)', {
        file, path: '', line: doc.startLine, document: doc.index,
      }));
      failed++;
      continue;
    }
    const value = doc.value;
    if ('correlation' in value) {
      // Validated and compiled with the whole rule set (engine/correlation), which resolves its rules.
      documents.push(correlationDocument(value, doc, file));
      continue;
    }
    if ('filter' in value && !('detection' in value)) {
      const filter = filterDocument(value, doc, file);
      parseFilter(filter, value, doc, diagnostics);
      documents.push(filter);
      continue;
    }
    const result = parseRuleDocument(value, doc, file);
    diagnostics.push(...result.diagnostics);
    if (result.rule) documents.push(result.rule);
    else failed++;
  }
  return { documents, diagnostics, failed };
}

/** Parses one rule document (a YAML map); `rule` is absent when the document has errors. */
export function parseRuleDocument(value: Record<string, unknown>, doc: Pick<YamlDocument, 'text' | 'startLine' | 'index'>, file: string): { rule?: Rule; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const name = ruleName(value);
  let errors = 0;
  const report = (code: DiagnosticCode, severity: Diagnostic['severity'], message: string, path: string, hint?: string) => {
    if (severity === 'error') errors++;
    diagnostics.push(diag(code, severity, message, { file, path, line: findKeyLine(doc, [path.split('.')[0].replace(/\[\d+\]$/, '')]) ?? doc.startLine, document: doc.index, rule: name, hint }));
  };

  const title = value.title;
  if (title === undefined || title === null) report('MISSING_FIELD', 'error', 'title is missing', 'title');
  else if (typeof title !== 'string') report('INVALID_FIELD', 'error', 'title must be a string', 'title');
  else if (title.length > 256) report('INVALID_FIELD', 'warning', 'title is longer than 256 characters', 'title');

  let id: string | undefined;
  if (value.id !== undefined && value.id !== null) {
    if (typeof value.id !== 'string') report('INVALID_FIELD', 'error', 'id must be a string (a UUID)', 'id');
    else {
      id = value.id;
      if (!UUID.test(id)) report('INVALID_ID', 'warning', `id "${id}" is not a UUID`, 'id');
    }
  }

  let status: Status | undefined;
  if (value.status !== undefined && value.status !== null) {
    if ((STATUSES as readonly unknown[]).includes(value.status)) status = value.status as Status;
    else report('UNKNOWN_STATUS', 'warning', `status "${String(value.status)}" is not one of ${STATUSES.join(', ')}`, 'status');
  }

  let level: Level | undefined;
  if (value.level !== undefined && value.level !== null) {
    if ((LEVELS as readonly unknown[]).includes(value.level)) level = value.level as Level;
    else report('UNKNOWN_LEVEL', 'error', `level "${String(value.level)}" is not one of ${LEVELS.join(', ')}`, 'level');
  }

  const text = (key: string): string | undefined => {
    const v = value[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    report('INVALID_FIELD', 'warning', `${key} must be a string`, key);
    return undefined;
  };
  const list = (key: string): string[] => {
    const v = value[key];
    if (v === undefined || v === null) return [];
    if (typeof v === 'string') return [v];
    if (!Array.isArray(v)) {
      report('INVALID_FIELD', 'warning', `${key} must be a list of strings`, key);
      return [];
    }
    return v.filter((x) => x !== null && x !== undefined && typeof x !== 'object').map(String);
  };
  const date = (key: string): string | undefined => {
    const d = text(key);
    if (d !== undefined && !ISO_DATE.test(d)) report('INVALID_FIELD', 'warning', `${key} "${d}" is not an ISO date (YYYY-MM-DD)`, key);
    return d;
  };

  let logsource: Logsource | undefined;
  if (value.logsource === undefined || value.logsource === null) report('MISSING_FIELD', 'error', 'logsource is missing', 'logsource');
  else if (!isMap(value.logsource)) report('INVALID_FIELD', 'error', 'logsource must be a map (category, product, service)', 'logsource');
  else {
    logsource = {};
    for (const [k, v] of Object.entries(value.logsource)) {
      if (v === null || v === undefined) continue;
      if (typeof v === 'string' || typeof v === 'number') setOwn(logsource, k, String(v));
      else report('INVALID_FIELD', 'warning', `logsource.${k} must be a string`, `logsource.${k}`);
    }
  }

  const related: Rule['related'] = [];
  if (value.related !== undefined && value.related !== null) {
    if (!Array.isArray(value.related)) report('INVALID_FIELD', 'warning', 'related must be a list of {id, type}', 'related');
    else value.related.forEach((r, i) => {
      if (isMap(r) && typeof r.id === 'string' && (RELATED_TYPES as readonly unknown[]).includes(r.type)) related.push({ id: r.id, type: r.type as RelatedType });
      else report('INVALID_FIELD', 'warning', `related[${i}] must have an id and a type (${RELATED_TYPES.join(', ')})`, `related[${i}]`);
    });
  }

  let detection: Rule['detection'] | undefined;
  if (value.detection === undefined || value.detection === null) report('MISSING_FIELD', 'error', 'detection is missing', 'detection');
  else {
    detection = parseDetection(value.detection, {
      file, doc, rule: name,
      report: (d) => {
        if (d.severity === 'error') errors++;
        diagnostics.push(d);
      },
    });
    if (!detection) errors++;
  }

  const custom: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (!KNOWN_RULE_KEYS.has(k)) setOwn(custom, k, v);

  const rule: Rule = {
    kind: 'rule', file, document: doc.index, line: doc.startLine,
    title: typeof title === 'string' ? title : '', id, name: text('name'), status, level,
    description: text('description'), author: text('author'), license: text('license'),
    references: list('references'), tags: list('tags'), date: date('date'), modified: date('modified'),
    logsource: logsource ?? {}, detection: detection as Rule['detection'],
    falsepositives: list('falsepositives'), fields: list('fields'), related, scope: list('scope'),
    taxonomy: text('taxonomy'), custom,
  };
  return errors > 0 || !detection || !logsource ? { diagnostics } : { rule, diagnostics };
}

/** The id, else the title: how diagnostics name a rule. */
function ruleName(value: Record<string, unknown>): string | undefined {
  if (typeof value.id === 'string') return value.id;
  if (typeof value.title === 'string') return value.title;
  return undefined;
}

function correlationDocument(value: Record<string, unknown>, doc: YamlDocument, file: string): CorrelationDocument {
  return {
    kind: 'correlation', file, document: doc.index, line: doc.startLine,
    title: typeof value.title === 'string' ? value.title : undefined,
    id: typeof value.id === 'string' ? value.id : undefined,
    name: typeof value.name === 'string' ? value.name : undefined,
    level: typeof value.level === 'string' ? value.level : undefined,
    correlation: isMap(value.correlation) ? value.correlation : {},
    raw: value,
    text: doc.text,
  };
}

function filterDocument(value: Record<string, unknown>, doc: YamlDocument, file: string): FilterDocument {
  return {
    kind: 'filter', file, document: doc.index, line: doc.startLine,
    title: typeof value.title === 'string' ? value.title : undefined,
    id: typeof value.id === 'string' ? value.id : undefined,
    logsource: isMap(value.logsource) ? (value.logsource as Logsource) : undefined,
    filter: isMap(value.filter) ? value.filter : {},
    raw: value,
  };
}

/**
 * Checks a Sigma filter (filters spec v2.1, pySigma semantics): a logsource, `filter.rules` (ids or
 * names; "any"/"all" or an empty list for every rule of the logsource), search identifiers and one
 * condition string. Sets `rules` and `detection` when the filter is usable; errors otherwise.
 */
function parseFilter(filter: FilterDocument, value: Record<string, unknown>, doc: YamlDocument, diagnostics: Diagnostic[]): void {
  const { file } = filter;
  const rule = ruleName(value);
  let ok = true;
  const error = (code: DiagnosticCode, path: string, message: string) => {
    ok = false;
    diagnostics.push(diag(code, 'error', message, { file, path, line: findKeyLine(doc, path.split('.')) ?? doc.startLine, document: doc.index, rule }));
  };
  if (!isMap(value.logsource)) error(value.logsource === undefined ? 'MISSING_FIELD' : 'INVALID_FIELD', 'logsource', 'a filter needs a logsource map (category, product, service)');
  const section = value.filter;
  if (!isMap(section)) {
    error('INVALID_FIELD', 'filter', 'filter must be a map of rules, search identifiers and a condition');
    return;
  }
  const rules = section.rules;
  if (typeof rules === 'string') filter.rules = ['any', 'all'].includes(rules.toLowerCase()) ? 'any' : [rules];
  else if (Array.isArray(rules) && rules.every((r) => typeof r === 'string')) filter.rules = rules.length === 0 ? 'any' : (rules as string[]);
  else error(rules === undefined ? 'MISSING_FIELD' : 'INVALID_FIELD', 'filter.rules', 'filter.rules must be a rule id or name, a list of them, or "any"');
  if (section.condition !== undefined && typeof section.condition !== 'string') {
    error('INVALID_FIELD', 'filter.condition', 'a filter condition is one string');
    return;
  }
  const detection = parseDetection(section, {
    file, doc, rule, root: 'filter', reserved: ['rules'],
    report: (d) => {
      if (d.severity === 'error') ok = false;
      diagnostics.push(d);
    },
  });
  if (ok && detection) filter.detection = detection;
  else filter.rules = undefined;
}
