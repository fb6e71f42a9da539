// Golden folders: whole rules over events. Each tests/engine/golden/<case>/ holds
//   rule.yml       one or more Sigma documents
//   events.jsonl   one event per line
//   expected.json  { mapping?: "windows" | "mapping.yml", profile?: "profile.yml", placeholders?: {...},
//                    loaded?: n, failed?: n, diagnostics?: [[code, path], ...] (warnings, errors and infos),
//                    hits: [{ event: <0-based line>, rule: <id>, selections: [names], summary?: "..." }] }
// Events not listed in `hits` must not fire.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileRuleSet, parseFieldMapProfile, parseMapping, type LogsourceMapping } from '../../engine/index.js';
import { repoRoot } from '../helpers/shared.js';

interface Expected {
  mapping?: string;
  profile?: string;
  placeholders?: Record<string, string[]>;
  loaded?: number;
  failed?: number;
  diagnostics?: [string, string][];
  hits: { event: number; rule: string; selections: string[]; summary?: string }[];
}

const goldenDir = path.join(repoRoot, 'tests/engine/golden');
const cases = readdirSync(goldenDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

function loadMapping(dir: string, name: string): LogsourceMapping {
  const file = name === 'windows' ? path.join(repoRoot, 'rules/mappings/windows.yml') : path.join(dir, name);
  const { mapping, diagnostics } = parseMapping(readFileSync(file, 'utf8'), file);
  expect(diagnostics).toEqual([]);
  return mapping!;
}

describe('golden rule cases', () => {
  it('has at least 10 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });

  it.each(cases)('%s', (name) => {
    const dir = path.join(goldenDir, name);
    const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Expected;
    const ruleFile = path.join(dir, 'rule.yml');
    const mappings = expected.mapping ? [loadMapping(dir, expected.mapping)] : undefined;
    let fieldMapProfile;
    if (expected.profile) {
      const parsed = parseFieldMapProfile(readFileSync(path.join(dir, expected.profile), 'utf8'), expected.profile);
      expect(parsed.diagnostics).toEqual([]);
      fieldMapProfile = parsed.profile;
    }
    const set = compileRuleSet([{ file: `${name}/rule.yml`, text: readFileSync(ruleFile, 'utf8') }], {
      mappings, fieldMapProfile, placeholders: expected.placeholders,
    });
    expect(set.diagnostics.map((d) => [d.code, d.path])).toEqual(expected.diagnostics ?? []);
    if (expected.loaded !== undefined) expect(set.loaded).toBe(expected.loaded);
    expect(set.failed).toBe(expected.failed ?? 0);

    const eventsFile = path.join(dir, 'events.jsonl');
    const events = existsSync(eventsFile)
      ? readFileSync(eventsFile, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Record<string, unknown>)
      : [];
    const actual = events.flatMap((event, i) =>
      set.match(event).map((hit) => ({
        event: i,
        rule: hit.rule.id,
        selections: hit.match.selections.map((s) => s.name),
        summary: hit.match.summary,
      })),
    );
    const wanted = expected.hits.map((h) => ({ ...h, summary: h.summary ?? expect.any(String) }));
    expect(actual).toEqual(wanted);
  });
});
