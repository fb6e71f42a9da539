// Command-line helpers: terminal escaping, safe JSON, diagnostics lines, buffered output with backpressure.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../cli/lib/format-diagnostic.js';
import { alertTextBlock, eventHost, eventUser } from '../../cli/lib/format-alert.js';
import { OutputWriter } from '../../cli/lib/output-writer.js';
import { escapeForTerminal, safeJsonStringify } from '../../cli/lib/terminal-text.js';
import type { Alert } from '../../engine/api.js';

describe('escapeForTerminal', () => {
  it.each([
    ['plain C:\\Windows\\cmd.exe <b>', 'plain C:\\Windows\\cmd.exe <b>'],
    ['\u001b[31mred\u001b[0m', '\\x1b[31mred\\x1b[0m'],
    ['a\nb\r\tc', 'a\\nb\\r\\tc'],
    ['\u0000\u0007\u007f', '\\x00\\x07\\x7f'],
    ['csi\u009b2J', 'csi\\x9b2J'],
    ['evil\u202eexe.txt\u2066', 'evil\\u202eexe.txt\\u2066'],
    ['line\u2028sep', 'line\\u2028sep'],
    ['Zoë 漢字 🙂', 'Zoë 漢字 🙂'],
  ])('%j -> %j', (input, output) => {
    expect(escapeForTerminal(input)).toBe(output);
  });
});

describe('safeJsonStringify', () => {
  it('escapes C1 and bidi controls and stays JSON that round-trips', () => {
    const value = { s: '\u001b[2J\u009b\u202e\u2028ok' };
    const text = safeJsonStringify(value);
    expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u202e]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('formatDiagnostic', () => {
  it('renders file:line: severity CODE path: message (hint), escaped', () => {
    expect(
      formatDiagnostic({ code: 'UNKNOWN_MODIFIER', severity: 'error', message: 'no such modifier "endswth"', file: 'r.yml', path: 'detection.sel.Image|endswth', line: 7, hint: 'did you mean endswith?' }),
    ).toBe('r.yml:7: error UNKNOWN_MODIFIER detection.sel.Image|endswth: no such modifier "endswth" (did you mean endswith?)');
    expect(formatDiagnostic({ code: 'MALFORMED_EVENT', severity: 'error', message: 'bad \u001b', file: 'x', path: '' })).toBe('x: error MALFORMED_EVENT: bad \\x1b');
  });
});

describe('alert text', () => {
  const alert: Alert = {
    rule: { id: 'r1', title: 'T\u001b', level: 'high', tags: ['attack.t1'] },
    timestamp: null,
    event: { SubjectUserName: 'bob', SubjectDomainName: 'CORP', host: { name: 'h1' } },
    match: { condition: 'sel', selections: [], summary: 'sel: x' },
    source: { file: 'f.json', record: 3, line: 40 },
  };

  it('shows host and user from common fields, and escapes the title', () => {
    expect(eventHost(alert.event)).toBe('h1');
    expect(eventUser(alert.event)).toBe('CORP\\bob');
    const text = alertTextBlock(alert, false);
    expect(text).toContain('(no time)  HIGH  T\\x1b');
    expect(text).toContain('host: h1  user: CORP\\bob');
    expect(text).toContain('event: f.json record 3 (line 40)');
  });
});

/** A writable that accepts a few bytes, then holds writes until released (a slow terminal or pipe). */
class SlowSink extends Writable {
  chunks: string[] = [];
  private held: (() => void)[] = [];
  constructor() {
    super({ highWaterMark: 8, decodeStrings: false });
  }
  override _write(chunk: string, _enc: BufferEncoding, done: () => void): void {
    this.chunks.push(chunk);
    this.held.push(done);
  }
  release(): void {
    const held = this.held;
    this.held = [];
    for (const done of held) done();
  }
}

describe('OutputWriter', () => {
  it('buffers small writes and waits for drain when the stream is full', async () => {
    const sink = new SlowSink();
    const writer = new OutputWriter(sink, 10);
    expect(writer.write('abc')).toBeUndefined(); // buffered
    expect(sink.chunks).toEqual([]);
    const pending = writer.write('defghijkl'); // crosses 10 chars: flushed, stream full
    expect(pending).toBeInstanceOf(Promise);
    let resolved = false;
    void pending!.then(() => (resolved = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(resolved).toBe(false);
    sink.release();
    await pending;
    expect(sink.chunks).toEqual(['abcdefghijkl']);
    writer.write('tail');
    const flushed = writer.flush();
    sink.release();
    await flushed;
    sink.release();
    expect(sink.chunks.join('')).toBe('abcdefghijkltail');
  });

  it('marks itself closed on EPIPE and drops further output quietly', async () => {
    const sink = new Writable({
      write(_chunk, _enc, done) {
        const err = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
        done(err);
      },
    });
    const writer = new OutputWriter(sink, 1);
    await writer.write('x');
    await new Promise((r) => setTimeout(r, 10));
    expect(writer.closed).toBe(true);
    expect(writer.error).toBeUndefined();
    expect(writer.write('more')).toBeUndefined();
  });
});
