// The phrase test of action and timeline facts: every group of alternatives must be matched
// (AND of ORs), on the refanged text, with evidence pointing at the text as written.
import { refangWithMap } from './defang.js';
import { evidenceOf } from './report-doc.js';
import { findPhrase, type TextUnit } from './text.js';
import type { Evidence } from './types.js';

/** The phrase test (on the refanged text): how many groups matched, and the evidence of each. */
export function termGroups(unit: TextUnit, groups: string[][]): { matched: number; first: boolean; evidence: Evidence[] } {
  let matched = 0;
  let first = false;
  const evidence: Evidence[] = [];
  const live = refangWithMap(unit.text);
  groups.forEach((alternatives, i) => {
    for (const alt of alternatives) {
      const span = findPhrase(live.text, alt);
      if (span) {
        matched++;
        if (i === 0) first = true;
        evidence.push(evidenceOf(unit, live.map[span.start], live.map[span.end]));
        return;
      }
    }
  });
  return { matched, first, evidence };
}
