// The alert detail's helpers over the structured explanation and the rule's tags.
import { describe, expect, it } from 'vitest';
import { matchedFieldsFromMatch, techniquesOf } from '../../web/src/pages/alert-detail.js';

describe('techniquesOf', () => {
  it('keeps ATT&CK technique tags as canonical ids, in order, without repeats or tactics', () => {
    expect(techniquesOf(['attack.execution', 'attack.t1059.001', 'attack.T1105', 'attack.t1059.001', 'cve.2021-44228', 'attack.g0016'])).toEqual([
      'T1059.001',
      'T1105',
    ]);
    expect(techniquesOf([])).toEqual([]);
  });
});

describe('matchedFieldsFromMatch', () => {
  const data = { Image: 'x', NewProcessName: 'y', CommandLine: 'z' };
  it('names the event fields read, the mapped one when a mapping renamed the rule field', () => {
    const match = {
      condition: 'sel and not filter',
      selections: [
        { name: 'sel', matches: [
          { field: 'Image', modifiers: ['endswith'], pattern: 'y', value: 'y', eventField: 'NewProcessName' },
          { field: 'CommandLine', modifiers: ['contains'], pattern: 'z', value: 'z' },
          { field: null, modifiers: [], pattern: 'kw', value: 'kw' },
          { field: 'Missing', modifiers: [], pattern: 'm', value: 'm' },
        ] },
      ],
    };
    expect([...matchedFieldsFromMatch(match, data)].sort()).toEqual(['CommandLine', 'NewProcessName']);
  });
  it('is empty without an explanation or for keyword matches only', () => {
    expect(matchedFieldsFromMatch(null, data).size).toBe(0);
    expect(matchedFieldsFromMatch({ condition: 'keywords', selections: [{ name: 'keywords', matches: [{ field: null, modifiers: [], pattern: 'a', value: 'a' }] }] }, data).size).toBe(0);
  });
});
