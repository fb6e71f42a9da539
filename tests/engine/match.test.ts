// Value matching semantics of engine/match: plain values, wildcards, escapes, case, null/empty,
// numbers vs strings, arrays, dotted paths, field maps, keyword search, describe() and literals.
import { describe, expect, test } from 'vitest';
import type { SigmaEvent } from '../../engine/api.js';
import type { ItemContext } from '../../engine/detection-item.js';
import { compileItem, getField } from '../../engine/match/index.js';

function compile(field: string | null, modifiers: string[], values: unknown[], ctx: Partial<ItemContext> = {}) {
  const r = compileItem({ field, modifiers, values, path: 'detection.sel.x' }, { file: 'rule.yml', ...ctx });
  if (!r.item) throw new Error(`did not compile: ${JSON.stringify(r.diagnostics)}`);
  return r.item;
}

function matches(field: string | null, modifiers: string[], values: unknown[], event: SigmaEvent, ctx: Partial<ItemContext> = {}): boolean {
  return compile(field, modifiers, values, ctx).test(event) !== null;
}

type Row = [label: string, value: unknown, event: SigmaEvent, expected: boolean];

describe('plain values on field F', () => {
  const rows: Row[] = [
    ['exact string', 'cmd.exe', { F: 'cmd.exe' }, true],
    ['case-insensitive by default', 'CMD.exe', { F: 'cmd.EXE' }, true],
    ['whole value, not substring', 'cmd', { F: 'cmd.exe' }, false],
    ['whole value, not prefix of rule', 'cmd.exe', { F: 'cmd' }, false],
    ['non-ASCII case folding', 'ÄRGER', { F: 'ärger' }, true],
    ['* matches any run (\\\\* = backslash + wildcard)', 'C:\\\\*\\cmd.exe', { F: 'C:\\Windows\\System32\\cmd.exe' }, true],
    ['a single backslash before * escapes it', 'C:\\*\\cmd.exe', { F: 'C:\\Windows\\cmd.exe' }, false],
    ['a single backslash before * escapes it (literal)', 'C:\\*\\cmd.exe', { F: 'C:*\\cmd.exe' }, true],
    ['* matches the empty run', 'ab*cd', { F: 'abcd' }, true],
    ['* leading', '*\\cmd.exe', { F: 'D:\\x\\cmd.exe' }, true],
    ['* trailing', 'cmd*', { F: 'cmd.exe /c' }, true],
    ['* both sides', '*evil*', { F: 'some EVIL thing' }, true],
    ['* both sides no hit', '*evil*', { F: 'benign' }, false],
    ['several *', '*a*b*c*', { F: 'xxaxxbxxcxx' }, true],
    ['several * order matters', '*a*b*c*', { F: 'cba' }, false],
    ['* parts must not overlap', 'ab*ba', { F: 'aba' }, false],
    ['? exactly one char', 'prog?.exe', { F: 'progA.exe' }, true],
    ['? not zero chars', 'prog?.exe', { F: 'prog.exe' }, false],
    ['? not two chars', 'prog?.exe', { F: 'progAB.exe' }, false],
    ['? mixed with *', '*prog?.e*', { F: 'x\\prog1.exe' }, true],
    ['? inside middle part', 'a*b?d*e', { F: 'a__bXd__e' }, true],
    ['? inside middle part no hit', 'a*b?d*e', { F: 'a__bd__e' }, false],
    ['lone *', '*', { F: 'anything' }, true],
    ['lone * matches empty value', '*', { F: '' }, true],
    ['lone * needs the field', '*', {}, false],
    ['lone * does not match null', '*', { F: null }, false],
    ['escaped \\* is literal', 'a\\*b', { F: 'a*b' }, true],
    ['escaped \\* is not a wildcard', 'a\\*b', { F: 'axxb' }, false],
    ['escaped \\? is literal', 'what\\?', { F: 'what?' }, true],
    ['escaped \\? is not a wildcard', 'what\\?', { F: 'whatX' }, false],
    ['\\\\ is one backslash', 'a\\\\b', { F: 'a\\b' }, true],
    ['single backslash before other char is literal', 'C:\\Windows', { F: 'c:\\windows' }, true],
    ['\\\\* is backslash then wildcard', 'dir\\\\*', { F: 'dir\\sub\\file' }, true],
    ['\\\\* does not require a literal star', 'dir\\\\*', { F: 'dir*' }, false],
    ['\\\\\\* is backslash and literal star', 'dir\\\\\\*', { F: 'dir\\*' }, true],
    ['\\\\\\* literal star is not a wildcard', 'dir\\\\\\*', { F: 'dir\\xyz' }, false],
    ['three backslashes = two', 'a\\\\\\b', { F: 'a\\\\b' }, true],
    ['four backslashes = two', 'a\\\\\\\\b', { F: 'a\\\\b' }, true],
    ['trailing lone backslash is literal', 'dir\\', { F: 'dir\\' }, true],
    ['empty string matches empty value', '', { F: '' }, true],
    ['empty string does not match text', '', { F: 'x' }, false],
    ['empty string does not match missing', '', {}, false],
    ['empty string does not match null', '', { F: null }, false],
    ['missing field matches no string', 'x', { G: 'x' }, false],
    ['null matches missing field', null, {}, true],
    ['null matches null field', null, { F: null }, true],
    ['null does not match empty string', null, { F: '' }, false],
    ['null does not match a value', null, { F: 'x' }, false],
    ['null matches an empty array', null, { F: [] }, true],
    ['null matches an array of nulls', null, { F: [null] }, true],
    ['null does not match an array with a value', null, { F: [null, 'x'] }, false],
    ['null does not match an object', null, { F: {} }, false],
    ['rule number vs event number', 4688, { F: 4688 }, true],
    ['rule number vs event string', 4688, { F: '4688' }, true],
    ['rule number vs other number', 4688, { F: 4689 }, false],
    ['rule number vs non-numeric string', 4688, { F: '4688x' }, false],
    ['rule string vs event number', '4688', { F: 4688 }, true],
    ['rule number vs hex string', 10, { F: '0x0A' }, false],
    ['rule number vs decimal string with .0', 10, { F: '10.0' }, true],
    ['rule zero vs empty string', 0, { F: '' }, false],
    ['rule zero vs blank string', 0, { F: ' ' }, false],
    ['rule number vs boolean', 1, { F: true }, false],
    ['rule float', 1.5, { F: '1.5' }, true],
    ['rule float vs number', 1.5, { F: 1.5 }, true],
    ['rule wildcard string vs event number', '46*', { F: 4688 }, true],
    ['rule boolean true vs event boolean', true, { F: true }, true],
    ['rule boolean true vs event string', true, { F: 'True' }, true],
    ['rule boolean false vs event true', false, { F: true }, false],
    ['rule string vs event boolean', 'true', { F: true }, true],
    ['array: any element matches', 'b', { F: ['a', 'b'] }, true],
    ['array: no element matches', 'c', { F: ['a', 'b'] }, false],
    ['nested array', 'c', { F: [['a'], ['c']] }, true],
    ['array of numbers vs rule number', 5, { F: [1, 5] }, true],
    ['object value does not match a string', 'x', { F: { a: 'x' } }, false],
  ];
  test.each(rows)('%s', (_label, value, event, expected) => {
    expect(matches('F', [], [value], event)).toBe(expected);
  });
});

describe('cased', () => {
  const rows: Row[] = [
    ['same case', 'CMD', { F: 'CMD' }, true],
    ['other case', 'CMD', { F: 'cmd' }, false],
    ['wildcards still work', 'C*D', { F: 'CxxD' }, true],
    ['wildcards, other case', 'C*D', { F: 'cxxd' }, false],
  ];
  test.each(rows)('%s', (_l, value, event, expected) => {
    expect(matches('F', ['cased'], [value], event)).toBe(expected);
  });
  test('contains|cased', () => {
    expect(matches('F', ['contains', 'cased'], ['Mimi'], { F: 'xMimix' })).toBe(true);
    expect(matches('F', ['contains', 'cased'], ['Mimi'], { F: 'xmimix' })).toBe(false);
  });
});

describe('lists and |all', () => {
  test('a list is OR', () => {
    expect(matches('F', [], ['a', 'b'], { F: 'b' })).toBe(true);
    expect(matches('F', [], ['a', 'b'], { F: 'c' })).toBe(false);
  });
  test('a mixed list of numbers and strings', () => {
    const item = compile('F', [], [4688, 'abc', 1]);
    expect(item.test({ F: '4688' })?.[0].pattern).toBe('4688');
    expect(item.test({ F: 1 })?.[0].pattern).toBe('1');
    expect(item.test({ F: 'ABC' })?.[0].pattern).toBe('abc');
    expect(item.test({ F: '0x1' })).toBeNull();
    expect(item.test({ F: 2 })).toBeNull();
  });
  test('|all makes a list AND', () => {
    expect(matches('F', ['contains', 'all'], ['a', 'b'], { F: 'xaxbx' })).toBe(true);
    expect(matches('F', ['contains', 'all'], ['a', 'b'], { F: 'xaxx' })).toBe(false);
  });
  test('|all over array elements: each value may match a different element', () => {
    expect(matches('F', ['all'], ['a', 'b'], { F: ['a', 'b'] })).toBe(true);
  });
  test('|all returns one matched value per rule value', () => {
    const r = compile('F', ['contains', 'all'], ['one', 'two']).test({ F: 'one two' });
    expect(r?.map((m) => m.pattern)).toEqual(['one', 'two']);
  });
});

describe('field access', () => {
  test('flat key first, then dotted path', () => {
    expect(getField({ 'process.executable': 'flat', process: { executable: 'nested' } }, 'process.executable')).toBe('flat');
    expect(getField({ process: { executable: 'nested' } }, 'process.executable')).toBe('nested');
    expect(getField({ process: { executable: 'nested' } }, 'process.missing')).toBeUndefined();
    expect(getField({ a: { 'b.c': 1 } }, 'a.b.c')).toBe(1);
    expect(getField({ a: [{ b: 'x' }, { b: 'y' }] }, 'a.b')).toEqual(['x', 'y']);
  });
  test('dotted path matches a nested value', () => {
    expect(matches('process.executable', ['endswith'], ['\\cmd.exe'], { process: { executable: 'C:\\cmd.exe' } })).toBe(true);
    expect(matches('process.executable', ['endswith'], ['\\cmd.exe'], { process: 'C:\\cmd.exe' })).toBe(false);
  });
  test('dotted path through an array of objects', () => {
    expect(matches('a.b', [], ['y'], { a: [{ b: 'x' }, { b: 'y' }] })).toBe(true);
  });
  test('fieldMap reads the mapped event field and records it', () => {
    const ctx = { fieldMap: (f: string) => (f === 'Image' ? 'NewProcessName' : f) };
    const item = compile('Image', ['endswith'], ['\\cmd.exe'], ctx);
    expect(item.test({ Image: 'C:\\cmd.exe' })).toBeNull();
    expect(item.test({ NewProcessName: 'C:\\cmd.exe' })).toEqual([
      { field: 'Image', modifiers: ['endswith'], pattern: '\\cmd.exe', value: 'C:\\cmd.exe', eventField: 'NewProcessName' },
    ]);
  });
  test('eventField is recorded on the |all, |neq, null and fieldref paths too', () => {
    const ctx = { fieldMap: (f: string) => `ev_${f}` };
    const all = compile('F', ['contains', 'all'], ['a', 'b'], ctx).test({ ev_F: 'ab' });
    expect(all?.map((m) => m.eventField)).toEqual(['ev_F', 'ev_F']);
    expect(compile('F', ['neq'], ['x'], ctx).test({ ev_F: 'y' })?.[0].eventField).toBe('ev_F');
    expect(compile('F', [], [null], ctx).test({})?.[0].eventField).toBe('ev_F');
    expect(compile('F', ['fieldref'], ['G'], ctx).test({ ev_F: 'v', ev_G: 'V' })?.[0]).toEqual({
      field: 'F', modifiers: ['fieldref'], pattern: 'G', value: 'v', eventField: 'ev_F',
    });
  });
  test('a field map returning nothing reads the field as written', () => {
    expect(compile('F', [], ['x'], { fieldMap: () => '' }).test({ F: 'x' })?.[0]).not.toHaveProperty('eventField');
  });
  test('eventField is absent when the field is not renamed', () => {
    const r = compile('Image', [], ['x'], { fieldMap: (f) => f }).test({ Image: 'x' });
    expect(r?.[0]).not.toHaveProperty('eventField');
  });
});

describe('keyword (fieldless) search', () => {
  const rows: Row[] = [
    ['substring of a top-level value', 'event::clear', { CommandLine: 'mimikatz event::clear exit' }, true],
    ['case-insensitive', 'EVENT::CLEAR', { CommandLine: 'event::Clear' }, true],
    ['nested value', 'evil', { a: { b: ['x', { c: 'so evil' }] } }, true],
    ['number value', '4688', { EventID: 4688 }, true],
    ['number keyword is searched as text', 4688, { m: 'process 4688 created' }, true],
    ['number keyword finds a number value', 4688, { EventID: 4688 }, true],
    ['not in field names', 'CommandLine', { CommandLine: 'x' }, false],
    ['no value contains it', 'evil', { a: 'good', b: 1 }, false],
    ['wildcards inside a keyword', 'net*user', { c: 'net.exe user /add' }, true],
    ['explicit * is kept', '*event::clear', { c: 'x event::clear y' }, true],
  ];
  test.each(rows)('%s', (_l, value, event, expected) => {
    expect(matches(null, [], [value], event)).toBe(expected);
  });
  test('a list of keywords is OR', () => {
    expect(matches(null, [], ['event::clear', 'event::drop'], { m: 'event::drop' })).toBe(true);
  });
  test('|all keywords may match in different fields (spec example)', () => {
    const item = compile(null, ['all'], ['OabVirtualDirectory', ' -ExternalUrl ']);
    expect(item.test({ a: 'Set-OabVirtualDirectory', b: 'x -ExternalUrl y' })).not.toBeNull();
    expect(item.test({ a: 'Set-OabVirtualDirectory' })).toBeNull();
  });
  test('keyword matched value has field null', () => {
    expect(compile(null, [], ['evil']).test({ a: 'evil' })).toEqual([{ field: null, modifiers: [], pattern: 'evil', value: 'evil' }]);
  });
  test('keyword |re searches every value', () => {
    expect(matches(null, ['re'], ['ev[i1]l'], { a: { b: 'xev1lx' } })).toBe(true);
  });
});

describe('lower-case memo churn', () => {
  test('many distinct long values and a huge one stay correct', () => {
    const item = compile('F', ['contains'], ['needle']);
    for (let i = 0; i < 1000; i++) {
      const hit = i % 3 === 0;
      const v = `${'x'.repeat(30)}${i}${hit ? 'NeEdLe' : 'nothing'}`;
      expect(item.test({ F: v }) !== null).toBe(hit);
    }
    const huge = 'A'.repeat(1_500_000);
    expect(item.test({ F: huge + 'NEEDLE' })).not.toBeNull();
    expect(item.test({ F: huge })).toBeNull();
  });
});

describe('hostile inputs finish', () => {
  test('wildcard with many stars on a long value', () => {
    const v = 'a'.repeat(50_000);
    expect(matches('F', [], ['*a*a*a*a*a*a*a*b'], { F: v })).toBe(false);
    expect(matches('F', [], ['*a?a*a?a*a*b'], { F: v + 'b' })).toBe(true);
  });
});

describe('describe()', () => {
  const rows: [string | null, string[], unknown[], string][] = [
    ['Image', ['endswith'], ['\\powershell.exe'], "Image|endswith: '\\powershell.exe'"],
    ['CommandLine', ['contains', 'all'], ['a', "it's"], "CommandLine|contains|all: ['a', 'it''s']"],
    ['EventID', [], [4688], 'EventID: 4688'],
    ['F', [], [null], 'F: null'],
    [null, [], ['event::clear'], "'event::clear'"],
    [null, ['all'], ['a', 'b'], "|all: ['a', 'b']"],
  ];
  test.each(rows)('%s %j %j', (field, mods, values, text) => {
    expect(compile(field, mods, values).describe()).toBe(text);
  });
});

describe('requiredLiterals', () => {
  const rows: [string | null, string[], unknown[], string[] | null][] = [
    ['F', ['endswith'], ['\\PowerShell.exe'], ['\\powershell.exe']],
    ['F', [], ['C:\\\\*\\cmd.exe'], ['\\cmd.exe']],
    ['F', ['contains'], ['a', 'B'], ['a', 'b']],
    ['F', ['contains', 'all'], ['ab', 'longer'], ['longer']],
    ['F', [], ['*'], null],
    ['F', [], [''], null],
    ['F', [], ['x', '*'], null],
    ['F', [], [4688], null],
    ['F', [], [null], null],
    ['F', ['re'], ['a.c'], null],
    ['F', ['re'], ['\\$PSHome\\[\\s*\\d'], ['$pshome[']],
    ['F', ['re'], ['foo|barbaz'], null],
    ['F', ['cidr'], ['10.0.0.0/8'], null],
    ['F', ['neq'], ['x'], null],
    ['F', ['exists'], [true], null],
    ['F', ['fieldref'], ['G'], null],
    ['F', ['gt'], [5], null],
    [null, [], ['Event::Clear'], ['event::clear']],
    ['F', ['cased', 'contains'], ['MiMi'], ['mimi']],
  ];
  test.each(rows)('%s %j %j', (field, mods, values, expected) => {
    const lits = compile(field, mods, values).requiredLiterals;
    expect(lits === null ? null : [...lits].sort()).toEqual(expected === null ? null : [...expected].sort());
  });
  test('every matching event contains one of the literals (lower-cased)', () => {
    const item = compile('F', ['contains', 'windash'], [' -enc ']);
    const lits = item.requiredLiterals!;
    for (const dash of ['-', '/', '\u2013', '\u2014', '\u2015']) {
      const ev = { F: `powershell ${dash}ENC abc` };
      expect(item.test(ev)).not.toBeNull();
      expect(lits.some((l) => ev.F.toLowerCase().includes(l))).toBe(true);
    }
  });
});

describe('diagnostics', () => {
  function diags(field: string | null, modifiers: string[], values: unknown[], ctx: Partial<ItemContext> = {}) {
    const r = compileItem({ field, modifiers, values, path: 'detection.sel.F' }, { file: 'r.yml', rule: 'R1', ...ctx });
    return { item: r.item, d: r.diagnostics.map((x) => ({ code: x.code, severity: x.severity, path: x.path, file: x.file, rule: x.rule, hint: x.hint })) };
  }
  test('unknown modifier with the closest known name as hint', () => {
    const { item, d } = diags('Image', ['endswth'], ['x']);
    expect(item).toBeUndefined();
    expect(d).toEqual([{ code: 'UNKNOWN_MODIFIER', severity: 'error', path: 'detection.sel.F', file: 'r.yml', rule: 'R1', hint: 'did you mean endswith?' }]);
  });
  test.each([
    ['contain', 'contains'],
    ['startwith', 'startswith'],
    ['base64ofset', 'base64offset'],
    ['Contains', 'contains'],
    ['cidir', 'cidr'],
    ['conatins', 'contains'],
    ['rex', 're'],
    ['windsh', 'windash'],
    ['base46', 'base64'],
  ])('%s -> %s', (bad, good) => {
    expect(diags('F', [bad], ['x']).d[0].hint).toBe(`did you mean ${good}?`);
  });
  test('no hint names a far-away modifier', () => {
    expect(diags('F', ['frobnicate'], ['x']).d[0].hint).not.toMatch(/did you mean/);
    expect(diags('F', ['x'], ['x']).d[0].hint).not.toMatch(/did you mean/);
  });
  test('every unknown modifier is reported', () => {
    expect(diags('F', ['foo', 'contains', 'barbazqux'], ['x']).d.map((x) => x.code)).toEqual(['UNKNOWN_MODIFIER', 'UNKNOWN_MODIFIER']);
  });
  test.each([
    ['contains+startswith', ['contains', 'startswith'], ['x'], 'MODIFIER_CONFLICT'],
    ['duplicate modifier', ['contains', 'contains'], ['x'], 'MODIFIER_CONFLICT'],
    ['i without re', ['contains', 'i'], ['x'], 'MODIFIER_CONFLICT'],
    ['re after contains', ['contains', 're'], ['x'], 'MODIFIER_CONFLICT'],
    ['cidr after contains', ['contains', 'cidr'], ['10.0.0.0/8'], 'MODIFIER_CONFLICT'],
    ['base64 after contains', ['contains', 'base64'], ['x'], 'MODIFIER_CONFLICT'],
    ['base64 of a wildcard value', ['base64'], ['a*b'], 'INVALID_VALUE'],
    ['exists after contains', ['contains', 'exists'], [true], 'MODIFIER_CONFLICT'],
    ['exists with a string', ['exists'], ['maybe'], 'INVALID_VALUE'],
    ['gt with text', ['gt'], ['ten'], 'INVALID_VALUE'],
    ['gt with a hex string', ['gt'], ['0x10'], 'INVALID_VALUE'],
    ['gt with an empty string', ['gt'], [''], 'INVALID_VALUE'],
    ['lt on a regex', ['re', 'lt'], ['5'], 'MODIFIER_CONFLICT'],
    ['bad cidr', ['cidr'], ['10.0.0.0/99'], 'INVALID_VALUE'],
    ['cidr garbage', ['cidr'], ['not-an-ip'], 'INVALID_VALUE'],
    ['invalid regex', ['re'], ['a(b'], 'INVALID_VALUE'],
    ['backreference', ['re'], ['(a)\\1'], 'UNSAFE_REGEX'],
    ['lookahead', ['re'], ['foo(?=bar)'], 'UNSAFE_REGEX'],
    ['lookbehind', ['re'], ['(?<!x)foo'], 'UNSAFE_REGEX'],
    ['fieldref with wildcard', ['fieldref'], ['Fi*'], 'INVALID_VALUE'],
    ['time part with text', ['hour'], ['noon'], 'INVALID_VALUE'],
    ['modifier on null', ['contains'], [null], 'INVALID_VALUE'],
    ['empty value list', [], [], 'INVALID_VALUE'],
    ['map as a value', [], [{ a: 1 }], 'INVALID_VALUE'],
    ['expand with unknown placeholder', ['expand'], ['%Servers%'], 'UNKNOWN_PLACEHOLDER'],
    ['windash with too many positions', ['windash'], ['-a -b -c -d -e'], 'UNSUPPORTED'],
    ['expand on a regex', ['re', 'expand'], ['%x%'], 'UNSUPPORTED'],
  ])('%s', (_l, mods, values, code) => {
    const { item, d } = diags('F', mods as string[], values as unknown[]);
    expect(item).toBeUndefined();
    expect(d.map((x) => [x.code, x.severity, x.path])).toContainEqual([code, 'error', 'detection.sel.F']);
  });
  test('exists and fieldref need a field', () => {
    expect(diags(null, ['exists'], [true]).d[0].code).toBe('MODIFIER_CONFLICT');
    expect(diags(null, ['fieldref'], ['x']).d[0].code).toBe('MODIFIER_CONFLICT');
  });
  test('a bad value is reported and the others are checked too', () => {
    const { d } = diags('F', ['cidr'], ['bad', '10.0.0.0/8', 'worse']);
    expect(d.map((x) => x.code)).toEqual(['INVALID_VALUE', 'INVALID_VALUE']);
  });
  test('|all on one value is a warning, the item still compiles', () => {
    const { item, d } = diags('F', ['contains', 'all'], ['x']);
    expect(item).toBeDefined();
    expect(d.map((x) => [x.code, x.severity])).toEqual([['MODIFIER_CONFLICT', 'warning']]);
  });
  test('null inside a list is a warning and still matches a missing field', () => {
    const { item, d } = diags('F', [], ['', null]);
    expect(d.map((x) => [x.code, x.severity])).toEqual([['INVALID_VALUE', 'warning']]);
    expect(item!.test({})).not.toBeNull();
    expect(item!.test({ F: '' })).not.toBeNull();
  });
  test('a clean item has no diagnostics', () => {
    expect(diags('F', ['contains'], ['x']).d).toEqual([]);
  });
});

describe('test() never throws', () => {
  test('a hostile getter on the event', () => {
    const item = compile('F', [], ['x']);
    const ev = Object.defineProperty({}, 'F', { enumerable: true, get() { throw new Error('boom'); } });
    expect(item.test(ev)).toBeNull();
  });
  test('odd event values', () => {
    const item = compile('F', ['contains'], ['x']);
    for (const F of [undefined, null, NaN, Infinity, {}, [], [null], () => 1, Symbol('x')]) {
      expect(item.test({ F } as SigmaEvent)).toBeNull();
    }
  });
});

describe('the spec documents these examples', () => {
  test('String Wildcard: prog?.exe and antivirus_V*.exe', () => {
    expect(matches('Image', [], ['prog?.exe'], { Image: 'progA.exe' })).toBe(true);
    expect(matches('Image', [], ['prog?.exe'], { Image: 'progB.exe' })).toBe(true);
    expect(matches('Image', [], ['antivirus_V*.exe'], { Image: 'antivirus_V1.exe' })).toBe(true);
    expect(matches('Image', [], ['antivirus_V*.exe'], { Image: 'antivirus_V21.2.1.exe' })).toBe(true);
  });
  test('Maps: EventID 517 or 1102; quoted hex values stay strings', () => {
    expect(matches('EventID', [], [517, 1102], { EventID: 1102 })).toBe(true);
    expect(matches('TicketOptions', [], ['0x40810000'], { TicketOptions: '0x40810000' })).toBe(true);
    expect(matches('TicketEncryption', [], ['0x17'], { TicketEncryption: '0x23' })).toBe(false);
  });
  test('Lists: EVILSERVICE or "svchost.exe -n evil" over the whole event', () => {
    const item = compile(null, [], ['EVILSERVICE', 'svchost.exe -n evil']);
    expect(item.test({ Message: 'service EvilService installed' })).not.toBeNull();
    expect(item.test({ CommandLine: 'C:\\svchost.exe -n evil' })).not.toBeNull();
    expect(item.test({ Message: 'svchost.exe -k netsvcs' })).toBeNull();
  });
  test('Special Field Values: PasswordLastSet null and empty', () => {
    expect(matches('PasswordLastSet', [], [null], { EventID: 4738 })).toBe(true);
    expect(matches('PasswordLastSet', [], [null], { PasswordLastSet: '%%1794' })).toBe(false);
    expect(matches('FieldB', [], [''], { FieldB: '' })).toBe(true);
  });
  test('Field Existence: PasswordLastSet|exists: true', () => {
    expect(matches('PasswordLastSet', ['exists'], [true], { PasswordLastSet: '-' })).toBe(true);
    expect(matches('PasswordLastSet', ['exists'], [true], { EventID: 4738 })).toBe(false);
  });
  test('Placeholders: %name% literal without expand, \\%plain%name% with it', () => {
    expect(matches('F', [], ['%name%'], { F: '%name%' })).toBe(true);
    expect(matches('F', ['expand'], ['%name%'], { F: 'X' }, { placeholders: { name: ['x'] } })).toBe(true);
    expect(matches('F', ['expand'], ['\\%plain%name%'], { F: '%plainx' }, { placeholders: { name: ['x'] } })).toBe(true);
  });
  test('cidr: DestinationIp|cidr: 10.0.0.0/8', () => {
    expect(matches('DestinationIp', ['cidr'], ['10.0.0.0/8'], { DestinationIp: '10.1.2.3' })).toBe(true);
  });
});
