// The unmapped-rule policies: which events a rule meets when no mapping entry serves its logsource.
import { describe, expect, it } from 'vitest';
import { compileRuleSet, parseMapping, type RuleSetOptions } from '../../engine/index.js';

const mapping = parseMapping(
  `name: windows
logsources:
  - id: security
    match: { product: windows, service: security }
    conditions: { Channel: [Security] }
`,
  'mapping.yml',
).mapping!;

// A Zeek-style rule whose condition is only a negation: with no routing it fires on everything.
const zeekRule = `title: Public RDP listener
id: 11111111-1111-4111-8111-111111111111
logsource: { product: zeek, service: rdp }
detection:
  selection:
    id.resp_h|cidr: ['10.0.0.0/8']
  condition: not selection
level: high
`;
const securityRule = `title: Audit log cleared
id: 22222222-2222-4222-8222-222222222222
logsource: { product: windows, service: security }
detection:
  selection: { EventID: 1102 }
  condition: selection
level: high
`;

const securityEvent = { Channel: 'Security', EventID: 1102, SubjectUserName: 'admin' };
const customEvent = { app: 'vpn', 'id.resp_h': '203.0.113.9' };

function fired(options: RuleSetOptions, event: Record<string, unknown>): string[] {
  const set = compileRuleSet(
    [
      { file: 'zeek.yml', text: zeekRule },
      { file: 'security.yml', text: securityRule },
    ],
    { mappings: [mapping], ...options },
  );
  return set.match(event).map((h) => h.rule.title);
}

describe('unmapped rules', () => {
  it('by default see only events that no mapping claims', () => {
    expect(fired({}, securityEvent)).toEqual(['Audit log cleared']);
    expect(fired({}, customEvent)).toEqual(['Public RDP listener']);
  });

  it('see every event with match-all', () => {
    expect(fired({ unmapped: 'match-all' }, securityEvent)).toEqual(['Public RDP listener', 'Audit log cleared']);
    expect(fired({ unmapped: 'match-all' }, customEvent)).toEqual(['Public RDP listener']);
  });

  it('are left out with skip, and named by LOGSOURCE_UNMAPPED in every policy', () => {
    expect(fired({ unmapped: 'skip' }, customEvent)).toEqual([]);
    for (const unmapped of ['unclaimed', 'match-all', 'skip'] as const) {
      const set = compileRuleSet([{ file: 'zeek.yml', text: zeekRule }], { mappings: [mapping], unmapped });
      const d = set.diagnostics.find((x) => x.code === 'LOGSOURCE_UNMAPPED');
      expect(d?.path).toBe('logsource');
      expect(d?.file).toBe('zeek.yml');
      expect(set.loaded).toBe(unmapped === 'skip' ? 0 : 1);
    }
  });

  it('gives the same hits with and without the prefilter', () => {
    for (const event of [securityEvent, customEvent]) {
      expect(fired({ prefilter: false }, event)).toEqual(fired({}, event));
    }
  });
});
