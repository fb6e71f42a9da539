// One view of a report for the matchers, whether it came as the structured contract or as plain
// Markdown/text: the explicit claims (hosts, users, indicators, techniques, timeline, actions,
// verdict, severity) plus every sentence of running text, each with its field and offsets.
import type { IncidentReport, IndicatorType } from '../server/contract/report.js';
import { INCIDENT_VERDICTS, INDICATOR_TYPES } from '../server/contract/report.js';
import { LEVELS } from '../engine/api.js';
import { extractIndicators } from './extract.js';
import { sentences, type TextUnit } from './text.js';
import type { Evidence } from './types.js';

export type Section =
  | 'summary'
  | 'hosts'
  | 'users'
  | 'indicators'
  | 'timeline'
  | 'techniques'
  | 'actions'
  | 'verdict'
  | 'severity'
  | 'other';

/** A unit of text that makes a claim of its kind (a list item, a field value, a section line). */
export interface Claim extends TextUnit {
  /** For indicators: the declared type (structured reports). */
  type?: IndicatorType;
  /** For structured timeline entries: the time as written. */
  time?: string;
  /** For structured timeline entries: the field holding the time. */
  timeField?: string;
}

export interface ReportDoc {
  kind: 'structured' | 'text';
  verdictText: Claim[];
  severityText: Claim[];
  /** Structured verdict/severity (text reports: undefined; read from verdictText/severityText). */
  verdict?: string;
  severity?: string;
  hosts: Claim[];
  users: Claim[];
  indicators: Claim[];
  techniques: Claim[];
  timeline: Claim[];
  actions: Claim[];
  /** Every sentence of running text, including the claims above. */
  sentences: TextUnit[];
  /** Indicators extracted from all text, with evidence. */
  extracted: { type: IndicatorType; value: string; unit: TextUnit; evidence: Evidence }[];
}

export function evidenceOf(unit: TextUnit, start = 0, end = unit.text.length): Evidence {
  const e: Evidence = { field: unit.field, text: unit.text.slice(start, end), start: unit.offset + start, end: unit.offset + end };
  if (unit.line !== undefined) e.line = unit.line;
  return e;
}

function whole(field: string, text: string): Claim {
  return { field, text, offset: 0 };
}

/** Builds the view of a structured report. */
export function structuredDoc(report: IncidentReport): ReportDoc {
  const doc = emptyDoc('structured');
  const r = withDefaults(report);
  doc.verdict = r.verdict;
  doc.severity = r.severity;
  if ((INCIDENT_VERDICTS as readonly string[]).includes(r.verdict)) doc.verdictText.push(whole('verdict', r.verdict));
  if ((LEVELS as readonly string[]).includes(r.severity)) doc.severityText.push(whole('severity', r.severity));
  r.affectedHosts.forEach((h, i) => doc.hosts.push(whole(`affectedHosts[${i}]`, h)));
  r.affectedUsers.forEach((u, i) => doc.users.push(whole(`affectedUsers[${i}]`, u)));
  r.indicators.forEach((ind, i) => {
    const claim: Claim = { ...whole(`indicators[${i}].value`, ind.value), type: ind.type };
    if (ind.type === 'host') doc.hosts.push(claim);
    if (ind.type === 'account') doc.users.push(claim);
    doc.indicators.push(claim);
  });
  r.techniques.forEach((t, i) => doc.techniques.push(whole(`techniques[${i}]`, t)));
  r.timeline.forEach((t, i) =>
    doc.timeline.push({ ...whole(`timeline[${i}].description`, t.description), time: t.time, timeField: `timeline[${i}].time` }),
  );
  r.recommendedActions.forEach((a, i) => doc.actions.push(whole(`recommendedActions[${i}]`, a)));
  const texts: [string, string][] = [
    ['summary', r.summary],
    ['freeText', r.freeText],
    ...r.indicators.flatMap((ind, i): [string, string][] => (ind.note ? [[`indicators[${i}].note`, ind.note]] : [])),
    ...r.timeline.map((t, i): [string, string] => [`timeline[${i}].description`, t.description]),
    ...r.recommendedActions.map((a, i): [string, string] => [`recommendedActions[${i}]`, a]),
  ];
  for (const [field, text] of texts) doc.sentences.push(...sentences(field, text));
  fillExtracted(doc);
  return doc;
}

const HEADINGS: [Section, RegExp][] = [
  ['timeline', /timeline|chronolog|sequence of events|time\s*line/i],
  ['indicators', /indicator|\biocs?\b|observable|artifact|artefact/i],
  ['techniques', /att&ck|attack|mitre|technique|\bttps?\b|tactic/i],
  ['actions', /recommend|action|remediat|containment|mitigat|next step|response/i],
  ['hosts', /host|system|endpoint|asset|machine|device/i],
  ['users', /\busers?\b|account|identit/i],
  ['verdict', /verdict|classification|disposition|conclusion|assessment/i],
  ['severity', /severity|priority/i],
  ['summary', /summary|overview|executive|description/i],
];

function classifyHeading(h: string): Section {
  for (const [section, re] of HEADINGS) if (re.test(h)) return section;
  return 'other';
}

/** "## Timeline", "**Timeline**", "Timeline:" alone on a line, "TIMELINE" underlined... */
function headingOf(line: string): { title: string; rest: string } | null {
  const md = /^\s{0,3}#{1,6}\s+(.{1,120}?)\s*#*\s*$/.exec(line);
  if (md) return { title: md[1], rest: '' };
  const bold = /^\s*(?:\*\*|__)([^*_]{1,80}?)(:?)\s*(?:\*\*|__)\s*(:?)\s*(.*)$/.exec(line);
  if (bold && (bold[4] === '' || bold[2] || bold[3])) return { title: bold[1], rest: bold[4] };
  const label = /^\s*([A-Za-z][A-Za-z &/()-]{1,40}):\s*$/.exec(line);
  if (label) return { title: label[1], rest: '' };
  return null;
}

/** "Verdict: true positive" style lines anywhere. */
const LABEL_LINE = /^\s*(?:[-*]\s+)?(?:\*\*|__)?([A-Za-z][A-Za-z &/-]{1,30}?)(?:\*\*|__)?\s*[:=]\s*(?:\*\*|__)?\s*(.+)$/;

const LIST_MARK = /^\s*(?:[-*+•]|\d{1,3}[.)])\s+(?:\[[ xX]\]\s+)?/;

/** Builds the view of a plain Markdown/text report. */
export function textDoc(input: string): ReportDoc {
  const doc = emptyDoc('text');
  // CRLF / CR line ends, same length so offsets still point into the text as written
  const text = input.replace(/\r\n?/g, (m) => (m.length === 2 ? ' \n' : '\n'));
  const lines = text.split('\n');
  let section: Section = 'other';
  let offset = 0;
  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    const lineOffset = offset;
    offset += raw.length + 1;
    const heading = headingOf(raw);
    let content = raw;
    let contentAt = 0;
    let lineSection: Section = section;
    if (heading) {
      if (!heading.rest) {
        section = classifyHeading(heading.title);
        return;
      }
      // "**Verdict:** true positive": a labelled line, not a new section
      const s = classifyHeading(heading.title);
      if (s !== 'other' && s !== 'summary') lineSection = s;
      content = heading.rest;
      contentAt = raw.lastIndexOf(heading.rest);
    }
    if (!content.trim() || /^\s*(?:[-=_*]{3,}|```.*)\s*$/.test(content)) return;
    if (/^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$/.test(content)) return; // Markdown table rule
    const mark = LIST_MARK.exec(content);
    if (mark) contentAt += mark[0].length;
    const body = raw.slice(contentAt).trimEnd();
    const unit: Claim = { field: 'text', text: body, offset: lineOffset + contentAt, line: lineNo };
    const label = heading ? null : LABEL_LINE.exec(body);
    if (label) {
      const s = classifyHeading(label[1]);
      if (s === 'verdict' || s === 'severity' || s === 'hosts' || s === 'users' || s === 'techniques') lineSection = s;
    }
    switch (lineSection) {
      case 'verdict':
        doc.verdictText.push(unit);
        break;
      case 'severity':
        doc.severityText.push(unit);
        break;
      case 'hosts':
        doc.hosts.push(unit);
        break;
      case 'users':
        doc.users.push(unit);
        break;
      case 'indicators':
        doc.indicators.push(unit);
        break;
      case 'techniques':
        doc.techniques.push(unit);
        break;
      case 'timeline':
        doc.timeline.push(unit);
        break;
      case 'actions':
        doc.actions.push(unit);
        break;
      default:
        break;
    }
    doc.sentences.push(...sentences('text', body, lineNo).map((s) => ({ ...s, offset: s.offset + lineOffset + contentAt })));
  });
  fillExtracted(doc);
  return doc;
}

function fillExtracted(doc: ReportDoc): void {
  // structured indicator entries first: they are claims in their own right, whatever their shape
  if (doc.kind === 'structured') {
    for (const c of doc.indicators) {
      if (c.type && (INDICATOR_TYPES as readonly string[]).includes(c.type))
        doc.extracted.push({ type: c.type, value: c.text, unit: c, evidence: evidenceOf(c) });
    }
  }
  for (const unit of doc.sentences) {
    for (const x of extractIndicators(unit.text)) {
      doc.extracted.push({ type: x.type, value: x.value, unit, evidence: evidenceOf(unit, x.start, x.end) });
    }
  }
}

/**
 * Grading never throws on a report that skipped validation: missing or mistyped parts count as
 * empty (evidence paths then index the usable entries).
 */
function withDefaults(report: IncidentReport): IncidentReport {
  const r = (report ?? {}) as Partial<Record<keyof IncidentReport, unknown>>;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const strs = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const objs = <T>(v: unknown, ok: (x: Record<string, unknown>) => boolean) =>
    (Array.isArray(v) ? v.filter((x) => x && typeof x === 'object' && ok(x as Record<string, unknown>)) : []) as T[];
  return {
    summary: str(r.summary),
    verdict: str(r.verdict) as IncidentReport['verdict'],
    severity: str(r.severity) as IncidentReport['severity'],
    affectedHosts: strs(r.affectedHosts),
    affectedUsers: strs(r.affectedUsers),
    indicators: objs(r.indicators, (x) => typeof x.value === 'string' && typeof x.type === 'string' && (x.note === undefined || typeof x.note === 'string')),
    timeline: objs(r.timeline, (x) => typeof x.time === 'string' && typeof x.description === 'string'),
    techniques: strs(r.techniques),
    recommendedActions: strs(r.recommendedActions),
    freeText: str(r.freeText),
  };
}

function emptyDoc(kind: 'structured' | 'text'): ReportDoc {
  return {
    kind,
    verdictText: [],
    severityText: [],
    hosts: [],
    users: [],
    indicators: [],
    techniques: [],
    timeline: [],
    actions: [],
    sentences: [],
    extracted: [],
  };
}
