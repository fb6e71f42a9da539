// Pure reader tests: JSON lines, JSON arrays and concatenated (evtx_dump) objects, fed in every chunking.
import { describe, expect, it } from 'vitest';
import {
  EventParser,
  detectFormat,
  parseEvents,
  readEvents,
  type EventParserOptions,
  type InputProblem,
  type InputRecord,
} from '../../engine/input/index.js';

/** Parses `text` fed in chunks of `size` characters; returns records, problems and the parser. */
function parseChunked(text: string, size: number, options: Partial<EventParserOptions> = {}) {
  const problems: InputProblem[] = [];
  const parser = new EventParser({ file: 'in.json', ...options, onProblem: (p) => problems.push(p) });
  const records: InputRecord[] = [];
  for (let i = 0; i < text.length; i += size) records.push(...parser.push(text.slice(i, i + size)));
  records.push(...parser.end());
  return { records, problems, parser };
}

/** Same result whatever the chunk size. */
function parseAllChunkings(text: string, options: Partial<EventParserOptions> = {}) {
  const whole = parseChunked(text, text.length || 1, options);
  for (const size of [1, 2, 3, 7, 64]) {
    const r = parseChunked(text, size, options);
    expect(r.records).toEqual(whole.records);
    expect(r.problems).toEqual(whole.problems);
    expect(r.parser.stats).toEqual(whole.parser.stats);
  }
  return whole;
}

describe('JSON lines', () => {
  it('reads CRLF lines, skips a BOM and blank lines, numbers lines from 1', () => {
    const text = '\uFEFF{"a":1}\r\n\r\n  \r\n{"b":{"c":"x"}}\r\n{"d":"y"}';
    const { records, problems, parser } = parseAllChunkings(text);
    expect(parser.format).toBe('jsonl');
    expect(problems).toEqual([]);
    expect(records).toEqual([
      { event: { a: 1 }, source: { file: 'in.json', line: 1 } },
      { event: { b: { c: 'x' } }, source: { file: 'in.json', line: 4 } },
      { event: { d: 'y' }, source: { file: 'in.json', line: 5 } },
    ]);
    expect(parser.stats).toEqual({ events: 3, malformed: 0, blank: 2, lines: 5 });
  });

  it('reports malformed and non-object lines with their numbers, skips them and goes on', () => {
    const text = ['{"ok":1}', '{"broken":', '[1,2]', '42', 'null', '"str"', '{"ok":2}', ''].join('\n');
    const { records, problems, parser } = parseAllChunkings(text);
    expect(records.map((r) => r.source.line)).toEqual([1, 7]);
    expect(problems.map((p) => [p.code, p.line, p.file])).toEqual([
      ['MALFORMED_EVENT', 2, 'in.json'],
      ['MALFORMED_EVENT', 3, 'in.json'],
      ['MALFORMED_EVENT', 4, 'in.json'],
      ['MALFORMED_EVENT', 5, 'in.json'],
      ['MALFORMED_EVENT', 6, 'in.json'],
    ]);
    expect(parser.stats.malformed).toBe(5);
    expect(parser.stats.events).toBe(2);
  });

  it('skips a line over the cap with a clear error and keeps reading', () => {
    const huge = `{"x":"${'A'.repeat(5000)}"}`;
    const text = `{"a":1}\n${huge}\n{"b":2}\n${huge}`;
    const { records, problems } = parseAllChunkings(text, { maxRecordChars: 1000 });
    expect(records.map((r) => r.event)).toEqual([{ a: 1 }, { b: 2 }]);
    expect(problems.map((p) => p.line)).toEqual([2, 4]);
    expect(problems[0].message).toMatch(/longer than 1000/);
  });

  it('reads a long line under the cap whole', () => {
    const long = 'B'.repeat(200_000);
    const { records } = parseChunked(`{"x":"${long}"}\n`, 4096);
    expect(records[0].event).toEqual({ x: long });
  });

  it('flattens one-line evtx objects too', () => {
    const line = JSON.stringify({ Event: { System: { EventID: 1 }, EventData: { Image: 'C:\\a.exe' } } });
    const { records } = parseEvents(`${line}\n`, { file: 'x' });
    expect(records[0].event).toEqual({ EventID: 1, Image: 'C:\\a.exe' });
  });
});

describe('JSON array', () => {
  it('streams the elements, with record indexes and lines, and reports non-objects', () => {
    const text = '[\n  {"a": "x,]}"},\n  {"b": [1, {"c": "\\"}"}]},\n  7,\n  "s]",\n  [1],\n  {"d": 1}\n]\n';
    const { records, problems, parser } = parseAllChunkings(text);
    expect(parser.format).toBe('json');
    expect(records).toEqual([
      { event: { a: 'x,]}' }, source: { file: 'in.json', record: 0, line: 2 } },
      { event: { b: [1, { c: '"}' }] }, source: { file: 'in.json', record: 1, line: 3 } },
      { event: { d: 1 }, source: { file: 'in.json', record: 5, line: 7 } },
    ]);
    expect(problems.map((p) => [p.record, p.line, p.path])).toEqual([
      [2, 4, 'record 2'],
      [3, 5, 'record 3'],
      [4, 6, 'record 4'],
    ]);
    expect(parser.stats).toMatchObject({ events: 3, malformed: 3 });
  });

  it('reports invalid JSON inside an element and a truncated array', () => {
    const text = '[{"a":1},{"b":tru},{"c":3},{"d":';
    const { records, problems } = parseAllChunkings(text);
    expect(records.map((r) => r.event)).toEqual([{ a: 1 }, { c: 3 }]);
    expect(problems.map((p) => [p.record, p.severity])).toEqual([
      [1, 'error'],
      [3, 'error'],
    ]);
    expect(problems[1].message).toMatch(/not terminated/);
  });

  it('streams a large array without holding more than one element', () => {
    const n = 5000;
    const parts = ['['];
    for (let i = 0; i < n; i++) parts.push(`${i ? ',' : ''}{"i":${i},"pad":"${'p'.repeat(50)}"}`);
    parts.push(']');
    const parser = new EventParser({ file: 'big', maxRecordChars: 200 });
    let count = 0;
    for (const part of parts) count += parser.push(part).length;
    count += parser.end().length;
    expect(count).toBe(n);
    expect(parser.stats.malformed).toBe(0);
  });
});

const evtxObject = (id: number, image: string) =>
  JSON.stringify(
    {
      Event: {
        '#attributes': { xmlns: 'http://schemas.microsoft.com/win/2004/08/events/event' },
        System: { Provider: { '#attributes': { Name: 'Microsoft-Windows-Sysmon' } }, EventID: id, Channel: 'Microsoft-Windows-Sysmon/Operational' },
        EventData: { Image: image, CommandLine: 'cmd /c "echo {"' },
      },
    },
    null,
    2,
  );

describe('concatenated pretty-printed objects (evtx_dump -o json)', () => {
  it('splits objects with braces and quotes inside strings, skips Record headers', () => {
    const text = `Record 1\n${evtxObject(1, 'C:\\x\\{a}.exe')}\nRecord 2\n${evtxObject(3, 'C:\\"}"')}\n`;
    const { records, problems, parser } = parseAllChunkings(text);
    expect(parser.format).toBe('evtx-json');
    expect(problems).toEqual([]);
    expect(records.map((r) => r.event)).toEqual([
      { Provider_Name: 'Microsoft-Windows-Sysmon', EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational', Image: 'C:\\x\\{a}.exe', CommandLine: 'cmd /c "echo {"' },
      { Provider_Name: 'Microsoft-Windows-Sysmon', EventID: 3, Channel: 'Microsoft-Windows-Sysmon/Operational', Image: 'C:\\"}"', CommandLine: 'cmd /c "echo {"' },
    ]);
    expect(records.map((r) => [r.source.record, r.source.line])).toEqual([
      [0, 2],
      [1, 23],
    ]);
  });

  it('reads CRLF evtx_dump output with a BOM the same way', () => {
    const lf = `Record 1\n${evtxObject(1, 'a')}\nRecord 2\n${evtxObject(2, 'b')}\n`;
    const crlf = `\uFEFF${lf.replace(/\n/g, '\r\n')}`;
    const a = parseAllChunkings(lf);
    const b = parseAllChunkings(crlf);
    expect(b.problems).toEqual([]);
    expect(b.records).toEqual(a.records);
  });

  it('reports stray text and a bad object by line, and goes on', () => {
    const text = `${evtxObject(1, 'a')}\ngarbage here\n{\n  "x": nope\n}\n${evtxObject(2, 'b')}`;
    const { records, problems } = parseAllChunkings(text);
    expect(records.map((r) => r.event.EventID)).toEqual([1, 2]);
    expect(problems.map((p) => [p.line, p.record])).toEqual([
      [21, undefined],
      [22, 1],
    ]);
  });

  it('resynchronises after a truncated object at the next top-level `{` or Record header', () => {
    const truncated = evtxObject(9, 'cut').split('\n').slice(0, 12).join('\n');
    const text = `${evtxObject(1, 'a')}\n${truncated}\n${evtxObject(2, 'b')}\n${truncated.replace('"Image": "cut', '"Image": "unterminated string')}\nRecord 7\n${evtxObject(3, 'c')}\n`;
    const { records, problems } = parseAllChunkings(text);
    expect(records.map((r) => r.event.EventID)).toEqual([1, 2, 3]);
    expect(records.map((r) => r.source.record)).toEqual([0, 2, 4]);
    expect(problems.map((p) => [p.record, p.line])).toEqual([
      [1, 21],
      [3, 53],
    ]);
  });

  it('caps a record that never closes and resumes after it', () => {
    const big = `{"a":"${'z'.repeat(3000)}"}`;
    const text = `{"first": 1}\n${big}\n{"last": 2}\n`;
    const { records, problems } = parseAllChunkings(text, { format: 'evtx-json', maxRecordChars: 500 });
    expect(records.map((r) => r.event)).toEqual([{ first: 1 }, { last: 2 }]);
    expect(problems.map((p) => [p.record, p.line])).toEqual([[1, 2]]);
  });
});

describe('format detection', () => {
  it.each([
    ['{"a":1}\n{"b":2}', 'jsonl'],
    ['\n\n  {"a":1}\n', 'jsonl'],
    ['[{"a":1}]', 'json'],
    ['  [\n', 'json'],
    ['{\n  "a": 1\n}', 'evtx-json'],
    ['Record 12\n{', 'evtx-json'],
    ['hello\n', 'jsonl'],
    ['{"Event": {\n', 'evtx-json'],
    ['{"a": 1,\n  "b": 2}', 'evtx-json'],
    ['{"broken": "line\n{"a":1}\n', 'jsonl'],
  ])('%j -> %s', (text, format) => {
    expect(detectFormat(text, true)).toBe(format);
  });

  it('waits for the first complete line before deciding', () => {
    expect(detectFormat('{"a":', false)).toBeUndefined();
    expect(detectFormat('   ', false)).toBeUndefined();
    expect(detectFormat('', true)).toBe('jsonl');
    expect(detectFormat('\n'.repeat(70_000), false)).toBe('jsonl'); // bounded wait on blank input
  });

  it('a forced format wins over detection', () => {
    const { records, parser } = parseEvents('{"a":1}\n{"b":2}\n', { file: 'f', format: 'evtx-json' });
    expect(parser.format).toBe('evtx-json');
    expect(records.map((r) => r.source)).toEqual([
      { file: 'f', record: 0, line: 1 },
      { file: 'f', record: 1, line: 2 },
    ]);
  });
});

describe('readEvents', () => {
  it('decodes UTF-8 split across byte chunks', async () => {
    const bytes = new TextEncoder().encode('\uFEFF{"user":"Zoë 漢字 🙂"}\n{"n":2}\n');
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i++) chunks.push(bytes.subarray(i, i + 1));
    const out: InputRecord[] = [];
    for await (const r of readEvents(chunks, { file: 'u' })) out.push(r);
    expect(out.map((r) => r.event)).toEqual([{ user: 'Zoë 漢字 🙂' }, { n: 2 }]);
  });

  it('reads empty input as no events and no problems', async () => {
    const parser = new EventParser({ file: 'e' });
    const out: InputRecord[] = [];
    for await (const r of readEvents([], { file: 'e' }, parser)) out.push(r);
    expect(out).toEqual([]);
    expect(parser.stats).toMatchObject({ events: 0, malformed: 0 });
  });
});
