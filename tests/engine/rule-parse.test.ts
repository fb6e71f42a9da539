// Diagnostics of rule parsing: codes, paths and lines for the problems a rule author makes.
import { describe, expect, it } from 'vitest';
import { parseRuleFile } from '../../engine/rule/index.js';

const parse = (text: string) => parseRuleFile({ file: 'test.yml', text });
const codes = (text: string) => parse(text).diagnostics.map((d) => [d.code, d.path]);

const GOOD = `title: Whoami
id: 929a690e-bef0-4204-a928-ef5e620d6fcc
status: test
level: high
tags: [attack.discovery]
date: 2019-10-23
logsource:
    category: process_creation
    product: windows
detection:
    selection:
        Image|endswith: '\\whoami.exe'
        CommandLine|contains|all:
            - '/all'
            - '/priv'
    filter:
        - User: SYSTEM
        - User: LOCAL SERVICE
    keywords:
        - evil
        - 42
    condition: selection and not filter or keywords
custom_field: kept
`;

describe('rule model', () => {
  it('parses a rule into search nodes of detection item specs', () => {
    const result = parse(GOOD);
    expect(result.diagnostics).toEqual([]);
    expect(result.failed).toBe(0);
    const rule = result.documents[0];
    expect(rule.kind).toBe('rule');
    if (rule.kind !== 'rule') return;
    expect(rule).toMatchObject({
      title: 'Whoami', level: 'high', status: 'test', date: '2019-10-23', tags: ['attack.discovery'],
      logsource: { category: 'process_creation', product: 'windows' }, custom: { custom_field: 'kept' },
    });
    expect(rule.detection.searches.map((s) => s.name)).toEqual(['selection', 'filter', 'keywords']);
    expect(rule.detection.searches[0].node).toEqual({
      kind: 'all',
      nodes: [
        { kind: 'item', line: 12, spec: { field: 'Image', modifiers: ['endswith'], values: ['\\whoami.exe'], path: 'detection.selection.Image|endswith' } },
        { kind: 'item', line: 13, spec: { field: 'CommandLine', modifiers: ['contains', 'all'], values: ['/all', '/priv'], path: 'detection.selection.CommandLine|contains|all' } },
      ],
    });
    expect(rule.detection.searches[1].node).toMatchObject({
      kind: 'any',
      nodes: [
        { kind: 'all', nodes: [{ kind: 'item', spec: { field: 'User', values: ['SYSTEM'], path: 'detection.filter[0].User' } }] },
        { kind: 'all', nodes: [{ kind: 'item', spec: { field: 'User', values: ['LOCAL SERVICE'], path: 'detection.filter[1].User' } }] },
      ],
    });
    expect(rule.detection.searches[2].node).toMatchObject({ kind: 'item', spec: { field: null, modifiers: [], values: ['evil', 42], path: 'detection.keywords' } });
  });

  it('keeps numbers that would not round-trip as text, and null, empty string and booleans as values', () => {
    const rule = parse(`title: t
logsource: {product: windows}
detection:
    sel:
        EventID: 4688
        TicketOptions: 0x40810000
        Code: 0010
        Version: 1.0
        Empty: ''
        Missing: null
        Flag|exists: true
        '|all': [a, b]
    condition: sel
`).documents[0];
    if (rule.kind !== 'rule') throw new Error('not a rule');
    const node = rule.detection.searches[0].node;
    if (node.kind !== 'all') throw new Error('not a map');
    expect(node.nodes.map((n) => (n.kind === 'item' ? [n.spec.field, n.spec.modifiers, n.spec.values] : null))).toEqual([
      ['EventID', [], [4688]], ['TicketOptions', [], ['0x40810000']], ['Code', [], ['0010']], ['Version', [], ['1.0']],
      ['Empty', [], ['']], ['Missing', [], [null]], ['Flag', ['exists'], [true]], [null, ['all'], ['a', 'b']],
    ]);
  });

  it('a list condition is the OR of its conditions', () => {
    const rule = parse(`title: t
logsource: {product: windows}
detection:
    a: {x: 1}
    b: {y: 2}
    condition: [a, b and not a]
`).documents[0];
    if (rule.kind !== 'rule') throw new Error('not a rule');
    expect(rule.detection.condition).toEqual({
      kind: 'or',
      operands: [{ kind: 'identifier', name: 'a' }, { kind: 'and', operands: [{ kind: 'identifier', name: 'b' }, { kind: 'not', operand: { kind: 'identifier', name: 'a' } }] }],
    });
  });
});

describe('rule diagnostics', () => {
  it('missing title, bad level, missing logsource: all reported at once, rule skipped', () => {
    const result = parse(`level: severe
detection:
    sel: {a: 1}
    condition: sel
`);
    expect(result.documents).toEqual([]);
    expect(result.failed).toBe(1);
    expect(result.diagnostics.map((d) => [d.code, d.path, d.line])).toEqual([
      ['MISSING_FIELD', 'title', 1],
      ['UNKNOWN_LEVEL', 'level', 1],
      ['MISSING_FIELD', 'logsource', 1],
    ]);
  });

  it('undefined identifier and x-of without match name the condition and its line', () => {
    const result = parse(`title: t
logsource: {product: windows}
detection:
    selection: {a: 1}
    condition: selection and not filter and 1 of keyword*
`);
    expect(result.failed).toBe(1);
    expect(result.diagnostics.map((d) => [d.code, d.path, d.line])).toEqual([
      ['UNKNOWN_IDENTIFIER', 'detection.condition', 5],
      ['NO_IDENTIFIER_MATCH', 'detection.condition', 5],
    ]);
  });

  it('condition syntax error', () => {
    expect(codes(`title: t
logsource: {product: windows}
detection:
    selection: {a: 1}
    condition: selection and (
`)).toEqual([['CONDITION_SYNTAX', 'detection.condition']]);
  });

  it('aggregation conditions and timeframe are named as unsupported', () => {
    expect(codes(`title: t
logsource: {product: windows}
detection:
    selection: {a: 1}
    timeframe: 5m
    condition: selection | count() by host > 5
`)).toEqual([['UNSUPPORTED', 'detection.timeframe'], ['UNSUPPORTED', 'detection.condition']]);
  });

  it('invalid searches and stray modifier bars', () => {
    const result = parse(`title: t
logsource: {product: windows}
detection:
    empty: []
    nested:
        a: {b: c}
    bar:
        Image|: x
    condition: empty or nested or bar
`);
    expect(result.diagnostics.map((d) => [d.code, d.path, d.line])).toEqual([
      ['INVALID_SEARCH', 'detection.empty', 4],
      ['INVALID_SEARCH', 'detection.nested.a', 6],
      ['UNKNOWN_MODIFIER', 'detection.bar.Image|', 8],
    ]);
  });

  it('bad YAML reports its line; duplicate keys are YAML errors with a hint', () => {
    const bad = parse('title: t\nlogsource:\n  product: [windows\ndetection: x\n');
    expect(bad.diagnostics[0]).toMatchObject({ code: 'YAML_SYNTAX', file: 'test.yml' });
    expect(bad.diagnostics[0].line).toBeGreaterThanOrEqual(3);
    const dup = parse('title: t\nlogsource: {product: windows}\ndetection:\n  sel:\n    Image: a\n    Image: b\n  condition: sel\n');
    expect(dup.diagnostics.map((d) => [d.code, d.line])).toEqual([['YAML_SYNTAX', 6]]);
    expect(dup.diagnostics[0].hint).toBeDefined();
  });

  it('a multi-document file with one bad document still loads the good ones', () => {
    const second = GOOD.replace('title: Whoami', 'title: Second').replace('929a690e', '0000aaaa');
    const text = `${GOOD}---\ntitle: broken\nlogsource: {product: windows}\ndetection:\n  sel: {a: [1\n  condition: sel\n---\n${second}`;
    const result = parse(text);
    expect(result.documents.map((d) => (d.kind === 'rule' ? d.title : d.kind))).toEqual(['Whoami', 'Second']);
    expect(result.failed).toBe(1);
    const lines = GOOD.split('\n').length;
    expect(result.diagnostics.map((d) => [d.code, d.document])).toEqual([['YAML_SYNTAX', 1]]);
    expect(result.diagnostics[0].line).toBeGreaterThan(lines);
    const rule2 = result.documents[1];
    // The second good document starts after the last '---' line; its `selection:` is its 11th line.
    const lastSeparator = text.split('\n').lastIndexOf('---') + 1;
    expect(rule2.kind === 'rule' && rule2.detection.searches[0].line).toBe(lastSeparator + 11);
  });

  it('warnings do not stop a rule: bad id, unknown status, bad date', () => {
    const result = parse(GOOD.replace('929a690e-bef0-4204-a928-ef5e620d6fcc', 'rule-1').replace('status: test', 'status: beta').replace('2019-10-23', '2019/10/23'));
    expect(result.documents).toHaveLength(1);
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.path])).toEqual([
      ['INVALID_ID', 'warning', 'id'],
      ['UNKNOWN_STATUS', 'warning', 'status'],
      ['INVALID_FIELD', 'warning', 'date'],
    ]);
  });

  it('correlation and filter documents are kept (compiled with the rule set); action: global is refused', () => {
    const result = parse(`title: many failed logins
correlation:
    type: event_count
    rules: [failed_login]
    group-by: [User]
    timespan: 5m
    condition: {gte: 10}
---
title: filter admins
logsource: {category: process_creation, product: windows}
filter:
    rules: [929a690e-bef0-4204-a928-ef5e620d6fcc]
    selection: {User|startswith: adm_}
    condition: selection
`);
    expect(result.documents.map((d) => d.kind)).toEqual(['correlation', 'filter']);
    expect(result.diagnostics).toEqual([]);
    const filter = result.documents[1];
    expect(filter.kind === 'filter' && [filter.rules, filter.detection?.searches.map((x) => x.name), filter.detection?.conditionText]).toEqual([
      ['929a690e-bef0-4204-a928-ef5e620d6fcc'], ['selection'], ['selection'],
    ]);
    const global = parse(`action: global\ntitle: t\ndetection:\n  condition: sel\n---\nlogsource: {product: windows}\ndetection:\n  sel: {a: 1}\n`);
    expect(global.documents).toEqual([]);
    expect(global.diagnostics.map((d) => [d.code, d.path, d.line])).toEqual([['UNSUPPORTED', 'action', 1]]);
    expect(global.failed).toBe(1);
  });

  it('malformed filters are reported with filter paths and not applied', () => {
    const result = parse(`title: bad filter
filter:
    selection:
        User|startwith: adm_
    other: []
    condition: selection and missing
`);
    const filter = result.documents[0];
    expect(filter.kind === 'filter' && filter.detection).toBeFalsy();
    expect(result.diagnostics.map((d) => [d.code, d.path, d.line])).toEqual([
      ['MISSING_FIELD', 'logsource', 1],
      ['MISSING_FIELD', 'filter.rules', 2],
      ['INVALID_SEARCH', 'filter.other', 5],
      ['UNKNOWN_IDENTIFIER', 'filter.condition', 6],
    ]);
  });

  it('unused search identifiers are reported as info', () => {
    expect(parse(GOOD.replace('condition: selection and not filter or keywords', 'condition: selection')).diagnostics.map((d) => [d.code, d.severity, d.path])).toEqual([
      ['UNUSED_IDENTIFIER', 'info', 'detection.filter'],
      ['UNUSED_IDENTIFIER', 'info', 'detection.keywords'],
    ]);
  });
});
