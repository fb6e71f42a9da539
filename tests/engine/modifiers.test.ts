// Every Sigma modifier (spec v2.1 appendix): modifier x value x event -> match / no match.
// Encoded expectations are computed independently with node's Buffer, never with engine code.
import { Buffer } from 'node:buffer';
import { describe, expect, test } from 'vitest';
import type { SigmaEvent } from '../../engine/api.js';
import type { ItemContext } from '../../engine/detection-item.js';
import { compileItem, MODIFIERS } from '../../engine/match/index.js';

function compile(field: string | null, modifiers: string[], values: unknown[], ctx: Partial<ItemContext> = {}) {
  const r = compileItem({ field, modifiers, values, path: 'detection.sel.F' }, { file: 'rule.yml', ...ctx });
  if (!r.item) throw new Error(`did not compile: ${JSON.stringify(r.diagnostics)}`);
  return r.item;
}

type Row = [label: string, modifiers: string[], values: unknown[], event: SigmaEvent, expected: boolean];

function table(name: string, rows: Row[], ctx: Partial<ItemContext> = {}): void {
  describe(name, () => {
    test.each(rows)('%s', (_l, mods, values, event, expected) => {
      expect(compile('F', mods, values, ctx).test(event) !== null).toBe(expected);
    });
  });
}

const latin1 = (b: Buffer): string => b.toString('latin1');

table('contains / startswith / endswith', [
  ['contains hit', ['contains'], ['mimi'], { F: 'x MIMIkatz' }, true],
  ['contains miss', ['contains'], ['mimi'], { F: 'kat' }, false],
  ['contains empty matches any present value', ['contains'], [''], { F: 'abc' }, true],
  ['contains on missing field', ['contains'], ['a'], {}, false],
  ['contains keeps inner wildcards', ['contains'], ['a*c'], { F: 'xxabbbcxx' }, true],
  ['contains keeps inner ?', ['contains'], ['a?c'], { F: 'xxabcxx' }, true],
  ['contains with an existing leading *', ['contains'], ['*abc'], { F: 'xabcx' }, true],
  ['startswith hit', ['startswith'], ['C:\\Win'], { F: 'c:\\windows\\x' }, true],
  ['startswith miss (not at start)', ['startswith'], ['Win'], { F: 'c:\\windows' }, false],
  ['endswith hit', ['endswith'], ['\\cmd.exe'], { F: 'C:\\X\\CMD.EXE' }, true],
  ['endswith miss', ['endswith'], ['\\cmd.exe'], { F: 'C:\\cmd.exe.bak' }, false],
  ['endswith with ?', ['endswith'], ['\\cmd.ex?'], { F: 'C:\\cmd.exe' }, true],
  ['startswith on a number', ['startswith'], ['46'], { F: 4688 }, true],
  ['contains with a rule number', ['contains'], [68], { F: 4688 }, true],
  ['contains on array', ['contains'], ['b'], { F: ['xa', 'xbx'] }, true],
]);

describe('windash', () => {
  const dashes = ['-', '/', '\u2013', '\u2014', '\u2015'];
  test.each(dashes)('every variant of " -enc " matches dash %j', (dash) => {
    expect(compile('F', ['contains', 'windash'], [' -enc ']).test({ F: `powershell ${dash}enc AAAA` })).not.toBeNull();
  });
  test.each(dashes)('a value written with %j matches all the others', (written) => {
    const item = compile('F', ['contains', 'windash'], [` ${written}enc `]);
    for (const d of dashes) expect(item.test({ F: `x ${d}enc y` })).not.toBeNull();
  });
  test('other characters are not dashes', () => {
    expect(compile('F', ['contains', 'windash'], [' -enc ']).test({ F: 'powershell +enc x' })).toBeNull();
  });
  test('a dash inside a word is left alone (pySigma \\B[-/]\\b)', () => {
    const item = compile('F', ['contains', 'windash'], ['net-user']);
    expect(item.test({ F: 'net-user' })).not.toBeNull();
    expect(item.test({ F: 'net/user' })).toBeNull();
  });
  test('several positions expand independently', () => {
    const item = compile('F', ['contains', 'windash'], ['-a -b']);
    expect(item.test({ F: 'x /a \u2014b' })).not.toBeNull();
    expect(item.test({ F: 'x -a +b' })).toBeNull();
  });
  test('windash before contains also works', () => {
    expect(compile('F', ['windash', 'contains'], ['-nop']).test({ F: 'ps /nop' })).not.toBeNull();
  });
  test('windash without contains is whole-value', () => {
    const item = compile('F', ['windash'], ['-x']);
    expect(item.test({ F: '/x' })).not.toBeNull();
    expect(item.test({ F: 'a /x' })).toBeNull();
  });
});

describe('re', () => {
  const rows: Row[] = [
    ['searches anywhere', ['re'], ['ab+c'], { F: 'xxabbbcxx' }, true],
    ['anchors respected', ['re'], ['^ab+c$'], { F: 'xabc' }, false],
    ['case-sensitive by default', ['re'], ['ABC'], { F: 'abc' }, false],
    ['|i ignores case', ['re', 'i'], ['ABC'], { F: 'xabcx' }, true],
    ['|ignorecase alias', ['re', 'ignorecase'], ['ABC'], { F: 'abc' }, true],
    ['inline (?i) honoured', ['re'], ['(?i)ABC'], { F: 'abc' }, true],
    ['without |m ^ is start of value only', ['re'], ['^two'], { F: 'one\ntwo' }, false],
    ['|m makes ^ match at line starts', ['re', 'm'], ['^two'], { F: 'one\ntwo' }, true],
    ['|multiline alias', ['re', 'multiline'], ['^two$'], { F: 'one\ntwo\nthree' }, true],
    ['without |s dot stops at newline', ['re'], ['one.two'], { F: 'one\ntwo' }, false],
    ['|s dot matches newline', ['re', 's'], ['one.two'], { F: 'one\ntwo' }, true],
    ['|dotall alias', ['re', 'dotall'], ['one.two'], { F: 'one\ntwo' }, true],
    ['inline (?s)', ['re'], ['(?s)one.two'], { F: 'one\ntwo' }, true],
    ['|i|m|s together', ['re', 'i', 'm', 's'], ['^B.C'], { F: 'a\nb\nc' }, true],
    ['on a number value', ['re'], ['^46\\d\\d$'], { F: 4688 }, true],
    ['character class and quantifier', ['re'], ['[0-9a-f]{8}-'], { F: 'id deadbeef-1' }, true],
    ['alternation', ['re'], ['foo|bar'], { F: 'xbarx' }, true],
    ['|startswith pins to the start', ['re', 'startswith'], ['ab'], { F: 'xab' }, false],
    ['|startswith at the start', ['re', 'startswith'], ['ab|zz'], { F: 'abx' }, true],
    ['|endswith pins to the end', ['re', 'endswith'], ['ab'], { F: 'abx' }, false],
    ['|endswith at the end', ['re', 'endswith'], ['ab'], { F: 'xab' }, true],
    ['|contains anywhere', ['re', 'contains'], ['ab'], { F: 'xabx' }, true],
    ['missing field', ['re'], ['.*'], {}, false],
    ['array element', ['re'], ['^b$'], { F: ['a', 'b'] }, true],
  ];
  test.each(rows)('%s', (_l, mods, values, event, expected) => {
    expect(compile('F', mods, values).test(event) !== null).toBe(expected);
  });
  test('hostile (a+)+$ on 50k a + ! finishes with no match', () => {
    const item = compile('F', ['re'], ['(a+)+$']);
    expect(item.test({ F: 'a'.repeat(50_000) + '!' })).toBeNull();
    expect(item.test({ F: 'a'.repeat(50_000) })).not.toBeNull();
  });
  test('hostile (a|aa)+b and (.*a){20} finish', () => {
    expect(compile('F', ['re'], ['^(a|aa)+b$']).test({ F: 'a'.repeat(30_000) + 'c' })).toBeNull();
    expect(compile('F', ['re'], ['(.*a){20}x']).test({ F: 'a'.repeat(5_000) })).toBeNull();
  });
});

describe('base64 / base64offset', () => {
  const b64 = (s: string | Buffer) => (typeof s === 'string' ? Buffer.from(s, 'utf8') : s).toString('base64');
  test('base64 matches the whole encoded value', () => {
    const item = compile('F', ['base64'], ['/bin/bash']);
    expect(item.test({ F: b64('/bin/bash') })).not.toBeNull();
    expect(item.test({ F: b64('x/bin/bash') })).toBeNull();
  });
  test('base64|contains finds it inside a longer text', () => {
    expect(compile('F', ['base64', 'contains'], ['/bin/sh']).test({ F: `echo ${b64('/bin/sh')} | base64 -d` })).not.toBeNull();
  });
  test('base64 of non-ASCII text uses UTF-8', () => {
    expect(compile('F', ['base64'], ['café']).test({ F: b64('café') })).not.toBeNull();
  });
  const values = ['/bin/bash', 'ping', 'Invoke-Mimikatz', 'ab', 'é'];
  const prefixes = ['', 'a', 'bc', 'def', 'ghij', 'klmno'];
  const suffixes = ['', 'z', 'yz', 'xyz'];
  for (const v of values) {
    test(`base64offset|contains finds ${JSON.stringify(v)} at every offset`, () => {
      const item = compile('F', ['base64offset', 'contains'], [v]);
      for (const p of prefixes) for (const s of suffixes) {
        expect(item.test({ F: b64(p + v + s) }), `${p}|${v}|${s}`).not.toBeNull();
      }
      expect(item.test({ F: b64('completely different text') })).toBeNull();
    });
  }
  test('base64offset of a one-byte value is refused (one form would be empty)', () => {
    const r = compileItem({ field: 'F', modifiers: ['base64offset', 'contains'], values: ['x'], path: 'p' }, { file: 'f' });
    expect(r.item).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toEqual(['INVALID_VALUE']);
  });
  test("base64offset yields pySigma's three strings for /bin/bash", () => {
    // Known values (Sigma spec example / pySigma test): L2Jpbi9iYXNo, 9iaW4vYmFza, vYmluL2Jhc2
    const item = compile('F', ['base64offset', 'contains'], ['/bin/bash']);
    expect([...item.requiredLiterals!].sort()).toEqual(['L2Jpbi9iYXNo', '9iaW4vYmFza', 'vYmluL2Jhc2'].map((s) => s.toLowerCase()).sort());
  });
  test('wide|base64offset|contains finds a PowerShell -EncodedCommand payload', () => {
    const item = compile('F', ['wide', 'base64offset', 'contains'], ['Invoke-Expression']);
    for (const p of ['', 'I', 'IE', '$x=1;']) {
      const enc = b64(Buffer.from(`${p}Invoke-Expression (New-Object Net.WebClient)`, 'utf16le'));
      expect(item.test({ F: `powershell.exe -enc ${enc}` }), p).not.toBeNull();
    }
    expect(item.test({ F: `powershell.exe -enc ${b64('Invoke-Expression')}` })).toBeNull();
  });
  test('utf16le|base64offset|contains equals wide', () => {
    const enc = b64(Buffer.from('xxwhoami /all', 'utf16le'));
    expect(compile('F', ['utf16le', 'base64offset', 'contains'], ['whoami']).test({ F: enc })).not.toBeNull();
  });
  test('utf16be|base64offset|contains', () => {
    const be = Buffer.from('xwhoami', 'utf16le').swap16();
    expect(compile('F', ['utf16be', 'base64offset', 'contains'], ['whoami']).test({ F: b64(be) })).not.toBeNull();
  });
  test('utf16|base64 includes the FF FE byte order mark', () => {
    const withBom = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('cmd', 'utf16le')]);
    expect(compile('F', ['utf16', 'base64'], ['cmd']).test({ F: b64(withBom) })).not.toBeNull();
  });
});

describe('utf16le / wide / utf16be / utf16 (raw bytes in the event)', () => {
  test('utf16le: cmd -> 63 00 6d 00 64 00', () => {
    const ev = { F: latin1(Buffer.from([0x63, 0x00, 0x6d, 0x00, 0x64, 0x00])) };
    expect(compile('F', ['utf16le'], ['cmd']).test(ev)).not.toBeNull();
    expect(compile('F', ['wide'], ['cmd']).test(ev)).not.toBeNull();
    expect(compile('F', ['utf16be'], ['cmd']).test(ev)).toBeNull();
  });
  test('utf16be: cmd -> 00 63 00 6d 00 64', () => {
    expect(compile('F', ['utf16be'], ['cmd']).test({ F: latin1(Buffer.from([0x00, 0x63, 0x00, 0x6d, 0x00, 0x64])) })).not.toBeNull();
  });
  test('utf16: cmd -> FF FE 63 00 6d 00 64 00', () => {
    expect(compile('F', ['utf16'], ['cmd']).test({ F: latin1(Buffer.from([0xff, 0xfe, 0x63, 0, 0x6d, 0, 0x64, 0])) })).not.toBeNull();
  });
  test('wide|contains', () => {
    expect(compile('F', ['wide', 'contains'], ['md']).test({ F: latin1(Buffer.from('xcmdx', 'utf16le')) })).not.toBeNull();
  });
});

table('lt / lte / gt / gte', [
  ['lt hit', ['lt'], [10], { F: 9 }, true],
  ['lt equal', ['lt'], [10], { F: 10 }, false],
  ['lte equal', ['lte'], [10], { F: 10 }, true],
  ['lte above', ['lte'], [10], { F: 11 }, false],
  ['gt hit', ['gt'], [10], { F: 11 }, true],
  ['gt equal', ['gt'], [10], { F: 10 }, false],
  ['gte equal', ['gte'], [10], { F: 10 }, true],
  ['gte below', ['gte'], [10], { F: 9.5 }, false],
  ['numeric string event', ['gt'], [1000], { F: '4688' }, true],
  ['numeric string rule', ['gt'], ['1000'], { F: 4688 }, true],
  ['float', ['lt'], [0.5], { F: '0.25' }, true],
  ['negative', ['gt'], [-5], { F: -1 }, true],
  ['non-numeric event value', ['gt'], [1], { F: 'abc' }, false],
  ['empty event value', ['lt'], [1], { F: '' }, false],
  ['missing field', ['lt'], [1], {}, false],
  ['array element', ['gt'], [5], { F: [1, 7] }, true],
]);

table('cidr', [
  ['IPv4 in /8', ['cidr'], ['10.0.0.0/8'], { F: '10.20.30.40' }, true],
  ['IPv4 outside /8', ['cidr'], ['10.0.0.0/8'], { F: '11.0.0.1' }, false],
  ['IPv4 /32 bare address', ['cidr'], ['192.168.1.5'], { F: '192.168.1.5' }, true],
  ['IPv4 /24 edge', ['cidr'], ['192.168.1.0/24'], { F: '192.168.1.255' }, true],
  ['IPv4 /24 next net', ['cidr'], ['192.168.1.0/24'], { F: '192.168.2.0' }, false],
  ['list is OR', ['cidr'], ['10.0.0.0/8', '172.16.0.0/12'], { F: '172.20.1.1' }, true],
  ['IPv6 in range', ['cidr'], ['fe80::/10'], { F: 'fe80::1c2:3' }, true],
  ['IPv6 outside', ['cidr'], ['fe80::/10'], { F: '2001:db8::1' }, false],
  ['IPv6 loopback /128', ['cidr'], ['::1/128'], { F: '::1' }, true],
  ['IPv4-mapped IPv6 event vs IPv4 range', ['cidr'], ['10.0.0.0/8'], { F: '::ffff:10.1.2.3' }, true],
  ['IPv4 event vs IPv6 range', ['cidr'], ['::/0'], { F: '10.0.0.1' }, false],
  ['not an address', ['cidr'], ['10.0.0.0/8'], { F: 'ten' }, false],
  ['short IPv4 forms are not addresses', ['cidr'], ['10.0.0.0/8'], { F: '10.1' }, false],
  ['hostname', ['cidr'], ['10.0.0.0/8'], { F: '10.example.com' }, false],
  ['missing field', ['cidr'], ['0.0.0.0/0'], {}, false],
  ['neq cidr: outside', ['cidr', 'neq'], ['10.0.0.0/8'], { F: '8.8.8.8' }, true],
  ['neq cidr: inside', ['cidr', 'neq'], ['10.0.0.0/8'], { F: '10.0.0.1' }, false],
]);

table('exists', [
  ['true, present', ['exists'], [true], { F: 'x' }, true],
  ['true, present but empty', ['exists'], [true], { F: '' }, true],
  ['true, present but null', ['exists'], [true], { F: null }, true],
  ['true, missing', ['exists'], [true], {}, false],
  ['false, missing', ['exists'], [false], {}, true],
  ['false, present', ['exists'], [false], { F: 'x' }, false],
  ['false, present null', ['exists'], [false], { F: null }, false],
  ["string 'true' accepted", ['exists'], ['true'], { F: 1 }, true],
]);

table('neq (negates the item)', [
  ['different value', ['neq'], ['a'], { F: 'b' }, true],
  ['same value', ['neq'], ['a'], { F: 'A' }, false],
  ['list: equal to one of them', ['neq'], ['a', 'b'], { F: 'b' }, false],
  ['list: none of them', ['neq'], ['a', 'b'], { F: 'c' }, true],
  ['missing field (two-valued logic, like not)', ['neq'], ['a'], {}, true],
  ['number', ['neq'], [4688], { F: 4689 }, true],
  ['number equal', ['neq'], [4688], { F: '4688' }, false],
  ['contains|neq', ['contains', 'neq'], ['evil'], { F: 'good' }, true],
  ['contains|neq hit', ['contains', 'neq'], ['evil'], { F: 'so evil' }, false],
  ['neq null: field present', ['neq'], [null], { F: 'x' }, true],
  ['neq null: field missing', ['neq'], [null], {}, false],
]);

describe('neq matched value', () => {
  test('reports the event value', () => {
    expect(compile('F', ['neq'], ['a']).test({ F: 'b' })).toEqual([{ field: 'F', modifiers: ['neq'], pattern: 'a', value: 'b' }]);
  });
});

describe('expand', () => {
  const placeholders = { Admins: ['root', 'adm*'], Servers: ['srv1'], Empty: [] as string[] };
  const rows: Row[] = [
    ['placeholder value', ['expand'], ['%Admins%'], { F: 'root' }, true],
    ['wildcard in a placeholder value', ['expand'], ['%Admins%'], { F: 'administrator' }, true],
    ['no placeholder value matches', ['expand'], ['%Admins%'], { F: 'user' }, false],
    ['placeholder inside text', ['expand'], ['%Servers%.corp'], { F: 'SRV1.corp' }, true],
    ['contains|expand', ['contains', 'expand'], ['%Servers%'], { F: 'x srv1 x' }, true],
    ['escaped \\% is a plain percent', ['expand'], ['\\%plain%Servers%'], { F: '%plainsrv1' }, true],
    ['two placeholders', ['expand'], ['%Servers%-%Admins%'], { F: 'srv1-root' }, true],
    ['empty placeholder list matches nothing', ['expand'], ['%Empty%'], { F: '' }, false],
    ['without |expand a placeholder is literal', [], ['%Servers%'], { F: '%Servers%' }, true],
  ];
  test.each(rows)('%s', (_l, mods, values, event, expected) => {
    expect(compile('F', mods, values, { placeholders }).test(event) !== null).toBe(expected);
  });
  test('unknown placeholder names the placeholder', () => {
    const r = compileItem({ field: 'F', modifiers: ['expand'], values: ['%Nope%'], path: 'p' }, { file: 'f', placeholders });
    expect(r.item).toBeUndefined();
    expect(r.diagnostics[0].code).toBe('UNKNOWN_PLACEHOLDER');
    expect(r.diagnostics[0].message).toContain('%Nope%');
  });
});

table('fieldref', [
  ['equal fields', ['fieldref'], ['G'], { F: 'abc', G: 'ABC' }, true],
  ['different fields', ['fieldref'], ['G'], { F: 'abc', G: 'abd' }, false],
  ['other field missing', ['fieldref'], ['G'], { F: 'abc' }, false],
  ['own field missing', ['fieldref'], ['G'], { G: 'abc' }, false],
  ['numbers compare by text', ['fieldref'], ['G'], { F: 5, G: '5' }, true],
  ['cased', ['fieldref', 'cased'], ['G'], { F: 'abc', G: 'ABC' }, false],
  ['contains', ['fieldref', 'contains'], ['G'], { F: 'xxabcxx', G: 'abc' }, true],
  ['startswith', ['fieldref', 'startswith'], ['G'], { F: 'abcxx', G: 'abc' }, true],
  ['startswith miss', ['fieldref', 'startswith'], ['G'], { F: 'xabc', G: 'abc' }, false],
  ['endswith', ['fieldref', 'endswith'], ['G'], { F: 'xxabc', G: 'abc' }, true],
  ['endswith miss', ['fieldref', 'endswith'], ['G'], { F: 'abcx', G: 'abc' }, false],
  ['neq: different', ['fieldref', 'neq'], ['G'], { F: 'a', G: 'b' }, true],
  ['neq: equal', ['fieldref', 'neq'], ['G'], { F: 'a', G: 'a' }, false],
  ['dotted reference', ['fieldref'], ['p.user'], { F: 'bob', p: { user: 'bob' } }, true],
  ['list is OR', ['fieldref'], ['G', 'H'], { F: 'x', G: 'y', H: 'x' }, true],
]);

describe('fieldref reads the referenced field through the field map', () => {
  test('mapped reference', () => {
    const item = compile('TargetUserName', ['fieldref'], ['SubjectUserName'], { fieldMap: (f) => `Ev.${f}` });
    expect(item.test({ Ev: { TargetUserName: 'bob', SubjectUserName: 'BOB' } })).not.toBeNull();
  });
});

table('time parts', [
  ['minute of ISO text', ['minute'], [5], { F: '2024-03-09T14:05:59.123Z' }, true],
  ['minute miss', ['minute'], [6], { F: '2024-03-09T14:05:59Z' }, false],
  ['hour', ['hour'], [14], { F: '2024-03-09T14:05:59Z' }, true],
  ['hour as written, no time-zone conversion', ['hour'], [14], { F: '2024-03-09T14:05:59+05:00' }, true],
  ['hour with space separator', ['hour'], [3], { F: '2024-03-09 03:00:00' }, true],
  ['day', ['day'], [9], { F: '2024-03-09T14:05:59Z' }, true],
  ['month', ['month'], [3], { F: '2024-03-09' }, true],
  ['year', ['year'], [2024], { F: '2024-03-09T00:00:00Z' }, true],
  ['week (ISO 8601): 2024-03-09 is week 10', ['week'], [10], { F: '2024-03-09' }, true],
  ['week: 2021-01-03 belongs to week 53 of 2020', ['week'], [53], { F: '2021-01-03' }, true],
  ['week: 2024-12-30 is week 1', ['week'], [1], { F: '2024-12-30' }, true],
  ['epoch milliseconds (UTC)', ['year'], [2023], { F: 1_700_000_000_000 }, true],
  ['not a date', ['hour'], [1], { F: 'yesterday' }, false],
  ['missing field', ['year'], [2024], {}, false],
  ['list is OR', ['hour'], [1, 2, 3], { F: '2024-01-01T02:00:00' }, true],
  ['neq hour', ['hour', 'neq'], [9], { F: '2024-01-01T02:00:00' }, true],
]);

describe('time parts on epoch seconds agree with Date', () => {
  test('hour and minute', () => {
    const secs = 1_700_000_000;
    const d = new Date(secs * 1000);
    expect(compile('F', ['hour'], [d.getUTCHours()]).test({ F: secs })).not.toBeNull();
    expect(compile('F', ['minute'], [d.getUTCMinutes()]).test({ F: secs })).not.toBeNull();
  });
});

describe('vocabulary', () => {
  test('every modifier of the spec appendix is known', () => {
    const spec = ['all', 'startswith', 'endswith', 'contains', 'exists', 'cased', 'neq', 'windash', 're', 'i', 'm', 's', 'base64', 'base64offset', 'utf16le', 'utf16be', 'utf16', 'wide', 'lt', 'lte', 'gt', 'gte', 'minute', 'hour', 'day', 'week', 'month', 'year', 'cidr', 'expand', 'fieldref'];
    for (const m of spec) expect(MODIFIERS).toContain(m);
  });
});
