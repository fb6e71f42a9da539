// Runs SigmaHQ-style regression folders against a loaded rule set.
//
// A regression folder holds, per test, an `info.yml`:
//   rule_metadata:          [{ id, title }]        the rule(s) the test is about
//   regression_tests_info:  [{ name, type, path, match_count? }]
// next to the events, as `evtx_dump -o json` output (concatenated pretty-printed objects) named like
// the `.evtx` of `path`, with `.json`. A test passes when each of its rules fires on the events at
// least `match_count` times (at least once when absent). The events are read through the same input
// path `soclab scan` uses (openEventFile: open, parse, flatten), so a format problem counts as a failure.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import type { RuleSet } from '../../engine/index.js';
import type { InputProblem } from '../../engine/input/index.js';
import { openEventFile } from '../../engine/node/read-event-file.js';
import { listFiles } from './sigmahq-rules.js';

export interface RegressionCase {
  /** The folder holding info.yml. */
  dir: string;
  info: string;
  /** Test name from regression_tests_info (e.g. "Positive Detection Test"). */
  name: string;
  ruleId: string;
  title: string;
  /** The events file (JSON) the rule must fire on. */
  eventsFile: string;
  /** Minimum number of firing events: match_count, else 1. */
  minMatches: number;
}

export interface RegressionResult extends RegressionCase {
  /** Events on which the rule fired. */
  got: number;
  events: number;
  malformed: number;
  /** Why it failed (rule not loaded, input problems, too few matches); undefined when it passed. */
  failure?: string;
}

interface InfoYml {
  rule_metadata?: { id?: string; title?: string }[];
  regression_tests_info?: { name?: string; path?: string; match_count?: number }[];
}

/**
 * The regression cases under `root`. Malformed info.yml files, and tests whose events file cannot be
 * found, come back as `problems` (file and reason) rather than being skipped silently; info.yml files
 * that list no test at all (SigmaHQ comments some out) come back as `withoutTests`.
 */
export function findRegressionCases(root: string): { cases: RegressionCase[]; problems: string[]; withoutTests: string[] } {
  const cases: RegressionCase[] = [];
  const problems: string[] = [];
  const withoutTests: string[] = [];
  for (const info of listFiles(root, (n) => n === 'info.yml')) {
    const dir = path.dirname(info);
    let doc: InfoYml;
    try {
      doc = yaml.load(readFileSync(info, 'utf8')) as InfoYml;
    } catch (err) {
      problems.push(`${info}: invalid YAML: ${(err as Error).message}`);
      continue;
    }
    const rules = (doc?.rule_metadata ?? []).filter((r) => typeof r?.id === 'string');
    const tests = doc?.regression_tests_info;
    if (rules.length === 0 || (tests !== undefined && tests !== null && !Array.isArray(tests))) {
      problems.push(`${info}: needs rule_metadata[].id and a regression_tests_info list`);
      continue;
    }
    // SigmaHQ ships some info.yml files with their tests commented out: nothing to run.
    if (!tests || tests.length === 0) {
      withoutTests.push(info);
      continue;
    }
    const jsons = readdirSync(dir).filter((n) => n.toLowerCase().endsWith('.json')).sort();
    for (const [i, test] of tests.entries()) {
      // The events file is the test's .evtx path with .json, in this folder; a folder with a single
      // JSON file needs no name match.
      const wanted = test.path ? path.basename(test.path).replace(/\.evtx$/i, '.json') : undefined;
      const file = wanted && jsons.includes(wanted) ? wanted : jsons.length === 1 ? jsons[0] : undefined;
      if (!file) {
        problems.push(`${info}: regression_tests_info[${i}]: no events file ${wanted ?? '(no path)'} in ${dir}`);
        continue;
      }
      const count = test.match_count;
      if (count !== undefined && (!Number.isInteger(count) || count < 0)) {
        problems.push(`${info}: regression_tests_info[${i}].match_count must be a non-negative integer`);
        continue;
      }
      for (const r of rules) {
        cases.push({
          dir, info, name: test.name ?? `test ${i}`, ruleId: r.id!, title: r.title ?? '(no title)',
          eventsFile: path.join(dir, file), minMatches: count ?? 1,
        });
      }
    }
  }
  return { cases, problems, withoutTests };
}

export interface ScanCounts {
  events: number;
  malformed: number;
  problems: InputProblem[];
  /** Rule id -> number of events it fired on. */
  hits: Map<string, number>;
}

/** Scans one file with the rule set, as `soclab scan` reads it; counts events and hits per rule. */
export async function scanFile(ruleSet: RuleSet, file: string): Promise<ScanCounts> {
  const problems: InputProblem[] = [];
  const { parser, records } = await openEventFile(file, { onProblem: (p) => problems.push(p) });
  const hits = new Map<string, number>();
  for await (const { event } of records) {
    for (const hit of ruleSet.match(event)) hits.set(hit.rule.id, (hits.get(hit.rule.id) ?? 0) + 1);
  }
  return { events: parser.stats.events, malformed: parser.stats.malformed, problems, hits };
}

/** Runs one case. Scans are cached per events file (several rules may share one). */
export async function runRegressionCase(ruleSet: RuleSet, c: RegressionCase, cache = new Map<string, Promise<ScanCounts>>()): Promise<RegressionResult> {
  let scan = cache.get(c.eventsFile);
  if (!scan) {
    scan = scanFile(ruleSet, c.eventsFile);
    cache.set(c.eventsFile, scan);
  }
  const counts = await scan;
  const got = counts.hits.get(c.ruleId) ?? 0;
  const result: RegressionResult = { ...c, got, events: counts.events, malformed: counts.malformed };
  if (!ruleSet.rules.some((r) => r.id === c.ruleId)) {
    const why = ruleSet.diagnostics.filter((d) => d.rule === c.ruleId && d.severity === 'error').map((d) => `${d.code} at ${d.path}: ${d.message}`);
    result.failure = `rule not loaded${why.length ? `: ${why.join('; ')}` : ' (not in the rule set)'}`;
  } else if (counts.malformed > 0) {
    result.failure = `${counts.malformed} malformed record(s): ${counts.problems.slice(0, 3).map((p) => p.message).join('; ')}`;
  } else if (got < c.minMatches) {
    result.failure = `expected at least ${c.minMatches} match(es), got ${got} (of ${counts.events} events)`;
  }
  return result;
}

/** One line per failure: rule id, title, file, expected vs got. */
export function formatRegressionFailure(r: RegressionResult): string {
  return `FAIL ${r.ruleId} "${r.title}" ${r.eventsFile}: expected >= ${r.minMatches}, got ${r.got} (${r.events} events) - ${r.failure}`;
}

/** Folders named in SOCLAB_REGRESSION_DIRS (colon-separated), missing ones included so the test can say so. */
export function extraRegressionDirs(env = process.env.SOCLAB_REGRESSION_DIRS): string[] {
  return (env ?? '').split(':').map((d) => d.trim()).filter((d) => d !== '');
}

export function regressionDirExists(dir: string): boolean {
  return existsSync(dir);
}
