// A corpus of sample reports, excellent to poor, against the example key. Each expected grade was set
// by hand (reading the report against the key as a grader would) before running the grader; the
// automatic score must fall within SCORE_TOLERANCE of it and the listed facts must have the status
// and evidence written here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateAnswerKey, type AnswerKey } from '../../datasets/answer-key-schema.js';
import { buildKnownValues, gradeReport, type FactStatus, type Grade } from '../../grading/index.js';
import type { IncidentReport } from '../../server/contract/report.js';

/** Points of score (0-100) the automatic grade may differ from the hand grade. */
const SCORE_TOLERANCE = 3;

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const loadKey = (): AnswerKey => {
  const r = validateAnswerKey(JSON.parse(fixture('phishing-key.json')));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.key;
};
const loadReport = (name: string): IncidentReport | string =>
  name.endsWith('.json') ? (JSON.parse(fixture(`reports/${name}`)) as IncidentReport) : fixture(`reports/${name}`);

interface Case {
  report: string;
  /** Hand-set score. */
  hand: number;
  /** Status of every fact not listed in `except`. */
  rest: FactStatus;
  except?: Record<string, FactStatus>;
  penalties?: string[];
  /** fact id -> a piece of evidence text that must be among its evidence. */
  evidence?: Record<string, string>;
}

const CASES: Case[] = [
  { report: 'excellent.json', hand: 100, rest: 'found', penalties: [], evidence: { 'ioc-c2-ip': '203.0.113[.]45', 'host-ws042': 'ws-042.corp.example.com', 't-psexec': 'T1569.002' } },
  { report: 'plain-good.md', hand: 100, rest: 'found', penalties: [], evidence: { 'ioc-domain': 'inv0ice-portal[.]com', 'tl-lsass': '2024-03-05 14:21', 't-psexec': 'T1021.002' } },
  {
    report: 'unusual-wording.md',
    hand: 95,
    rest: 'found',
    except: { 'ioc-hash': 'missing', 'ioc-attachment': 'missing' },
    penalties: [],
    evidence: { verdict: 'malicious', severity: 'HIGH', 'ioc-c2-ip': '203[.]0[.]113[.]45', 'tl-lateral': '15:31 CET', 't-phishing': 'Phishing', 't-psexec': 'Service Execution' },
  },
  {
    report: 'out-of-order.json',
    hand: 98,
    rest: 'found',
    penalties: ['timeline-order'],
  },
  {
    report: 'missing-timeline.json',
    hand: 56,
    rest: 'missing',
    except: {
      verdict: 'found', severity: 'partial', 'host-ws042': 'found', 'host-fs01': 'partial', 'user-jdoe': 'found', 'ioc-c2-ip': 'found',
      'ioc-domain': 'found', 'ioc-url': 'found', 't-phishing': 'found', 't-powershell': 'found', 'act-isolate': 'found',
    },
    penalties: [],
    evidence: { 'host-fs01': 'FS-01', 'ioc-domain': 'http://cdn.inv0ice-portal.com/stage2.ps1', 't-phishing': 'T1566', 'act-isolate': 'Contain the host' },
  },
  {
    report: 'wrong-hosts.json',
    hand: 38,
    rest: 'missing',
    except: {
      verdict: 'found', severity: 'partial', 'host-ws042': 'found', 'user-jdoe': 'found', 'ioc-c2-ip': 'found', 'ioc-domain': 'found',
      't-powershell': 'partial', 't-psexec': 'found', 'tl-macro': 'found', 'tl-lateral': 'partial', 'act-reset': 'found',
    },
    penalties: ['no-ws050', 'no-adm-mlee', 'no-google-update-ioc'],
    evidence: { 't-powershell': 'T1059', 'tl-lateral': '2024-03-05T15:10:00Z' },
  },
  {
    report: 'poor.txt',
    hand: 0,
    rest: 'missing',
    penalties: ['no-ws050', 'wrong-verdict'],
    evidence: { verdict: 'false positive', severity: 'low' },
  },
];

/** Every piece of evidence must be the report's own text at the offsets it gives. */
function checkEvidenceOffsets(report: IncidentReport | string, grade: Grade): void {
  const fieldText = (field: string): string | undefined => {
    if (typeof report === 'string') return field === 'text' ? report : undefined;
    const m = /^(\w+)(?:\[(\d+)\])?(?:\.(\w+))?$/.exec(field);
    if (!m) return undefined;
    let v: unknown = (report as unknown as Record<string, unknown>)[m[1]];
    if (m[2] !== undefined) v = (v as unknown[])[Number(m[2])];
    if (m[3] !== undefined) v = (v as Record<string, unknown>)[m[3]];
    return typeof v === 'string' ? v : undefined;
  };
  const all = [...grade.rubric.flatMap((r) => r.evidence), ...grade.penalties.flatMap((p) => p.evidence)];
  for (const e of all) expect(fieldText(e.field)?.slice(e.start, e.end), `${e.field} ${e.start}-${e.end}`).toBe(e.text);
}

describe('graded corpus (example phishing key)', () => {
  const key = loadKey();
  it.each(CASES)('$report: hand grade $hand', (c) => {
    const report = loadReport(c.report);
    const grade = gradeReport(report, key);
    expect(Math.abs(grade.score - c.hand), `automatic ${grade.score} vs hand ${c.hand}`).toBeLessThanOrEqual(SCORE_TOLERANCE);
    const statuses = Object.fromEntries(grade.rubric.map((r) => [r.factId, r.status]));
    const expected = Object.fromEntries(key.facts.map((f) => [f.id, c.except?.[f.id] ?? c.rest]));
    expect(statuses).toEqual(expected);
    if (c.penalties) expect(grade.penalties.map((p) => p.id).sort()).toEqual([...c.penalties].sort());
    for (const [factId, text] of Object.entries(c.evidence ?? {})) {
      const item = grade.rubric.find((r) => r.factId === factId)!;
      expect(item.evidence.map((e) => e.text), factId).toContain(text);
    }
    for (const r of grade.rubric) {
      if (r.status !== 'missing') expect(r.evidence.length, r.factId).toBeGreaterThan(0);
      expect(r.points).toBe(r.status === 'found' ? r.weight : r.status === 'partial' ? r.weight / 2 : 0);
    }
    checkEvidenceOffsets(report, grade);
  });

  it('reports line numbers for plain reports', () => {
    const grade = gradeReport(loadReport('plain-good.md'), key);
    const host = grade.rubric.find((r) => r.factId === 'host-ws042')!;
    expect(host.evidence[0]).toMatchObject({ field: 'text', text: 'ws-042.corp.example.com', line: 12 });
  });

  it('summarises the timeline: count and order of steps', () => {
    expect(gradeReport(loadReport('excellent.json'), key).timeline).toEqual({ expectedSteps: 4, foundSteps: 4, reportEntries: 4, inversions: 0 });
    expect(gradeReport(loadReport('out-of-order.json'), key).timeline.inversions).toBe(2);
    expect(gradeReport(loadReport('unusual-wording.md'), key).timeline).toMatchObject({ foundSteps: 4, reportEntries: 3 });
    expect(gradeReport(loadReport('missing-timeline.json'), key).timeline).toMatchObject({ foundSteps: 0, reportEntries: 0 });
  });

  it('penalises an indicator that is neither in the key nor in the data, given the data', () => {
    const report = loadReport('wrong-hosts.json');
    const without = gradeReport(report, key);
    expect(without.unmatchedIndicators).toEqual([expect.objectContaining({ type: 'ip', value: '198.51.100.23', inData: null })]);
    expect(without.penalties.some((p) => p.reason === 'unknown-indicator')).toBe(false);

    const data = ['powershell.exe -enc ...', 'http://cdn.inv0ice-portal.com/stage2.ps1', '10.10.4.42', 'C:\\Program Files\\Google\\Update\\GoogleUpdate.exe'];
    const withData = gradeReport(report, key, { knownValues: buildKnownValues(data) });
    const unknown = withData.penalties.filter((p) => p.reason === 'unknown-indicator');
    expect(unknown.map((p) => p.evidence[0].text)).toEqual(['198.51.100.23']);
    expect(withData.score).toBe(36); // hand: (49.5 - 13 - 2) / 97
    const inData = gradeReport(report, key, { knownValues: buildKnownValues([...data, 'dst=198.51.100.23:53']) });
    expect(inData.penalties.some((p) => p.reason === 'unknown-indicator')).toBe(false);
  });

  it('grades a new accepted form only once the key accepts it (key versions)', () => {
    const report = { ...(loadReport('excellent.json') as IncidentReport), techniques: ['T1566.001', 'T1059.001', 'T1003.001', 'T1570'] };
    const v2 = gradeReport(report, key);
    expect(v2.rubric.find((r) => r.factId === 't-psexec')?.status).toBe('missing');
    const v3: AnswerKey = {
      ...key,
      version: 3,
      facts: key.facts.map((f) => (f.id === 't-psexec' && f.kind === 'technique' ? { ...f, alsoAccept: [...(f.alsoAccept ?? []), 'T1570'] } : f)),
    };
    const graded = gradeReport(report, v3);
    expect(graded.rubric.find((r) => r.factId === 't-psexec')?.status).toBe('found');
    expect(graded.key).toEqual({ scenarioId: 'phish-ps-c2', scenarioVersion: '1.0.0', keyVersion: 3 });
  });

  it('a report that names the benign host only to clear it is not penalised', () => {
    const text = 'Verdict: true positive.\nWS-050 was checked: the PsExec there is the approved change CHG-1182, benign.\nAffected hosts: WS-042';
    const grade = gradeReport(text, key);
    expect(grade.penalties).toEqual([]);
    expect(grade.rubric.find((r) => r.factId === 'host-ws042')?.status).toBe('found');
  });
});

// A real generated key: `soclab generate phishing-macro-beacon --seed 7` (engineer D's generator),
// snapshotted so the hand grades below stay tied to the key they were set against.
describe('graded corpus (generated key: phishing-macro-beacon, seed 7)', () => {
  const r = validateAnswerKey(JSON.parse(fixture('phishing-macro-beacon-seed7-key.json')));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  const realKey = r.key;
  const dir = 'phishing-macro-beacon';

  const REAL: (Case & { autoDiffers?: Record<string, FactStatus> })[] = [
    {
      report: 'excellent.md',
      hand: 100,
      rest: 'found',
      penalties: [],
      evidence: { 'ioc-sender': 'accounts[@]fleetparts-direct[.]co', 'tl-mail': '10:12', 'ioc-payload-hash': '3F6ED7E6164B0414908D692BA09824EE9E213A7B9CDE8471BFE02AFCF3181696' },
    },
    {
      // names the real supplier's domain (fleetparts-direct.com) instead of the look-alike .co
      report: 'partial.json',
      hand: 58,
      rest: 'found',
      except: {
        severity: 'partial', 'ioc-sender': 'missing', 'ioc-domain': 'missing', 'ioc-url': 'missing', 'ioc-attachment': 'missing',
        'ioc-attachment-hash': 'missing', 'ioc-payload-hash': 'missing', 't-t1105': 'missing', 't-t1071.001': 'missing',
        'tl-mail': 'missing', 'tl-download': 'missing', 'tl-beacon': 'partial', 'act-block': 'missing', 'act-purge': 'missing',
      },
      penalties: [],
      evidence: { 'user-victim': 'zbaker@NBL.LOCAL', 'tl-macro': '10/03/2026 11:31 +01:00', 't-t1566.001': 'T1566' },
    },
    {
      report: 'lookalike-confusion.md',
      hand: 17,
      rest: 'missing',
      except: { verdict: 'found', severity: 'partial', 'host-victim': 'found', 'user-victim': 'found', 'ioc-domain': 'found' },
      // hand: missing (the wrong account is disabled); the phrase test sees "disable" without an
      // account word and gives partial credit. Within the score tolerance; a grader overrides it.
      autoDiffers: { 'act-reset': 'partial' },
      penalties: ['no-app-server', 'no-admin', 'no-brightfreight', 'no-sysinternals'],
      evidence: { 'user-victim': 'zbaker' },
    },
    { report: 'benign.txt', hand: 0, rest: 'missing', except: { 'host-victim': 'found' }, penalties: ['wrong-verdict'] },
  ];

  it.each(REAL)('$report: hand grade $hand', (c) => {
    const report = loadReport(`${dir}/${c.report}`);
    const grade = gradeReport(report, realKey);
    expect(Math.abs(grade.score - c.hand), `automatic ${grade.score} vs hand ${c.hand}`).toBeLessThanOrEqual(SCORE_TOLERANCE);
    const statuses = Object.fromEntries(grade.rubric.map((x) => [x.factId, x.status]));
    const expected = Object.fromEntries(realKey.facts.map((f) => [f.id, c.autoDiffers?.[f.id] ?? c.except?.[f.id] ?? c.rest]));
    expect(statuses).toEqual(expected);
    expect(grade.penalties.map((p) => p.id).sort()).toEqual([...(c.penalties ?? [])].sort());
    for (const [factId, text] of Object.entries(c.evidence ?? {})) {
      expect(grade.rubric.find((x) => x.factId === factId)!.evidence.map((e) => e.text), factId).toContain(text);
    }
    checkEvidenceOffsets(report, grade);
  });

  it('the look-alike supplier domain earns nothing and is listed as not in the key', () => {
    const grade = gradeReport(loadReport(`${dir}/partial.json`), realKey);
    expect(grade.unmatchedIndicators.map((u) => u.value)).toEqual(['fleetparts-direct.com']);
  });
});

describe('robustness', () => {
  const key = loadKey();
  it('never throws on reports that skipped validation or are hostile', () => {
    const inputs: unknown[] = [
      {},
      { summary: 42, affectedHosts: 'WS-042', indicators: [null, { type: 'ip' }], timeline: [{ time: 5 }] },
      '',
      '2024-03-05' + ' '.repeat(20_000) + 'x',
      '5 Mar' + ' '.repeat(20_000) + '2024',
      'a'.repeat(20_000),
      'a.'.repeat(10_000),
      ('hxxp[:]//' + 'x[.]'.repeat(50)).repeat(40),
      '##'.repeat(10_000) + '\n' + '- '.repeat(10_000),
      '\u202e\u0000' + 'T1059.'.repeat(3000),
      'WS-042 '.repeat(3000) + '14:02 '.repeat(3000),
    ];
    for (const input of inputs) {
      const g = gradeReport(input as IncidentReport | string, key);
      expect(g.score).toBeGreaterThanOrEqual(0);
      expect(g.score).toBeLessThanOrEqual(100);
    }
  });

  it('a structured report without a verdict states none (no wrong-verdict penalty)', () => {
    const g = gradeReport({ summary: 'WS-042 beaconed to 203.0.113.45' } as unknown as IncidentReport, key);
    expect(g.reported.verdict).toBeUndefined();
    expect(g.penalties).toEqual([]);
    expect(g.rubric.find((r) => r.factId === 'host-ws042')?.status).toBe('partial');
  });
});

describe('reading the verdict from prose', () => {
  const key = loadKey();
  it.each([
    ['This was a true positive: WS-042 is compromised.', 'true_positive'],
    ['I think this is a false positive overall.', 'false_positive'],
    ['Overall the activity is benign.', 'benign'],
    ['This is not a false positive; it is a true positive.', 'true_positive'],
    ['The GoogleUpdate alert is a false positive. The admin PsExec to WS-050 is benign.', undefined],
    ['The Sysinternals download is benign.', undefined],
    ['**Verdict:** FP', 'false_positive'],
    ['## Verdict\nMalicious - confirmed compromise', 'true_positive'],
  ])('%s -> %s', (text, verdict) => {
    expect(gradeReport(text, key).reported.verdict).toBe(verdict);
  });
});

// A generated benign scenario (`soclab generate quiet-day --seed 3`): no incident, many look-alikes.
describe('graded corpus (generated key: quiet-day, seed 3)', () => {
  const r = validateAnswerKey(JSON.parse(fixture('quiet-day-seed3-key.json')));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  const key = r.key;

  it('a calm review that clears each look-alike by name: hand grade 100, no penalty', () => {
    const grade = gradeReport(loadReport('quiet-day/good.md'), key);
    expect(grade.score).toBe(100);
    expect(grade.penalties).toEqual([]);
    expect(grade.rubric.find((x) => x.factId === 'act-tune')?.evidence[0].text).toContain('allow-list entry for Qualys');
  });

  it('an alarmed report that accuses the look-alikes: hand grade 0, each wrong claim penalised', () => {
    const report = loadReport('quiet-day/alarmed.md');
    const grade = gradeReport(report, key);
    expect(grade.score).toBe(0);
    expect(grade.rubric.every((x) => x.status === 'missing')).toBe(true);
    expect(grade.penalties.map((p) => p.id).sort()).toEqual(
      ['no-isolation', 'no-psexec-support-admin', 'no-psexec-support-target', 'no-qualys-nbl-fs01', 'no-qualys-process', 'wrong-verdict'].sort(),
    );
    // "Disable adm-kperez" in the actions is a claim that the account is compromised
    expect(grade.penalties.find((p) => p.id === 'no-psexec-support-admin')?.evidence.map((e) => e.line)).toContain(9);
    checkEvidenceOffsets(report, grade);
  });
});

describe('report times written without a zone', () => {
  const key = loadKey();
  const report = '## Timeline\n- 15:02 Word macro started PowerShell\n- 15:21 LSASS dumped with comsvcs\n';
  it('are read as UTC unless told otherwise', () => {
    const utc = gradeReport(report, key);
    expect(utc.rubric.find((r) => r.factId === 'tl-macro')).toMatchObject({ status: 'partial', note: expect.stringContaining('off by 60 min') });
    const cet = gradeReport(report, key, { assumeOffsetMinutes: 60 });
    expect(cet.rubric.find((r) => r.factId === 'tl-macro')?.status).toBe('found');
    expect(cet.rubric.find((r) => r.factId === 'tl-lsass')?.status).toBe('found');
    expect(cet.timeline).toMatchObject({ foundSteps: 2, reportEntries: 2, inversions: 0 });
  });
});

describe('line endings', () => {
  it('grades a CRLF report like its LF original, with offsets into the CRLF text', () => {
    const key = loadKey();
    const lf = loadReport('plain-good.md') as string;
    const crlf = lf.replace(/\n/g, '\r\n');
    const a = gradeReport(lf, key);
    const b = gradeReport(crlf, key);
    expect(b.score).toBe(a.score);
    expect(b.rubric.map((r) => r.status)).toEqual(a.rubric.map((r) => r.status));
    checkEvidenceOffsets(crlf, b);
  });
});

describe('indicators in neither key nor data', () => {
  const key = loadKey();
  const known = buildKnownValues(['203.0.113.45', 'http://cdn.inv0ice-portal.com/stage2.ps1']);
  it('cost points when claimed (listed or accused), not when merely mentioned', () => {
    const text = [
      'Verdict: true positive',
      'I checked the IP on virustotal.com and abuseipdb.com.',
      'The implant also beaconed to 198.51.100.99.',
      '## IOCs',
      '- 203.0.113.45',
      '- evil-backup.net',
    ].join('\n');
    const g = gradeReport(text, key, { knownValues: known });
    expect(g.unmatchedIndicators.map((u) => u.value)).toEqual(['virustotal.com', 'abuseipdb.com', '198.51.100.99', 'evil-backup.net']);
    expect(g.penalties.filter((p) => p.reason === 'unknown-indicator').map((p) => p.evidence[0].text)).toEqual(['198.51.100.99', 'evil-backup.net']);
  });
});
