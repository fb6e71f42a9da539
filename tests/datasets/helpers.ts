// Test helpers: generate a scenario into memory, and load the lab rules through the real engine.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { compileRuleSet, parseMapping, type RuleSet } from '../../engine/index.js';
import { generateScenario, type GenerationResult } from '../../datasets/generator.js';
import type { Scenario } from '../../datasets/scenarios/types.js';
import { repoRoot } from '../helpers/shared.js';

export interface Generated extends GenerationResult {
  text: string;
  lines: string[];
}

export async function generateInMemory(scenario: Scenario, seed: number | string, scale: number): Promise<Generated> {
  const chunks: string[] = [];
  const result = await generateScenario(scenario, { seed, scale }, (c) => { chunks.push(c); });
  const text = chunks.join('');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return { ...result, text, lines };
}

export const labRulesDir = path.join(repoRoot, 'rules', 'lab');

export function labRuleFiles(): string[] {
  return readdirSync(labRulesDir).filter((f) => f.endsWith('.yml')).sort();
}

/** The lab rules compiled with the shipped mappings (windows.yml, lab.yml...). */
export function loadLabRuleSet(): RuleSet {
  const mapDir = path.join(repoRoot, 'rules', 'mappings');
  const mappings = readdirSync(mapDir).filter((f) => f.endsWith('.yml')).sort().map((f) => {
    const parsed = parseMapping(readFileSync(path.join(mapDir, f), 'utf8'), `rules/mappings/${f}`);
    if (!parsed.mapping) throw new Error(`mapping ${f} failed: ${JSON.stringify(parsed.diagnostics)}`);
    return parsed.mapping;
  });
  const sources = labRuleFiles().map((f) => ({ file: `rules/lab/${f}`, text: readFileSync(path.join(labRulesDir, f), 'utf8') }));
  return compileRuleSet(sources, { mappings });
}
