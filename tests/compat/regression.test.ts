// SigmaHQ regression data: with the FULL SigmaHQ rule set loaded at once (rules, emerging threats,
// threat hunting) and the shipped logsource mappings, every regression test's rule fires on its events
// at least match_count times. Further folders of the same layout: SOCLAB_REGRESSION_DIRS=dir1:dir2.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RuleSet } from '../../engine/index.js';
import { loadRuleSet } from '../../engine/node/load-rule-set.js';
import { describeShared } from '../helpers/shared.js';
import {
  extraRegressionDirs,
  findRegressionCases,
  formatRegressionFailure,
  regressionDirExists,
  runRegressionCase,
  type RegressionResult,
  type ScanCounts,
} from './regression-harness.js';
import { SIGMAHQ_REGRESSION_DIR, SIGMAHQ_RULE_DIRS } from './sigmahq-rules.js';

describeShared('SigmaHQ regression data with the full SigmaHQ rule set', () => {
  let ruleSet: RuleSet;
  const failures: RegressionResult[] = [];
  const cache = new Map<string, Promise<ScanCounts>>();

  beforeAll(async () => {
    ({ ruleSet } = await loadRuleSet({ rules: SIGMAHQ_RULE_DIRS }));
  });

  afterAll(() => {
    if (failures.length) console.log(`${failures.length} regression failure(s):\n${failures.map(formatRegressionFailure).join('\n')}`);
  });

  it('loads the whole SigmaHQ rule set', () => {
    // 3,781 rule files; a few documents are correlations or filters, a few may be rejected with a
    // diagnostic, but nearly all load.
    expect(ruleSet.loaded + ruleSet.failed).toBeGreaterThan(3700);
    expect(ruleSet.loaded).toBeGreaterThan(3600);
  });

  const folders = [SIGMAHQ_REGRESSION_DIR, ...extraRegressionDirs()];
  for (const folder of folders) {
    if (!regressionDirExists(folder)) {
      it(`regression folder ${folder} exists`, () => {
        expect.fail(`SOCLAB_REGRESSION_DIRS names ${folder}, which does not exist`);
      });
      continue;
    }
    const { cases, problems, withoutTests } = findRegressionCases(folder);
    if (withoutTests.length) console.log(`${folder}: ${withoutTests.length} info.yml without tests (commented out upstream):\n  ${withoutTests.join('\n  ')}`);
    it(`${folder}: every info.yml is usable`, () => {
      expect(problems).toEqual([]);
      expect(cases.length).toBeGreaterThan(0);
    });
    for (const c of cases) {
      it(`${c.ruleId} ${c.title} (${c.name})`, async () => {
        const result = await runRegressionCase(ruleSet, c, cache);
        if (result.failure) failures.push(result);
        expect(result.failure, formatRegressionFailure(result)).toBeUndefined();
      });
    }
  }
});
