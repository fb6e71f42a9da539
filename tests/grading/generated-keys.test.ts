// Every scenario the generator ships, checked from the grader's side: its answer key validates, every
// technique it names is in the grader's ATT&CK table, and its own model answer (the key's summary,
// graded as a plain report) makes none of the key's forbidden claims and states no other verdict.
import { describe, expect, it } from 'vitest';
import { checkEventRefs, validateAnswerKey, formatKeyProblems } from '../../datasets/answer-key-schema.js';
import { generateScenario } from '../../datasets/generator.js';
import { SCENARIOS } from '../../datasets/scenarios/index.js';
import { gradeReport, techniqueName } from '../../grading/index.js';

describe('generated answer keys, from the grader side', () => {
  it.each(SCENARIOS.map((s) => [s.id, s] as const))('%s', async (_id, scenario) => {
    let text = '';
    const { answerKey } = await generateScenario(scenario, { seed: 1, scale: 0 }, (chunk) => {
      text += chunk;
    });
    const events = text.split('\n').filter((l) => l !== '');
    const r = validateAnswerKey(JSON.parse(JSON.stringify(answerKey)));
    expect(r.ok ? 'valid' : formatKeyProblems(r.problems)).toBe('valid');
    if (!r.ok) return;
    const key = r.key;
    // the key's event references are exact: line and timestamp
    const eventAt = (line: number) => (events[line] === undefined ? undefined : (JSON.parse(events[line]) as Record<string, unknown>));
    expect(checkEventRefs(key, eventAt)).toEqual([]);
    if (key.alerts.length) {
      const shifted = { ...key, alerts: [{ ...key.alerts[0], event: { ...key.alerts[0].event, line: key.alerts[0].event.line + 1 } }] };
      const sameTime = eventAt(shifted.alerts[0].event.line)?.timestamp === eventAt(key.alerts[0].event.line)?.timestamp;
      if (!sameTime) expect(checkEventRefs(shifted, eventAt).map((p) => p.path)).toEqual(['/alerts/0/event/timestamp']);
      const beyond = { ...key, alerts: [{ ...key.alerts[0], event: { ...key.alerts[0].event, line: events.length } }] };
      expect(checkEventRefs(beyond, eventAt)).toEqual([{ path: '/alerts/0/event/line', message: `no event at line ${events.length} of the events` }]);
    }
    const techniques = key.facts.flatMap((f) => (f.kind === 'technique' ? [f.technique, ...(f.alsoAccept ?? [])] : []));
    expect(techniques.filter((t) => !techniqueName(t))).toEqual([]);

    const grade = gradeReport(key.summary, key);
    expect(grade.penalties.filter((p) => p.reason === 'forbidden' || p.reason === 'wrong-verdict')).toEqual([]);
    expect([undefined, key.verdict]).toContain(grade.reported.verdict);
  });
});
