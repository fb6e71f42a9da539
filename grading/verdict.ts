// Reading the verdict and severity a plain report states ("Verdict: true positive",
// "**Severity:** High", "this was a false positive", "high severity").
import { LEVELS, type Level } from '../engine/api.js';
import type { IncidentVerdict } from '../server/contract/report.js';
import { evidenceOf, type Claim, type ReportDoc } from './report-doc.js';
import type { TextUnit } from './text.js';
import type { Evidence } from './types.js';

const VERDICT_PHRASES: [IncidentVerdict, RegExp][] = [
  ['false_positive', /\bfalse[\s-]?positive\b|\bFP\b/gi],
  ['true_positive', /\btrue[\s-]?positive\b|\bTP\b|\bconfirmed\s+(?:incident|compromise|malicious)\b|\bmalicious\b/gi],
  ['benign', /\bbenign\b|\bauthori[sz]ed\s+activity\b|\blegitimate\s+activity\b|\bexpected\s+activity\b/gi],
];

const NEGATION_BEFORE = /\b(?:not|no|never|isn't|wasn't|rather\s+than|instead\s+of)\s+(?:an?\s+|the\s+)?(?:\w+\s+)?$/i;

/**
 * In running text, "benign" and "false positive" are often said of one alert or one look-alike
 * ("the Sysinternals download is benign"); they state the incident's verdict only when the
 * sentence is about the whole ("this is a false positive overall", "the activity is benign").
 */
function aboutTheIncident(sentence: string): boolean {
  return (
    /\b(?:this|overall|incident|activity|case|verdict|conclu\w*|assess\w*|classif\w*|determin\w*|all\s+(?:the\s+)?alerts)\b/i.test(sentence) &&
    !/\balert\b(?!s)/i.test(sentence)
  );
}

export interface ReadValue<T> {
  value: T;
  evidence: Evidence;
}

/** The first verdict stated, without negation, in `unit`. */
export function verdictIn(unit: TextUnit, loose: boolean): ReadValue<IncidentVerdict> | null {
  let best: { v: IncidentVerdict; start: number; end: number } | null = null;
  for (const [v, re] of VERDICT_PHRASES) {
    for (const m of unit.text.matchAll(re)) {
      if (!loose && /^(?:malicious|TP|FP)$/i.test(m[0])) continue; // too weak outside a verdict line
      if (!loose && v !== 'true_positive' && !aboutTheIncident(unit.text)) continue;
      if (NEGATION_BEFORE.test(unit.text.slice(Math.max(0, m.index - 30), m.index))) continue;
      if (!best || m.index < best.start) best = { v, start: m.index, end: m.index + m[0].length };
      break;
    }
  }
  return best ? { value: best.v, evidence: evidenceOf(unit, best.start, best.end) } : null;
}

/** The verdict a report states: its field, a verdict line/section, else an explicit phrase. */
export function readVerdict(doc: ReportDoc): ReadValue<IncidentVerdict> | null {
  if (doc.kind === 'structured') {
    const c = doc.verdictText[0];
    return c ? { value: doc.verdict as IncidentVerdict, evidence: evidenceOf(c) } : null;
  }
  for (const c of doc.verdictText) {
    const v = verdictIn(c, true);
    if (v) return v;
  }
  for (const s of doc.sentences) {
    const v = verdictIn(s, false);
    if (v) return v;
  }
  return null;
}

const LEVEL_WORDS: [RegExp, Level][] = [
  [/\b(?:informational|info)\b/i, 'informational'],
  [/\blow\b/i, 'low'],
  [/\b(?:medium|moderate)\b/i, 'medium'],
  [/\bhigh\b/i, 'high'],
  [/\b(?:critical|crit)\b/i, 'critical'],
];

function levelIn(unit: TextUnit, re: RegExp): ReadValue<Level> | null {
  const m = re.exec(unit.text);
  if (!m) return null;
  const word = m.groups?.level ?? m[0];
  for (const [lre, level] of LEVEL_WORDS) {
    if (lre.test(word)) {
      const at = m.index + m[0].toLowerCase().lastIndexOf(word.toLowerCase());
      return { value: level, evidence: evidenceOf(unit, at, at + word.length) };
    }
  }
  return null;
}

const ANY_LEVEL = /(?<level>\b(?:informational|info|low|medium|moderate|high|critical|crit)\b)/i;
const SEVERITY_PHRASE =
  /\bseverity(?:\s+(?:level|rating))?(?:\s+(?:is|was|of|as|to))?\s*[:=-]?\s*(?:\*\*|__)?(?<level>informational|info|low|medium|moderate|high|critical)\b|\b(?<level2>informational|low|medium|moderate|high|critical)[\s-]+severity\b/i;

/** The severity a report states. */
export function readSeverity(doc: ReportDoc): ReadValue<Level> | null {
  if (doc.kind === 'structured') {
    const c = doc.severityText[0];
    return c && (LEVELS as readonly string[]).includes(doc.severity ?? '') ? { value: doc.severity as Level, evidence: evidenceOf(c) } : null;
  }
  for (const c of doc.severityText as Claim[]) {
    const v = levelIn(c, ANY_LEVEL);
    if (v) return v;
  }
  for (const s of doc.sentences) {
    const m = SEVERITY_PHRASE.exec(s.text);
    if (!m) continue;
    const word = m.groups?.level ?? m.groups?.level2;
    if (!word) continue;
    const at = m.index + m[0].toLowerCase().indexOf(word.toLowerCase());
    const level = LEVEL_WORDS.find(([re]) => re.test(word))?.[1];
    if (level) return { value: level, evidence: evidenceOf(s, at, at + word.length) };
  }
  return null;
}
