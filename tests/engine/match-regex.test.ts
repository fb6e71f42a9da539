// The conservative literal extracted from |re patterns (used to skip RE2 runs and by the rule
// prefilter): it must be contained in every match. Checked against V8's RegExp as an independent oracle.
import { describe, expect, test } from 'vitest';
import { compileItem } from '../../engine/match/index.js';
import { regexLiteral, regexMinLength, regexRequiredLiteral, unsafeConstruct } from '../../engine/match/regex.js';

describe('regexLiteral', () => {
  const rows: [string, boolean, string | null][] = [
    ['abc', false, 'abc'],
    ['^abc$', false, 'abc'],
    ['ab?c', false, null],
    ['abcd?ef', false, 'abc'],
    ['xy*zzz', false, 'zzz'],
    ['ab+cd', false, 'ab'],
    ['ab+cde', false, 'cde'],
    ['abc{0,3}de', false, 'ab'],
    ['abc{2}dex', false, 'abc'],
    ['ab{2}dex', false, 'dex'],
    ['foo|bar', false, null],
    ['(foo|bar)bazz', false, 'bazz'],
    ['[abc]defg', false, 'defg'],
    ['[]x]yz', false, 'yz'],
    ['\\.exe$', false, '.exe'],
    ['\\$PSHome\\[\\s*\\d{1,3}', false, '$PSHome['],
    ['\\d\\d\\w+', false, null],
    ['a.b.c', false, null],
    ['(?i)Hello', false, 'Hello'],
    ['Héllo world', true, 'llo world'],
    ['(?:abc)?de', false, 'de'],
    ['ab*?cd', false, 'cd'],
    ['x😀*yz', false, 'yz'],
    ['\\pLab', false, 'ab'],
    ['\\PLZZ', false, 'ZZ'],
    ['\\p{Greek}xy', false, 'xy'],
    ['\\x41BCD', false, 'BCD'],
    ['\\x{41}BC', false, 'BC'],
    ['\\101BC', false, 'BC'],
    ['\\Qa.b\\Ecd', false, 'cd'],
    ['\\d+\\.exe', false, '.exe'],
  ];
  test.each(rows)('%s (i=%s) -> %s', (pattern, i, expected) => {
    const r = regexLiteral(pattern, i);
    expect(r === null ? null : r.text).toBe(expected);
  });
  test('inline (?i) makes the literal case-insensitive', () => {
    expect(regexLiteral('(?i)abc', false)?.caseInsensitive).toBe(true);
    expect(regexLiteral('abc', false)?.caseInsensitive).toBe(false);
  });
  test('case-insensitive prefilter literal is cut at s and k', () => {
    expect(regexRequiredLiteral('PowerShell', true)).toBe('power');
    expect(regexRequiredLiteral('PowerShell', false)).toBe('powershell');
    expect(regexRequiredLiteral('ask', true)).toBe(null);
  });

  const oracle: [string, string[]][] = [
    ['ab?c', ['ac', 'abc', 'xabcx']],
    ['abcd?ef', ['abcef', 'abcdef']],
    ['xy*zzz', ['xzzz', 'xyyyzzz']],
    ['ab+cd', ['abcd', 'abbbcd']],
    ['abc{0,3}de', ['abde', 'abcccde']],
    ['(foo|bar)bazz', ['foobazz', 'barbazz']],
    ['\\$PSHome\\[\\s*\\d{1,3}', ['$PSHome[ 12', '$PSHome[1']],
    ['ab+cde', ['abcde', 'abbbbcde']],
    ['ab{2}dex', ['abbdex']],
    ['\\x41BCD', ['ABCD', 'xABCDx']],
    ['\\p{L}xy', ['axy', 'Zxy']],
    ['x😀*yz', ['xyz', 'x😀😀yz']],
  ];
  test.each(oracle)('%s: every V8 match contains the literal', (pattern, samples) => {
    const lit = regexLiteral(pattern, false);
    const v8 = new RegExp(pattern, 'u');
    for (const s of samples) {
      expect(v8.test(s), `${pattern} should match ${s}`).toBe(true);
      if (lit) expect(s.includes(lit.text), `${s} contains ${lit.text}`).toBe(true);
    }
  });
});

describe('regex items with the literal shortcut agree with the plain regex', () => {
  const cases: [string[], string, string, boolean][] = [
    [['re'], 'Invoke-[A-Z]\\w+', 'x Invoke-Mimikatz', true],
    [['re'], 'Invoke-[A-Z]\\w+', 'x invoke-Mimikatz', false],
    [['re', 'i'], 'Invoke-[A-Z]\\w+', 'x invoke-mimikatz', true],
    [['re'], '(?i)invoke-expression', 'INVOKE-EXPRESSION', true],
    [['re', 'i'], 'mask', 'MA\u017fK', true], // RE2 folds the long s into s
    [['re', 'i'], 'kilo', '\u212aILO', true], // and the Kelvin sign into k
    [['re'], 'abc', 'ABC', false],
  ];
  test.each(cases)('%j %s on %s', (mods, pattern, value, expected) => {
    const item = compileItem({ field: 'F', modifiers: mods, values: [pattern], path: 'p' }, { file: 'f' }).item!;
    expect(item.test({ F: value }) !== null).toBe(expected);
  });
});

describe('regexMinLength', () => {
  test.each([
    ['.{1000,}', 1000],
    ['(.){200,}', 200],
    ['[^/]{100,}$', 100],
    ['abc', 3],
    ['ab?c', 2],
    ['a*', 0],
    ['(ab|c)d', 2],
    ['ab|c', 1],
    ['(?i)abc', 3],
    ['(?:ab){3}', 6],
    ['(?P<n>ab)+', 2],
    ['\\d{4}-\\d{2}', 7],
    ['\\bword\\b', 4],
    ['^$', 0],
    ['\\p{L}\\x41', 2],
    ['a{2,5}?b', 3],
    ['x{,3}', 0],
  ])('%s -> %i', (pattern, min) => {
    expect(regexMinLength(pattern)).toBe(min);
  });
  test('a value shorter than any match is rejected without changing results', () => {
    const item = compileItem({ field: 'F', modifiers: ['re'], values: ['.{1000,}'], path: 'p' }, { file: 'f' }).item!;
    expect(item.test({ F: 'x'.repeat(999) })).toBeNull();
    expect(item.test({ F: 'x'.repeat(1000) })).not.toBeNull();
  });
});

describe('unsafeConstruct', () => {
  test.each([
    ['(a)\\1', 'backreference'],
    ['(?<n>a)\\k<n>', 'named backreference'],
    ['a(?=b)', 'lookaround'],
    ['a(?!b)', 'lookaround'],
    ['(?<=a)b', 'lookaround'],
    ['(?>a+)b', 'atomic group'],
    ['a++b', 'possessive'],
  ])('%s', (pattern, name) => {
    expect(unsafeConstruct(pattern)).toContain(name);
  });
  test.each(['a\\\\1', '(a+)+$', '[\\d]+'])('%s is safe', (pattern) => {
    expect(unsafeConstruct(pattern)).toBeNull();
  });
});
