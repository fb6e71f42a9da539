// `soclab grade REPORT --key ANSWER_KEY`: the automatic fact-by-fact pre-grade of one incident
// report (a structured .json report, or a .md/.txt report) against a scenario's answer key.
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Command } from 'commander';
import Value from 'typebox/value';
import { checkEventRefs, formatKeyProblems, validateAnswerKey, type AnswerKey } from '../../datasets/answer-key-schema.js';
import { buildKnownValues, gradeReport, stringLeaves, type Evidence, type Grade } from '../../grading/index.js';
import { IncidentReportSchema, type IncidentReport } from '../../server/contract/report.js';
import { EXIT_OK, EXIT_USAGE, UsageError, usageExitCodes } from '../lib/cli-errors.js';
import { clip, escapeForTerminal } from '../lib/terminal-text.js';

interface GradeFlags {
  key: string;
  json?: boolean;
  events?: string;
  utcOffset?: string;
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${what} ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (err as Error).message}`);
  }
}

function parseJson(text: string, path: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${what} ${path} is not valid JSON: ${(err as Error).message}`);
  }
}

/** Reads and validates the answer key; problems are listed with their path in the key. */
export function loadKey(path: string): AnswerKey {
  const r = validateAnswerKey(parseJson(readText(path, 'answer key'), path, 'answer key'));
  if (!r.ok) {
    const lines = formatKeyProblems(r.problems.slice(0, 20))
      .split('\n')
      .map((l) => `  ${path}#${l}`);
    const more = r.problems.length > 20 ? [`  ... and ${r.problems.length - 20} more`] : [];
    throw new UsageError(`answer key ${path} does not validate:\n${[...lines, ...more].join('\n')}`);
  }
  return r.key;
}

/** Reads a report: .json as the structured contract (validated; bare or in the API's `body`), anything else as Markdown/text. */
export function loadReport(path: string): IncidentReport | string {
  const text = readText(path, 'report');
  if (!/\.json$/i.test(path)) return text;
  let json = parseJson(text, path, 'report');
  // a report as the server's API returns it: { id, status, body: <report>, ... }
  const body = (json as { body?: unknown } | null)?.body;
  if (!Value.Check(IncidentReportSchema, json) && body !== undefined && Value.Check(IncidentReportSchema, body)) json = body;
  if (!Value.Check(IncidentReportSchema, json)) {
    const errors = [...Value.Errors(IncidentReportSchema, json)]
      .filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'boolean')
      .slice(0, 20)
      .map((e) => `  ${path}#${e.instancePath || '/'}: ${e.message}`);
    throw new UsageError(`report ${path} is not a valid structured report:\n${errors.join('\n')}`);
  }
  return json as IncidentReport;
}

/**
 * Streams the events once: collects every string value (the "known data values") and checks the
 * key's event references (line + timestamp) against the events, warning on stderr.
 */
async function loadEvents(path: string, key: AnswerKey, keyPath: string) {
  readText(path, 'events file'); // a clear error before streaming
  const values: string[] = [];
  const wanted = new Set(key.alerts.map((a) => a.event.line));
  const referenced = new Map<number, Record<string, unknown>>();
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    const index = n++;
    if (!line.trim()) continue;
    try {
      const event: unknown = JSON.parse(line);
      if (wanted.has(index) && event && typeof event === 'object') referenced.set(index, event as Record<string, unknown>);
      for (const v of stringLeaves(event)) values.push(v);
    } catch {
      process.stderr.write(`soclab grade: ${path}:${n}: not a JSON line, skipped\n`);
    }
  }
  for (const p of checkEventRefs(key, (l) => referenced.get(l))) {
    process.stderr.write(`soclab grade: warning: ${keyPath}#${p.path}: ${p.message}\n`);
  }
  return buildKnownValues(values);
}

const show = (s: string, max = 60) => escapeForTerminal(clip(s.replace(/\s+/g, ' '), max));

function evidenceText(e: Evidence | undefined): string {
  if (!e) return '';
  const where = e.line !== undefined ? `line ${e.line}` : e.field;
  return `${where}: "${show(e.text)}"`;
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** The human-readable rubric. */
export function formatGrade(g: Grade): string {
  const out: string[] = [];
  out.push(`Answer key: ${g.key.scenarioId} ${g.key.scenarioVersion} (key version ${g.key.keyVersion}); ${g.reportKind} report`);
  out.push('');
  const idW = Math.max(4, ...g.rubric.map((r) => r.factId.length));
  out.push(`${'STATUS'.padEnd(8)} ${'POINTS'.padEnd(9)} ${'FACT'.padEnd(idW)}  EVIDENCE / NOTE`);
  for (const r of g.rubric) {
    const pts = `${fmt(r.points)}/${fmt(r.weight)}`;
    const detail = [evidenceText(r.evidence[0]), r.note ? `(${escapeForTerminal(r.note)})` : ''].filter(Boolean).join(' ');
    out.push(`${r.status.padEnd(8)} ${pts.padEnd(9)} ${r.factId.padEnd(idW)}  ${detail || escapeForTerminal(clip(r.description, 70))}`);
  }
  if (g.penalties.length) {
    out.push('');
    out.push('Penalties');
    for (const p of g.penalties) {
      const ev = p.evidence[0] ? ` [${evidenceText(p.evidence[0])}]` : '';
      out.push(`  -${fmt(p.points)}  ${p.id}: ${escapeForTerminal(clip(p.description, 90))}${ev}`);
    }
  }
  const unjudged = g.unmatchedIndicators.filter((u) => u.inData === null);
  if (unjudged.length) {
    out.push('');
    out.push(`Indicators not in the key (not checked against data; use --events): ${unjudged.map((u) => show(u.value, 80)).join(', ')}`);
  }
  out.push('');
  const t = g.timeline;
  out.push(`Timeline: ${t.foundSteps}/${t.expectedSteps} steps found in ${t.reportEntries} report entries; ${t.inversions} pair(s) out of order`);
  out.push(`Reported verdict: ${g.reported.verdict ?? '-'}; severity: ${g.reported.severity ?? '-'}`);
  out.push(`Score: ${g.score}/100  (${fmt(g.earned)} earned - ${fmt(g.penaltyPoints)} penalties = ${fmt(g.points)} of ${fmt(g.maxPoints)} points)`);
  return out.join('\n') + '\n';
}

export function register(program: Command): void {
  const cmd = program
    .command('grade')
    .description('grade an incident report (.json structured, or .md/.txt) against a scenario answer key')
    .argument('<report>', 'the report: a .json structured report or a Markdown/text file')
    .requiredOption('--key <answer-key>', "the scenario's answer-key.json")
    .option('--events <events.jsonl>', "the scenario's events: indicators found in neither key nor events are penalised")
    .option('--utc-offset <minutes>', 'offset from UTC assumed for report times written without a zone', '0')
    .option('--json', 'print the Grade object as JSON')
    .action(async (reportPath: string, flags: GradeFlags) => {
      try {
        const offset = Number(flags.utcOffset ?? '0');
        if (!Number.isInteger(offset) || Math.abs(offset) > 14 * 60) throw new UsageError(`--utc-offset must be whole minutes within ±840, got ${flags.utcOffset}`);
        const key = loadKey(flags.key);
        const report = loadReport(reportPath);
        const knownValues = flags.events ? await loadEvents(flags.events, key, flags.key) : undefined;
        const grade = gradeReport(report, key, { assumeOffsetMinutes: offset, ...(knownValues ? { knownValues } : {}) });
        process.stdout.write(flags.json ? JSON.stringify(grade, null, 2) + '\n' : formatGrade(grade));
        process.exitCode = EXIT_OK;
      } catch (err) {
        if (err instanceof UsageError) {
          process.stderr.write(`soclab grade: ${err.message}\n`);
          process.exit(EXIT_USAGE);
        }
        throw err;
      }
    });
  usageExitCodes(cmd);
}
