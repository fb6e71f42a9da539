// Loads every SigmaHQ rule (rules, rules-emerging-threats, rules-threat-hunting) through compileRuleSet
// with the Windows logsource mapping: fewer than 0.5% may fail, and each failure must carry a precise code.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { DIAGNOSTIC_CODES } from '../../engine/diagnostics.js';
import { compileRuleSet, parseMapping } from '../../engine/index.js';
import { describeShared, repoRoot, sharedDir } from '../helpers/shared.js';

function ymlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.yml'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

describeShared('SigmaHQ rules load', () => {
  it('compiles all SigmaHQ rules with fewer than 0.5% failures, each with a precise code', () => {
    const folders = ['rules', 'rules-emerging-threats', 'rules-threat-hunting'].map((f) => path.join(sharedDir, 'sigmahq', f));
    const files = folders.flatMap(ymlFiles);
    expect(files.length).toBeGreaterThan(3000);
    const mappingFile = path.join(repoRoot, 'rules/mappings/windows.yml');
    const { mapping, diagnostics: mappingDiagnostics } = parseMapping(readFileSync(mappingFile, 'utf8'), mappingFile);
    expect(mappingDiagnostics).toEqual([]);

    const set = compileRuleSet(files.map((file) => ({ file, text: readFileSync(file, 'utf8') })), { mappings: [mapping!] });
    const total = set.loaded + set.failed;
    const errors = set.diagnostics.filter((d) => d.severity === 'error');
    const failedFiles = [...new Set(errors.map((d) => d.file))];
    const counts: Record<string, number> = {};
    for (const d of set.diagnostics) counts[`${d.severity} ${d.code}`] = (counts[`${d.severity} ${d.code}`] ?? 0) + 1;
    console.log(`SigmaHQ: ${files.length} files, ${set.loaded} rules loaded, ${set.failed} failed (${((100 * set.failed) / total).toFixed(2)}%)`);
    console.log('diagnostics by severity and code:', counts);
    for (const d of errors) console.log(`  FAILED ${path.relative(sharedDir, d.file)}:${d.line ?? '?'} ${d.code} ${d.path}: ${d.message}`);

    expect(total).toBe(files.length);
    expect(set.failed / total).toBeLessThan(0.005);
    expect(failedFiles.length).toBe(set.failed);
    for (const d of errors) {
      expect(Object.keys(DIAGNOSTIC_CODES)).toContain(d.code);
      expect(d.path).not.toBe('');
    }
    // Every loaded rule explains itself.
    for (const rule of set.compiled) expect(rule.explain()).toMatch(/^condition: /);
  });
});
