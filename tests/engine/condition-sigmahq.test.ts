// Every SigmaHQ condition parses, and its formatted form parses back to the same tree.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { formatCondition, parseCondition } from '../../engine/condition/index.js';
import { loadYamlDocuments } from '../../engine/rule/index.js';
import { describeShared, sharedDir } from '../helpers/shared.js';

describeShared('SigmaHQ conditions', () => {
  it('parse, and round-trip through formatCondition', () => {
    const files = ['rules', 'rules-emerging-threats', 'rules-threat-hunting']
      .flatMap((f) => readdirSync(path.join(sharedDir, 'sigmahq', f), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && e.name.endsWith('.yml'))
        .map((e) => path.join(e.parentPath, e.name)));
    const conditions = new Set<string>();
    for (const file of files) {
      for (const doc of loadYamlDocuments(readFileSync(file, 'utf8'))) {
        const detection = (doc.value as { detection?: { condition?: unknown } } | undefined)?.detection;
        const c = detection?.condition;
        for (const text of Array.isArray(c) ? c : [c]) if (typeof text === 'string') conditions.add(text);
      }
    }
    expect(conditions.size).toBeGreaterThan(300);
    const failures: string[] = [];
    for (const text of conditions) {
      const parsed = parseCondition(text);
      if (!parsed.ok) {
        failures.push(`${JSON.stringify(text)}: ${parsed.error.message}`);
        continue;
      }
      const again = parseCondition(formatCondition(parsed.ast));
      expect(again.ok && again.ast).toEqual(parsed.ast);
    }
    console.log(`${conditions.size} distinct SigmaHQ conditions, ${failures.length} unparsable`, failures);
    expect(failures).toEqual([]);
  });
});
