// gradeReport: the fact-by-fact pre-grade. Each expected fact earns its weight (found), part of it
// (partial, `scoring.partialCredit`, default 0.5) or nothing; wrong claims cost points; the score is
// the points left as a share of the key's total weight.
import type { AnswerKey, Fact } from '../datasets/answer-key-schema.js';
import type { IncidentReport } from '../server/contract/report.js';
import { accuses, findForbidden } from './forbidden.js';
import { matchFact, type FactMatch } from './match.js';
import { timelineEntries } from './timeline.js';
import { compareIndicator } from './normalise/index.js';
import { compareHosts } from './normalise/host.js';
import { compareAccounts } from './normalise/account.js';
import { structuredDoc, textDoc, type ReportDoc } from './report-doc.js';
import { isExculpatory } from './text.js';
import type { Grade, GradeOptions, Penalty, RubricItem } from './types.js';
import { readSeverity, readVerdict } from './verdict.js';

export const DEFAULT_SCORING = { partialCredit: 0.5, wrongVerdictPenalty: 10, unknownIndicatorPenalty: 2 } as const;
/** At most this many unknown indicators are penalised (a long list should not zero a report). */
export const MAX_UNKNOWN_INDICATOR_PENALTIES = 5;
/** Points per pair of timeline steps listed in the wrong order, at most 3 pairs. */
export const TIMELINE_ORDER_PENALTY = 1;

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Grades a structured report or a plain Markdown/text report against a (validated) answer key. */
export function gradeReport(report: IncidentReport | string, key: AnswerKey, options: GradeOptions = {}): Grade {
  const doc = typeof report === 'string' ? textDoc(report) : structuredDoc(report);
  const scoring = { ...DEFAULT_SCORING, ...key.scoring };
  const time = { assumeOffsetMinutes: options.assumeOffsetMinutes ?? 0 };

  const matches = new Map<Fact, FactMatch>();
  const rubric: RubricItem[] = key.facts.map((fact) => {
    const m = matchFact(fact, { doc, time });
    matches.set(fact, m);
    const points = m.status === 'found' ? fact.weight : m.status === 'partial' ? fact.weight * scoring.partialCredit : 0;
    const item: RubricItem = {
      factId: fact.id,
      kind: fact.kind,
      description: fact.description,
      weight: fact.weight,
      status: m.status,
      points: round2(points),
      evidence: m.evidence,
    };
    if (m.note) item.note = m.note;
    return item;
  });

  const penalties: Penalty[] = [];
  for (const claim of key.forbidden) {
    const evidence = findForbidden(claim, doc);
    if (evidence.length) penalties.push({ id: claim.id, reason: 'forbidden', description: claim.description, points: claim.penalty, evidence });
  }

  const verdict = readVerdict(doc);
  if (verdict && verdict.value !== key.verdict && scoring.wrongVerdictPenalty > 0) {
    penalties.push({
      id: 'wrong-verdict',
      reason: 'wrong-verdict',
      description: `The report's verdict is ${verdict.value}; the key's is ${key.verdict}.`,
      points: scoring.wrongVerdictPenalty,
      evidence: [verdict.evidence],
    });
  }

  // timeline: count and ordering of the key's steps as the report lists them
  const steps = key.facts
    .filter((f): f is Extract<Fact, { kind: 'timeline' }> => f.kind === 'timeline')
    .map((f, i) => ({ order: f.order ?? i + 1, m: matches.get(f)! }))
    .filter((s) => s.m.status !== 'missing' && s.m.entryIndex !== undefined)
    .sort((a, b) => a.order - b.order);
  let inversions = 0;
  for (let i = 0; i < steps.length; i++)
    for (let j = i + 1; j < steps.length; j++) if (steps[i].m.entryIndex! > steps[j].m.entryIndex! && steps[i].order < steps[j].order) inversions++;
  if (inversions > 0) {
    penalties.push({
      id: 'timeline-order',
      reason: 'timeline-order',
      description: `${inversions} pair(s) of timeline steps are listed out of order.`,
      points: TIMELINE_ORDER_PENALTY * Math.min(inversions, 3),
      evidence: [],
    });
  }

  const unmatched = unmatchedIndicators(doc, key, options);
  let unknownCount = 0;
  for (const u of unmatched) {
    // only a claimed indicator costs points: listed as one, or accused in a sentence; a passing
    // mention ("checked on virustotal.com") is listed but not penalised
    if (u.inData !== false || !u.claimed || scoring.unknownIndicatorPenalty <= 0) continue;
    if (unknownCount++ >= MAX_UNKNOWN_INDICATOR_PENALTIES) continue;
    penalties.push({
      id: 'unknown-indicator',
      reason: 'unknown-indicator',
      description: `${u.type} ${u.value} is neither in the answer key nor in the scenario's data.`,
      points: scoring.unknownIndicatorPenalty,
      evidence: [u.evidence],
    });
  }

  const maxPoints = key.facts.reduce((s, f) => s + f.weight, 0);
  const earned = rubric.reduce((s, r) => s + r.points, 0);
  const penaltyPoints = penalties.reduce((s, p) => s + p.points, 0);
  const points = Math.max(0, earned - penaltyPoints);
  const severity = readSeverity(doc);
  return {
    key: { scenarioId: key.scenario.id, scenarioVersion: key.scenario.version, keyVersion: key.version },
    reportKind: doc.kind,
    score: maxPoints > 0 ? Math.round((100 * points) / maxPoints) : 0,
    points: round2(points),
    maxPoints: round2(maxPoints),
    earned: round2(earned),
    penaltyPoints: round2(penaltyPoints),
    partialCredit: scoring.partialCredit,
    rubric,
    penalties,
    timeline: {
      expectedSteps: key.facts.filter((f) => f.kind === 'timeline').length,
      foundSteps: steps.length,
      reportEntries: countTimeEntries(doc, key, time.assumeOffsetMinutes),
      inversions,
    },
    reported: { ...(verdict ? { verdict: verdict.value } : {}), ...(severity ? { severity: severity.value } : {}) },
    unmatchedIndicators: unmatched.map(({ claimed: _claimed, ...u }) => u),
  };
}

function countTimeEntries(doc: ReportDoc, key: AnswerKey, assumeOffsetMinutes: number): number {
  if (doc.kind === 'structured') return doc.timeline.length;
  const first = key.facts.find((f) => f.kind === 'timeline');
  const referenceMs = first && first.kind === 'timeline' ? Date.parse(first.time) : undefined;
  return timelineEntries(doc, { referenceMs, assumeOffsetMinutes }).filter((e) => e.timeMs !== null).length;
}

/**
 * Indicators the report claims (structured list entries; in text, extracted values outside
 * sentences that clear them) that match nothing in the key: no indicator fact, no forbidden
 * indicator, no host or user fact.
 */
type Unmatched = Grade['unmatchedIndicators'][number] & { claimed: boolean };

function unmatchedIndicators(doc: ReportDoc, key: AnswerKey, options: GradeOptions): Unmatched[] {
  const out: Unmatched[] = [];
  const indicatorLines = new Set(doc.indicators.map((c) => c.line).filter((l) => l !== undefined));
  const seen = new Set<string>();
  for (const x of doc.extracted) {
    if (isExculpatory(x.unit.text) && !doc.indicators.includes(x.unit as never)) continue;
    const inKey =
      key.facts.some(
        (f) =>
          (f.kind === 'indicator' && f.values.some((v) => compareIndicator(f.type, v, x.value) || compareIndicator(x.type, v, x.value))) ||
          (f.kind === 'host' && f.values.some((v) => compareHosts(v, x.value))) ||
          (f.kind === 'user' && f.values.some((v) => compareAccounts(v, x.value))),
      ) ||
      key.forbidden.some((c) => (c.values ?? []).some((v) => compareIndicator(c.type ?? x.type, v, x.value) || compareIndicator(x.type, v, x.value)));
    if (inKey) continue;
    const k = `${x.type}:${x.value.toLowerCase()}`;
    if (seen.has(k)) continue;
    seen.add(k);
    const listed = doc.indicators.includes(x.unit as never) || (x.unit.line !== undefined && indicatorLines.has(x.unit.line));
    out.push({
      type: x.type,
      value: x.value,
      inData: options.knownValues ? options.knownValues.has(x.value) : null,
      evidence: x.evidence,
      claimed: listed || accuses(x.unit),
    });
  }
  return out;
}
