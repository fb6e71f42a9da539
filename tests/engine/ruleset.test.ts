// compileRuleSet: matching semantics at rule level, explanations, routing by logsource variants,
// field maps, profiles, and the set-level diagnostics. Uses the real value matcher (engine/match).
import { describe, expect, it } from 'vitest';
import { compileRuleSet, parseFieldMapProfile, parseMapping, type LogsourceMapping, type RuleSource } from '../../engine/index.js';

const MAPPING = `name: test-windows
logsources:
  - id: sysmon_process_creation
    match: { category: process_creation, product: windows }
    conditions: { Channel: ['Microsoft-Windows-Sysmon/Operational'], EventID: [1] }
    fieldmap: {}
  - id: security_process_creation
    match: { category: process_creation, product: windows }
    conditions: { Channel: [Security], EventID: [4688] }
    fieldmap: { Image: NewProcessName, ParentImage: ParentProcessName }
  - id: windows_security
    match: { product: windows, service: security }
    conditions: { Channel: [Security] }
  - id: windows_any
    match: { product: windows }
`;

function mapping(text = MAPPING): LogsourceMapping {
  const { mapping: m, diagnostics } = parseMapping(text, 'test-windows.yml');
  expect(diagnostics).toEqual([]);
  return m!;
}

function rule(id: string, body: string, extra = ''): RuleSource {
  return { file: `${id}.yml`, text: `title: Rule ${id}\nid: ${id}\nlevel: high\n${extra}${body}` };
}

const WHOAMI = `logsource:
    category: process_creation
    product: windows
detection:
    selection:
        Image|endswith: '\\whoami.exe'
    filter:
        User: SYSTEM
    condition: selection and not filter
`;

const sysmon = (fields: Record<string, unknown>) => ({ Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 1, ...fields });
const security = (fields: Record<string, unknown>) => ({ Channel: 'Security', EventID: 4688, ...fields });

describe('rule-level semantics', () => {
  it('two-valued logic: a missing field matches no value, so "not filter" holds', () => {
    const set = compileRuleSet([rule('a0000000-0000-4000-8000-000000000001', WHOAMI)]);
    expect(set.loaded).toBe(1);
    expect(set.match({ Image: 'C:\\Windows\\System32\\whoami.exe' })).toHaveLength(1);
    expect(set.match({ Image: 'C:\\Windows\\System32\\whoami.exe', User: 'system' })).toHaveLength(0);
    expect(set.match({ Image: 'C:\\Windows\\System32\\cmd.exe' })).toHaveLength(0);
  });

  it('explains a hit: the true selections outside negations, their values, and a stable summary', () => {
    const set = compileRuleSet([rule('a0000000-0000-4000-8000-000000000002', `logsource: {product: windows}
detection:
    sel_img:
        Image|endswith: '\\powershell.exe'
    sel_cli:
        CommandLine|contains|all: [' -enc', 'bypass']
    sel_other:
        Image|endswith: '\\pwsh.exe'
    filter:
        User: SYSTEM
    condition: (sel_img or sel_other) and sel_cli and not filter
`)]);
    const [hit] = set.match({ Image: 'C:\\Windows\\powershell.exe', CommandLine: 'powershell -ExecutionPolicy Bypass -enc AAA', User: 'alice' });
    expect(hit.rule).toMatchObject({ id: 'a0000000-0000-4000-8000-000000000002', level: 'high', logsource: { product: 'windows' } });
    expect(hit.match.condition).toBe('(sel_img or sel_other) and sel_cli and not filter');
    expect(hit.match.selections).toEqual([
      { name: 'sel_img', matches: [{ field: 'Image', modifiers: ['endswith'], pattern: '\\powershell.exe', value: 'C:\\Windows\\powershell.exe' }] },
      {
        name: 'sel_cli',
        matches: [
          { field: 'CommandLine', modifiers: ['contains', 'all'], pattern: ' -enc', value: 'powershell -ExecutionPolicy Bypass -enc AAA' },
          { field: 'CommandLine', modifiers: ['contains', 'all'], pattern: 'bypass', value: 'powershell -ExecutionPolicy Bypass -enc AAA' },
        ],
      },
    ]);
    expect(hit.match.summary).toBe(
      "sel_img: Image endswith '\\powershell.exe' (C:\\Windows\\powershell.exe); " +
        "sel_cli: CommandLine contains all ' -enc' (powershell -ExecutionPolicy Bypass -enc AAA), CommandLine contains all 'bypass' (powershell -ExecutionPolicy Bypass -enc AAA)",
    );
  });

  it('the summary stays on one line whatever the event holds', () => {
    const set = compileRuleSet([rule('a0000000-0000-4000-8000-000000000003', `logsource: {product: windows}
detection:
    sel: {CommandLine|contains: evil}
    condition: sel
`)]);
    const [hit] = set.match({ CommandLine: 'run evil\nFAKE: line\r\u001b[31m\u2028' });
    expect(hit.match.summary).toBe("sel: CommandLine contains 'evil' (run evil\\nFAKE: line\\r\\u001b[31m\\u2028)");
    expect(hit.match.selections[0].matches[0].value).toBe('run evil\nFAKE: line\r\u001b[31m\u2028');
  });

  it('x of patterns, them, and list conditions', () => {
    const set = compileRuleSet([
      rule('b0000000-0000-4000-8000-000000000001', `logsource: {product: windows}
detection:
    selection_a: {A: 1}
    selection_b: {B: 2}
    _hidden: {H: 3}
    condition: all of them
`),
      rule('b0000000-0000-4000-8000-000000000002', `logsource: {product: windows}
detection:
    selection_a: {A: 1}
    selection_b: {B: 2}
    condition: [selection_a and selection_b, 1 of selection_b*]
`),
    ]);
    const ids = (e: Record<string, unknown>) => set.match(e).map((h) => h.rule.id.slice(0, 1));
    expect(ids({ A: 1, B: 2 })).toEqual(['b', 'b']);
    expect(ids({ A: '1', B: '2', H: 'no' })).toEqual(['b', 'b']);
    expect(ids({ A: 1 })).toEqual([]);
    expect(ids({ B: 2 })).toEqual(['b']);
  });

  it('explain() gives the resolved condition and each search identifier', () => {
    const set = compileRuleSet([rule('c0000000-0000-4000-8000-000000000001', `logsource: {product: windows}
detection:
    selection_1: {Image|endswith: '\\a.exe'}
    selection_2: {Image|endswith: '\\b.exe'}
    filter: {User: SYSTEM}
    condition: 1 of selection_* and not filter
`)]);
    expect(set.compiled[0].explain()).toBe(
      "condition: (selection_1 or selection_2) and not filter\nselection_1: Image|endswith: '\\a.exe'\nselection_2: Image|endswith: '\\b.exe'\nfilter: User: 'SYSTEM'",
    );
  });

  it('required literals combine through and/or/not', () => {
    const set = compileRuleSet([
      rule('d0000000-0000-4000-8000-000000000001', `logsource: {product: windows}
detection:
    sel: {Image|endswith: ['\\certutil.exe', '\\bitsadmin.exe'], CommandLine|contains: 'urlcache'}
    filter: {User: SYSTEM}
    condition: sel and not filter
`),
      rule('d0000000-0000-4000-8000-000000000002', `logsource: {product: windows}
detection:
    a: {Image|endswith: '\\a.exe'}
    b: {Image|endswith: '\\b.exe'}
    condition: a or b
`),
      rule('d0000000-0000-4000-8000-000000000003', `logsource: {product: windows}
detection:
    a: {Image|endswith: '\\a.exe'}
    b: {Image|re: 'x+'}
    condition: a or b
`),
      rule('d0000000-0000-4000-8000-000000000004', `logsource: {product: windows}
detection:
    filter: {User: SYSTEM}
    condition: not filter
`),
    ]);
    const literals = set.compiled.map((c) => c.requiredLiterals[0]);
    expect(literals[0]).toEqual(['\\bitsadmin.exe', '\\certutil.exe']);
    expect(literals[1]).toEqual(['\\a.exe', '\\b.exe']);
    expect(literals[2]).toBeNull();
    expect(literals[3]).toBeNull();
  });
});

describe('logsource routing', () => {
  it('a process_creation rule runs on Sysmon 1 and on Security 4688 with NewProcessName read as Image', () => {
    const set = compileRuleSet([rule('e0000000-0000-4000-8000-000000000001', WHOAMI)], { mappings: [mapping()] });
    expect(set.compiled[0].variants.map((v) => v.id)).toEqual(['sysmon_process_creation', 'security_process_creation']);
    expect(set.compiled[0].detections).toHaveLength(2);
    expect(set.match(sysmon({ Image: 'C:\\Windows\\System32\\whoami.exe' }))).toHaveLength(1);
    const [hit] = set.match(security({ NewProcessName: 'C:\\Windows\\System32\\whoami.exe' }));
    expect(hit.match.selections[0].matches[0]).toEqual({
      field: 'Image', modifiers: ['endswith'], pattern: '\\whoami.exe', value: 'C:\\Windows\\System32\\whoami.exe', eventField: 'NewProcessName',
    });
    // In 4688 events the rule field Image is not read.
    expect(set.match(security({ Image: 'C:\\Windows\\System32\\whoami.exe' }))).toHaveLength(0);
    // Events of another channel or event id never meet the rule.
    expect(set.match({ Channel: 'System', EventID: 1, Image: 'C:\\Windows\\System32\\whoami.exe' })).toHaveLength(0);
    expect(set.match(sysmon({ EventID: 3, Image: 'C:\\Windows\\System32\\whoami.exe' }))).toHaveLength(0);
  });

  it('condition values compare case-insensitively and numbers equal their string form', () => {
    const set = compileRuleSet([rule('e0000000-0000-4000-8000-000000000002', WHOAMI)], { mappings: [mapping()] });
    expect(set.match({ Channel: 'microsoft-windows-sysmon/operational', EventID: '1', Image: 'x\\whoami.exe' })).toHaveLength(1);
    expect(set.match({ Channel: 'SECURITY', EventID: '4688', NewProcessName: 'x\\whoami.exe' })).toHaveLength(1);
  });

  it('the most specific entries win; an unmapped logsource sees every event and is reported as info', () => {
    const set = compileRuleSet([
      rule('f0000000-0000-4000-8000-000000000001', `logsource: {product: windows, service: security}
detection:
    sel: {EventID: 1102}
    condition: sel
`),
      rule('f0000000-0000-4000-8000-000000000002', `logsource: {product: linux, service: auditd}
detection:
    sel: {type: EXECVE}
    condition: sel
`),
    ], { mappings: [mapping()] });
    expect(set.compiled[0].variants.map((v) => v.id)).toEqual(['windows_security']);
    expect(set.compiled[1].variants).toEqual([]);
    expect(set.diagnostics.map((d) => [d.code, d.severity, d.rule])).toEqual([['LOGSOURCE_UNMAPPED', 'info', 'f0000000-0000-4000-8000-000000000002']]);
    expect(set.match({ Channel: 'Security', EventID: 1102 }).map((h) => h.rule.id)).toEqual(['f0000000-0000-4000-8000-000000000001']);
    expect(set.match({ Channel: 'System', EventID: 1102 })).toEqual([]);
    expect(set.match({ type: 'EXECVE' }).map((h) => h.rule.id)).toEqual(['f0000000-0000-4000-8000-000000000002']);
    // A Security event is claimed by the Windows mapping: the unmapped Linux rule meets it only with match-all.
    expect(set.match({ Channel: 'Security', type: 'execve' })).toEqual([]);
  });

  it('unmapped: skip leaves out rules no mapping serves (still reported as info)', () => {
    const sources = [
      rule('f0000000-0000-4000-8000-000000000003', WHOAMI),
      rule('f0000000-0000-4000-8000-000000000004', `logsource: {product: zeek, service: rdp}
detection:
    selection: {id.orig_h|cidr: '10.0.0.0/8'}
    condition: not selection
`),
    ];
    const all = compileRuleSet(sources, { mappings: [mapping()] });
    expect(all.match({ Channel: 'System', EventID: 7045 }).map((h) => h.rule.id)).toEqual(['f0000000-0000-4000-8000-000000000004']);
    const skipped = compileRuleSet(sources, { mappings: [mapping()], unmapped: 'skip' });
    expect([skipped.loaded, skipped.failed]).toEqual([1, 0]);
    expect(skipped.diagnostics.map((d) => [d.code, d.severity, d.rule])).toEqual([['LOGSOURCE_UNMAPPED', 'info', 'f0000000-0000-4000-8000-000000000004']]);
    expect(skipped.match({ Channel: 'System', EventID: 7045 })).toEqual([]);
  });

  it('a field-map profile renames the variant fields and the condition fields (nested ECS events)', () => {
    const { profile, diagnostics } = parseFieldMapProfile(`kind: fieldmap-profile
name: ecs-winlogbeat
prefix: winlog.event_data.
fields:
  Channel: winlog.channel
  EventID: winlog.event_id
  Image: process.executable
  NewProcessName: process.executable
  User: user.name
`, 'ecs.yml');
    expect(diagnostics).toEqual([]);
    const set = compileRuleSet([rule('e0000000-0000-4000-8000-000000000003', WHOAMI)], { mappings: [mapping()], fieldMapProfile: profile });
    const ecs = (channel: string, id: number, user?: string) => ({
      winlog: { channel, event_id: id, event_data: { Other: 'x' } },
      process: { executable: 'C:\\Windows\\System32\\whoami.exe' },
      ...(user ? { user: { name: user } } : {}),
    });
    expect(set.match(ecs('Microsoft-Windows-Sysmon/Operational', 1))).toHaveLength(1);
    const [hit] = set.match(ecs('Security', 4688));
    expect(hit.match.selections[0].matches[0].eventField).toBe('process.executable');
    expect(set.match(ecs('Security', 4688, 'SYSTEM'))).toHaveLength(0);
    expect(set.match(ecs('System', 4688))).toHaveLength(0);
  });
});

describe('rule set diagnostics and options', () => {
  it('reports duplicate ids, keeps both rules, and skips failed rules without stopping the others', () => {
    const set = compileRuleSet([
      rule('11111111-0000-4000-8000-000000000001', WHOAMI),
      { file: 'copy.yml', text: `title: Copy\nid: 11111111-0000-4000-8000-000000000001\n${WHOAMI}` },
      rule('11111111-0000-4000-8000-000000000002', WHOAMI.replace('Image|endswith', 'Image|endswth')),
    ]);
    expect(set.loaded).toBe(2);
    expect(set.failed).toBe(1);
    expect(set.diagnostics.map((d) => [d.code, d.file, d.path])).toEqual([
      ['DUPLICATE_ID', 'copy.yml', 'id'],
      ['UNKNOWN_MODIFIER', '11111111-0000-4000-8000-000000000002.yml', 'detection.selection.Image|endswth'],
    ]);
    expect(set.diagnostics[1].line).toBe(9);
    expect(set.diagnostics[1].hint).toMatch(/endswith/);
  });

  it('minLevel leaves out lower rules; a rule without level counts as medium', () => {
    const sources = [
      { file: 'low.yml', text: `title: Low\nlevel: low\n${WHOAMI}` },
      { file: 'none.yml', text: `title: None\n${WHOAMI}` },
      { file: 'crit.yml', text: `title: Crit\nlevel: critical\n${WHOAMI}` },
    ];
    expect(compileRuleSet(sources).rules.map((r) => [r.title, r.level])).toEqual([['Low', 'low'], ['None', 'medium'], ['Crit', 'critical']]);
    expect(compileRuleSet(sources, { minLevel: 'medium' }).rules.map((r) => r.title)).toEqual(['None', 'Crit']);
    const high = compileRuleSet(sources, { minLevel: 'high' });
    expect([high.loaded, high.failed]).toEqual([1, 0]);
  });

  it('placeholders feed |expand', () => {
    const src = [rule('22222222-0000-4000-8000-000000000001', `logsource: {product: windows}
detection:
    sel: {User|expand: '%Admins%'}
    condition: sel
`)];
    expect(compileRuleSet(src).diagnostics.map((d) => d.code)).toEqual(['UNKNOWN_PLACEHOLDER']);
    const set = compileRuleSet(src, { placeholders: { Admins: ['root', 'adm_*'] } });
    expect(set.match({ User: 'adm_bob' })).toHaveLength(1);
    expect(set.match({ User: 'bob' })).toHaveLength(0);
  });

  it('applies Sigma filters as (rule) and (filter condition), by id, name or "any", within their logsource', () => {
    const ruleA = rule('66666666-0000-4000-8000-000000000001', WHOAMI);
    const ruleB = { file: 'b.yml', text: `title: Net\nname: net_use\nlevel: low\nlogsource: {category: process_creation, product: windows}\ndetection:\n  sel: {Image|endswith: '\\net.exe'}\n  condition: sel\n` };
    const ruleC = { file: 'c.yml', text: `title: Other source\nid: 66666666-0000-4000-8000-000000000003\nlogsource: {product: linux}\ndetection:\n  sel: {Image|endswith: '\\net.exe'}\n  condition: sel\n` };
    const filters = { file: 'filters.yml', text: `title: Admins are expected
logsource: {category: process_creation, product: windows}
filter:
    rules: [66666666-0000-4000-8000-000000000001, net_use, 99999999-0000-4000-8000-000000000000]
    selection:
        User|startswith: 'CORP\\adm_'
    condition: not selection
---
title: Backup host is expected
logsource: {product: windows}
filter:
    rules: any
    host:
        Computer: BACKUP01
    condition: not host
` };
    const set = compileRuleSet([ruleA, ruleB, ruleC, filters]);
    expect(set.filters).toHaveLength(2);
    expect(set.diagnostics.map((d) => [d.code, d.severity, d.path])).toEqual([['FILTER_UNKNOWN_RULE', 'warning', 'filter.rules']]);
    const titles = (e: Record<string, unknown>) => set.match(e).map((h) => h.rule.title);
    const whoami = { Image: 'C:\\Windows\\System32\\whoami.exe' };
    const net = { Image: 'C:\\Windows\\System32\\net.exe' };
    expect(titles({ ...whoami, User: 'CORP\\alice' })).toEqual(['Rule 66666666-0000-4000-8000-000000000001']);
    expect(titles({ ...whoami, User: 'CORP\\adm_alice' })).toEqual([]);
    expect(titles({ ...net, User: 'CORP\\adm_alice' })).toEqual(['Other source']);
    expect(titles({ ...net, User: 'CORP\\bob', Computer: 'BACKUP01' })).toEqual(['Other source']);
    expect(titles({ ...net, User: 'CORP\\bob', Computer: 'WS1' })).toEqual(['Net', 'Other source']);
    expect(set.compiled[0].explain()).toContain('and filter "Admins are expected": condition: not selection');
    // The plain matcher agrees.
    const plain = compileRuleSet([ruleA, ruleB, ruleC, filters], { prefilter: false });
    expect(plain.match({ ...net, User: 'CORP\\adm_x' }).map((h) => h.rule.title)).toEqual(['Other source']);
  });

  it('keeps correlation and filter documents for later stages', () => {
    const set = compileRuleSet([{ file: 'corr.yml', text: 'title: c\ncorrelation:\n  type: event_count\n  rules: [x]\n  timespan: 1h\n' }]);
    expect(set.correlations).toHaveLength(1);
    expect([set.loaded, set.failed]).toEqual([0, 0]);
  });

  it('YAML keys such as __proto__ and constructor stay ordinary keys', () => {
    const { profile } = parseFieldMapProfile('kind: fieldmap-profile\nname: p\nfields: {Image: img}\n', 'p.yml');
    const set = compileRuleSet([rule('44444444-0000-4000-8000-000000000001', `logsource: {product: windows, __proto__: {x: 1}}
__proto__: {polluted: true}
detection:
    selection:
        constructor: ctor
        toString|contains: str
    condition: selection
`)], { fieldMapProfile: profile });
    expect(set.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(set.match({ constructor: 'ctor', toString: 'a str' })).toHaveLength(1);
    expect(set.match({ toString: 'a str' })).toHaveLength(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(set.compiled[0].rule.custom)).toBe(Object.prototype);
  });

  it('a failure inside the engine on one source is reported and the others still load', () => {
    const hostile = { file: 'hostile.yml', get text(): string { throw new Error('unreadable'); } };
    const set = compileRuleSet([hostile, rule('55555555-0000-4000-8000-000000000001', WHOAMI)]);
    expect([set.loaded, set.failed]).toEqual([1, 1]);
    expect(set.diagnostics.map((d) => [d.code, d.file])).toEqual([['INTERNAL_ERROR', 'hostile.yml']]);
  });

  it('match never throws, even when reading an event field throws', () => {
    const set = compileRuleSet([rule('33333333-0000-4000-8000-000000000001', WHOAMI)], { mappings: [mapping()] });
    const hostile = {};
    Object.defineProperty(hostile, 'Channel', { enumerable: true, get: () => { throw new Error('boom'); } });
    Object.defineProperty(hostile, 'Image', { enumerable: true, get: () => { throw new Error('boom'); } });
    expect(() => set.match(hostile)).not.toThrow();
    expect(set.match(hostile)).toEqual([]);
    const unrouted = compileRuleSet([rule('33333333-0000-4000-8000-000000000002', WHOAMI)]);
    expect(unrouted.match(hostile)).toEqual([]);
  });
});
