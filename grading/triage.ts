// Triage grading: how the trainee handled the exercise's alerts, separately from the report.
// Verdict accuracy against the key's alerts, escalation of the alerts that mattered (and of those
// that did not), and time from the exercise start to the first correct escalation.
import type { AlertVerdict, AnswerKey } from '../datasets/answer-key-schema.js';

/** One triage decision on an alert, as the server records it. */
export interface TriageDecision {
  ruleId: string;
  /** The alert's event: 0-based line in events.jsonl (an engine Alert's `source.line` is 1-based: subtract 1). */
  eventLine: number;
  /** The verdict given when the alert was closed or escalated (null: still open). */
  verdict: AlertVerdict | null;
  escalated: boolean;
  /** When the decision (escalation or close) was made, ISO-8601 wall-clock time. */
  decidedAt?: string;
}

export interface TriageAlertResult {
  ruleId: string;
  eventLine: number;
  expectedVerdict: AlertVerdict;
  givenVerdict: AlertVerdict | null;
  verdictCorrect: boolean;
  escalationExpected: boolean;
  escalated: boolean;
  /** The key's reason, shown after grading. */
  reason: string;
}

export interface TriageGrade {
  /** 0-100: 60% verdict accuracy, 40% escalation F1 (1 when nothing needed escalating and nothing was). */
  score: number;
  alerts: TriageAlertResult[];
  verdicts: { correct: number; total: number; accuracy: number };
  escalation: {
    expected: number;
    escalatedExpected: number;
    /** Escalations of alerts the key does not escalate. */
    unnecessary: number;
    recall: number;
    precision: number;
  };
  /** Seconds from `startedAt` to the first escalation of an alert the key escalates; null if none. */
  timeToFirstCorrectEscalationSeconds: number | null;
  /** Decisions on alerts the key does not list (unknown rule/event pairs). */
  unknownDecisions: TriageDecision[];
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
const round3 = (n: number) => Math.round(n * 1000) / 1000;

/**
 * Grades triage decisions against the key. Alerts are identified by rule id + event line; an alert
 * in the key without a decision counts as wrong (no verdict) and not escalated.
 */
export function gradeTriage(decisions: TriageDecision[], key: AnswerKey, options: { startedAt?: string } = {}): TriageGrade {
  const byAlert = new Map<string, TriageDecision>();
  for (const d of decisions) byAlert.set(`${d.ruleId}\u0000${d.eventLine}`, d);
  const known = new Set<string>();
  const alerts: TriageAlertResult[] = key.alerts.map((a) => {
    const id = `${a.ruleId}\u0000${a.event.line}`;
    known.add(id);
    const d = byAlert.get(id);
    const given = d?.verdict ?? null;
    return {
      ruleId: a.ruleId,
      eventLine: a.event.line,
      expectedVerdict: a.verdict,
      givenVerdict: given,
      verdictCorrect: given === a.verdict,
      escalationExpected: a.escalate,
      escalated: d?.escalated ?? false,
      reason: a.reason,
    };
  });
  const correct = alerts.filter((a) => a.verdictCorrect).length;
  const expected = alerts.filter((a) => a.escalationExpected).length;
  const escalatedExpected = alerts.filter((a) => a.escalationExpected && a.escalated).length;
  const escalatedTotal = alerts.filter((a) => a.escalated).length;
  const recall = ratio(escalatedExpected, expected);
  const precision = ratio(escalatedExpected, escalatedTotal);
  const f1 = recall + precision === 0 ? 0 : (2 * recall * precision) / (recall + precision);
  const accuracy = ratio(correct, alerts.length);

  let ttfe: number | null = null;
  const start = options.startedAt ? Date.parse(options.startedAt) : NaN;
  if (Number.isFinite(start)) {
    for (const a of key.alerts) {
      if (!a.escalate) continue;
      const d = byAlert.get(`${a.ruleId}\u0000${a.event.line}`);
      if (!d?.escalated || !d.decidedAt) continue;
      const t = Date.parse(d.decidedAt);
      if (!Number.isFinite(t)) continue;
      const s = Math.max(0, (t - start) / 1000);
      if (ttfe === null || s < ttfe) ttfe = s;
    }
  }

  return {
    score: Math.round(100 * (0.6 * accuracy + 0.4 * f1)),
    alerts,
    verdicts: { correct, total: alerts.length, accuracy: round3(accuracy) },
    escalation: { expected, escalatedExpected, unnecessary: escalatedTotal - escalatedExpected, recall: round3(recall), precision: round3(precision) },
    timeToFirstCorrectEscalationSeconds: ttfe,
    unknownDecisions: decisions.filter((d) => !known.has(`${d.ruleId}\u0000${d.eventLine}`)),
  };
}
