// Node input side: files, gzip, stdin streams, rule discovery, config loading, and every real log file.
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventParser, readEvents, type InputProblem, type InputRecord } from '../../engine/input/index.js';
import { ConfigError, loadFieldMapProfile, loadMappings, loadPlaceholders } from '../../engine/node/load-config.js';
import { checkInputFile, InputError, openInput } from '../../engine/node/open-input.js';
import { packageRoot } from '../../engine/node/package-root.js';
import { discoverRuleFiles, isMappingDocument, loadRuleFiles, RulePathError } from '../../engine/node/rule-files.js';
import { describeShared, repoRoot, sharedDir } from '../helpers/shared.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'soclab-input-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readAll(file: string | undefined, stdin?: NodeJS.ReadableStream) {
  const input = await openInput(file, { stdin });
  const problems: InputProblem[] = [];
  const parser = new EventParser({ file: input.name, onProblem: (p) => problems.push(p) });
  const records: InputRecord[] = [];
  for await (const r of readEvents(input.chunks, { file: input.name }, parser)) records.push(r);
  return { records, problems, parser, input };
}

describe('openInput', () => {
  it('reads a plain file and counts its bytes', async () => {
    const file = path.join(dir, 'plain.jsonl');
    writeFileSync(file, '{"a":1}\n{"a":2}\n');
    const { records, input } = await readAll(file);
    expect(records.map((r) => r.source)).toEqual([
      { file, line: 1 },
      { file, line: 2 },
    ]);
    expect(input.gzip()).toBe(false);
    expect(input.bytesRead()).toBe(16);
    expect(input.size).toBe(16);
  });

  it('detects gzip by its magic bytes, whatever the file name', async () => {
    const file = path.join(dir, 'events.data');
    const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ i, CommandLine: `cmd /c echo ${i}` }));
    writeFileSync(file, gzipSync(`${lines.join('\n')}\n`));
    const { records, problems, input } = await readAll(file);
    expect(input.gzip()).toBe(true);
    expect(problems).toEqual([]);
    expect(records.length).toBe(3000);
    expect(records[2999].event).toEqual({ i: 2999, CommandLine: 'cmd /c echo 2999' });
  });

  it('fails clearly on a truncated gzip file, naming it', async () => {
    const file = path.join(dir, 'broken.gz');
    const full = gzipSync('{"a":1}\n'.repeat(1000));
    writeFileSync(file, full.subarray(0, full.length - 20));
    await expect(readAll(file)).rejects.toThrow(InputError);
    await expect(readAll(file)).rejects.toThrow(/broken\.gz/);
  });

  it('reads stdin for "-" and for no file, named <stdin>', async () => {
    const stdin = new PassThrough();
    const done = readAll('-', stdin);
    stdin.write('[{"a":');
    stdin.end('1},{"b":2}]');
    const { records } = await done;
    expect(records.map((r) => r.source)).toEqual([
      { file: '<stdin>', record: 0, line: 1 },
      { file: '<stdin>', record: 1, line: 1 },
    ]);
  });

  it('rejects a missing file and a directory with messages naming them', async () => {
    await expect(checkInputFile(path.join(dir, 'nope.jsonl'))).rejects.toThrow(/nope\.jsonl: no such file/);
    await expect(checkInputFile(dir)).rejects.toThrow(/is a directory/);
  });
});

describe('rule discovery', () => {
  let rules: string;
  beforeAll(() => {
    rules = path.join(dir, 'rules');
    mkdirSync(path.join(rules, 'b', 'deep'), { recursive: true });
    mkdirSync(path.join(rules, 'mappings'), { recursive: true });
    mkdirSync(path.join(rules, '.hidden'), { recursive: true });
    const rule = (t: string) => `title: ${t}\nlogsource: {product: windows}\ndetection:\n  sel: {Image: x}\n  condition: sel\n`;
    writeFileSync(path.join(rules, 'z.yml'), rule('z'));
    writeFileSync(path.join(rules, 'a.yaml'), rule('a'));
    writeFileSync(path.join(rules, 'notes.txt'), 'not a rule');
    writeFileSync(path.join(rules, 'b', 'deep', 'c.yml'), rule('c'));
    writeFileSync(path.join(rules, 'b', 'B.yml'), rule('B'));
    writeFileSync(path.join(rules, 'mappings', 'm.yml'), 'name: m\nlogsources: []\n');
    writeFileSync(path.join(rules, '.hidden', 'h.yml'), rule('h'));
    writeFileSync(path.join(rules, 'b', 'profile.yml'), 'kind: fieldmap-profile\nname: p\nfields: {}\n');
  });

  it('walks folders recursively in sorted order, skipping mapping folders and hidden ones', async () => {
    const files = await discoverRuleFiles([rules]);
    expect(files.map((f) => path.relative(rules, f))).toEqual(['a.yaml', 'b/B.yml', 'b/deep/c.yml', 'b/profile.yml', 'z.yml']);
  });

  it('leaves mapping documents found in folders out of the rule sources, but not named files', async () => {
    const { sources, skipped } = await loadRuleFiles([rules]);
    expect(sources.map((s) => path.basename(s.file))).toEqual(['a.yaml', 'B.yml', 'c.yml', 'z.yml']);
    expect(skipped.map((s) => path.basename(s))).toEqual(['profile.yml']);
    const named = await loadRuleFiles([path.join(rules, 'b', 'profile.yml'), path.join(rules, 'z.yml'), rules]);
    expect(named.sources.map((s) => path.basename(s.file))).toEqual(['profile.yml', 'z.yml', 'a.yaml', 'B.yml', 'c.yml']);
  });

  it('recognises mapping documents by their keys', () => {
    expect(isMappingDocument('name: windows\nlogsources:\n  - id: x\n')).toBe(true);
    expect(isMappingDocument('kind: fieldmap-profile\nname: ecs\n')).toBe(true);
    expect(isMappingDocument('title: t\nfields:\n  - a\ndetection:\n  s: {a: 1}\n  condition: s\n')).toBe(false);
    expect(isMappingDocument('title: broken rule without detection\n')).toBe(false);
  });

  it('throws RulePathError for a missing path', async () => {
    await expect(discoverRuleFiles([path.join(dir, 'missing')])).rejects.toThrow(RulePathError);
  });
});

describe('configuration loading', () => {
  it('finds the package root from the module, not the cwd', () => {
    expect(packageRoot()).toBe(repoRoot);
  });

  it('loads the shipped mappings, and extra mapping files after them', async () => {
    const shipped = readdirSync(path.join(repoRoot, 'rules/mappings')).filter((n) => n.endsWith('.yml'));
    const { mappings, diagnostics } = await loadMappings();
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(mappings.length).toBe(shipped.length);
    const extra = path.join(dir, 'extra-mapping.yml');
    writeFileSync(extra, 'name: extra\nlogsources:\n  - id: x\n    match: {product: test}\n    conditions: {}\n    fieldmap: {}\n');
    const more = await loadMappings([extra]);
    expect(more.mappings.map((m) => m.name).at(-1)).toBe('extra');
    expect((await loadMappings([extra], false)).mappings.map((m) => m.name)).toEqual(['extra']);
    await expect(loadMappings([path.join(dir, 'none.yml')])).rejects.toThrow(ConfigError);
  });

  it('loads a field-map profile by name or file, and names the available ones when unknown', async () => {
    const names = readdirSync(path.join(repoRoot, 'rules/fieldmaps')).filter((n) => n.endsWith('.yml'));
    if (names.length) {
      const name = names[0].replace(/\.yml$/, '');
      const { profile } = await loadFieldMapProfile(name);
      expect(profile?.file).toBe(path.join(repoRoot, 'rules/fieldmaps', names[0]));
    }
    const file = path.join(dir, 'profile.yml');
    writeFileSync(file, 'kind: fieldmap-profile\nname: mine\nfields: {Image: process.executable}\n');
    expect((await loadFieldMapProfile(file)).profile?.fields).toEqual({ Image: 'process.executable' });
    await expect(loadFieldMapProfile('no-such-profile')).rejects.toThrow(/unknown field-map profile "no-such-profile"/);
  });

  it('merges placeholder values from a file and --var', async () => {
    const file = path.join(dir, 'placeholders.yml');
    writeFileSync(file, 'placeholders:\n  admins: [alice, bob]\n  port: 22\n');
    expect(await loadPlaceholders(['admins=carol', '%dc%=dc01', 'x=a=b'], file)).toEqual({
      admins: ['alice', 'bob', 'carol'],
      port: ['22'],
      dc: ['dc01'],
      x: ['a=b'],
    });
    await expect(loadPlaceholders(['novalue'])).rejects.toThrow(/expected name=value/);
  });
});

function filesUnder(root: string, ext: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(root).sort()) {
    const p = path.join(root, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p, ext));
    else if (name.endsWith(ext)) out.push(p);
  }
  return out;
}

describeShared('real-logs: every file read without a lost line', () => {
  it('reads one event per non-blank line of every file, with no malformed line', async () => {
    const root = path.join(sharedDir, 'real-logs');
    const files = filesUnder(root, '.jsonl');
    expect(files.length).toBeGreaterThan(250);
    let total = 0;
    for (const file of files) {
      const nonBlank = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').length;
      const { records, parser } = await readAll(file);
      expect(parser.format, file).toBe('jsonl');
      expect(parser.stats.malformed, file).toBe(0);
      expect(records.length, file).toBe(nonBlank);
      if (path.basename(file) === 'LABELS.jsonl') continue; // one label line per converted file
      expect(records.every((r) => typeof r.event.EventID === 'number'), file).toBe(true);
      total += records.length;
    }
    expect(total).toBe(2609); // the README's count of converted events
  });
});

describe('openEventFile', () => {
  it('streams a file with its stats and names problems after the path as given', async () => {
    const { openEventFile } = await import('../../engine/node/read-event-file.js');
    const file = path.join(dir, 'mixed.jsonl');
    writeFileSync(file, '{"a":1}\nbad\n\n{"b":2}\n');
    const problems: InputProblem[] = [];
    const reader = await openEventFile(file, { onProblem: (p) => problems.push(p) });
    const events = [];
    for await (const r of reader.records) events.push(r.event);
    expect(events).toEqual([{ a: 1 }, { b: 2 }]);
    expect(reader.parser.stats).toEqual({ events: 2, malformed: 1, blank: 1, lines: 5 });
    expect(problems.map((p) => `${p.file}:${p.line}`)).toEqual([`${file}:2`]);
    await expect(openEventFile(path.join(dir, 'absent.jsonl'))).rejects.toThrow(InputError);
  });
});
