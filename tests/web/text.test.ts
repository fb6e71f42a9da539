// The console's pure helpers: visible control characters, matched-field detection, report cleaning.
import { describe, expect, it } from 'vitest';
import { shown, formatTime } from '../../web/src/ui.js';
import { matchedFields } from '../../web/src/pages/alert-detail.js';
import { cleanReport } from '../../web/src/pages/report-editor.js';
import { emptyReport } from '../../server/contract/report.js';

describe('shown', () => {
  it.each([
    ['\u001b[31mRED\u001b[0m', '\\u001b[31mRED\\u001b[0m'],
    ['evil\u202Etxt.exe', 'evil\\u202etxt.exe'],
    ['zero\u200Bwidth', 'zero\\u200bwidth'],
    ['bell\u0007', 'bell\\u0007'],
    ['line\nbreak\ttab', 'line\nbreak\ttab'],
    ['<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>'],
    [null, '-'],
  ])('%j -> %j', (input, out) => {
    expect(shown(input)).toBe(out);
  });
});

describe('formatTime', () => {
  it('formats ISO times in UTC and keeps what does not parse', () => {
    expect(formatTime('2024-03-05T14:03:10.000Z')).toBe('2024-03-05 14:03:10 UTC');
    expect(formatTime('yesterday')).toBe('yesterday');
    expect(formatTime(null)).toBe('-');
  });
});

describe('matchedFields', () => {
  const data = { Image: 'C:\\x.exe', CommandLine: 'x', ParentImage: 'y', 'a.b': 1 };
  it('finds the fields the summary names as whole words only', () => {
    expect([...matchedFields("selection: Image endswith '\\x.exe' (C:\\x.exe)", data)]).toEqual(['Image']);
    expect([...matchedFields('sel: ParentImage contains y, CommandLine contains x', data)].sort()).toEqual(['CommandLine', 'ParentImage']);
    expect([...matchedFields('sel: a.b equals 1', data)]).toEqual(['a.b']);
    expect([...matchedFields('keywords matched', data)]).toEqual([]);
  });
});

describe('cleanReport', () => {
  it('drops blank list lines, empty indicators and incomplete timeline rows; trims', () => {
    const r = cleanReport({
      ...emptyReport(),
      affectedHosts: ['ws1', '', '  ws2 '],
      indicators: [{ type: 'ip', value: ' 10.0.0.1 ', note: ' ' }, { type: 'domain', value: '' }],
      timeline: [{ time: '2024-03-05T14:03Z', description: 'x' }, { time: '', description: 'no time' }],
    });
    expect(r.affectedHosts).toEqual(['ws1', 'ws2']);
    expect(r.indicators).toEqual([{ type: 'ip', value: '10.0.0.1' }]);
    expect(r.timeline).toEqual([{ time: '2024-03-05T14:03Z', description: 'x' }]);
  });
});
