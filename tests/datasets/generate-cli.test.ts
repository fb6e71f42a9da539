// `soclab generate` and `soclab scenarios` through commander: files written, byte-identical on a
// second run with the same seed, answer key and manifest consistent with events.jsonl.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { register as registerGenerate } from '../../cli/commands/generate.js';
import { register as registerScenarios } from '../../cli/commands/scenarios.js';
import { validateAnswerKey } from '../../datasets/answer-key-schema.js';
import { SCENARIOS } from '../../datasets/scenarios/index.js';

const dir = mkdtempSync(path.join(tmpdir(), 'soclab-gen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]): Promise<void> {
  const program = new Command().exitOverride();
  registerGenerate(program);
  registerScenarios(program);
  await program.parseAsync(['node', 'soclab', ...args]);
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('soclab generate', () => {
  it('writes events.jsonl, answer-key.json and manifest.json, identical for the same seed', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await run('generate', 'insider-data-theft', '--seed', '99', '--scale', '0.1', '--out', path.join(dir, 'a'), '--no-progress');
      await run('generate', 'insider-data-theft', '--seed', '99', '--scale', '0.1', '--out', path.join(dir, 'b'), '--no-progress');
    } finally {
      stderr.mockRestore();
    }
    for (const f of ['events.jsonl', 'answer-key.json', 'manifest.json']) {
      expect(sha(path.join(dir, 'a', f)), f).toBe(sha(path.join(dir, 'b', f)));
    }
    const lines = readFileSync(path.join(dir, 'a', 'events.jsonl'), 'utf8').trimEnd().split('\n');
    const manifest = JSON.parse(readFileSync(path.join(dir, 'a', 'manifest.json'), 'utf8'));
    const key = JSON.parse(readFileSync(path.join(dir, 'a', 'answer-key.json'), 'utf8'));
    expect(manifest.events).toBe(lines.length);
    expect(manifest.seed).toBe(99);
    expect(manifest.scenario.id).toBe('insider-data-theft');
    expect(validateAnswerKey(key).ok).toBe(true);
    for (const a of key.alerts) expect(JSON.parse(lines[a.event.line]).timestamp).toBe(a.event.timestamp);
  });

  it('rejects an unknown scenario and a bad scale with a usage error', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const before = process.exitCode;
    try {
      await run('generate', 'no-such-scenario', '--out', path.join(dir, 'x'));
      expect(process.exitCode).toBe(2);
      expect(String(stderr.mock.calls.at(-1)?.[0])).toMatch(/unknown scenario "no-such-scenario"; known: phishing-macro-beacon/);
      await run('generate', 'quiet-day', '--scale', 'lots', '--out', path.join(dir, 'y'));
      expect(String(stderr.mock.calls.at(-1)?.[0])).toMatch(/--scale must be a number/);
    } finally {
      stderr.mockRestore();
      process.exitCode = before;
    }
  });
});

describe('soclab scenarios', () => {
  it('lists every scenario with difficulty and techniques (text and JSON)', async () => {
    const out: string[] = [];
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((c) => { out.push(String(c)); return true; });
    try {
      await run('scenarios');
      await run('scenarios', '--json');
    } finally {
      stdout.mockRestore();
    }
    const text = out.slice(0, -1).join('');
    for (const s of SCENARIOS) expect(text).toContain(s.id);
    expect(text).toContain('T1566.001');
    const json = JSON.parse(out.at(-1)!);
    expect(json).toHaveLength(SCENARIOS.length);
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(9);
    for (const row of json) {
      expect(['easy', 'medium', 'hard']).toContain(row.difficulty);
      expect(row.summary.length).toBeGreaterThan(20);
    }
  });
});
