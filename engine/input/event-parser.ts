// Incremental event reader: text chunks in, flat events out, with bounded memory.
// Pure TypeScript (no node:*): the CLI feeds it file chunks, the browser can feed it pasted text.
import type { Diagnostic, EventSource, SigmaEvent } from '../api.js';
import { diag } from '../diagnostics.js';
import { flattenEvtx, isEvtxRecord, isPlainObject } from './evtx-flatten.js';
import { detectFormat, isSpace, type InputFormat, type InputFormatOption } from './format.js';

/** One event read from input, with where it came from. */
export interface InputRecord {
  event: SigmaEvent;
  /**
   * JSON lines: `line` (1-based). JSON arrays and concatenated objects: `record` (0-based index of
   * the value in the file, malformed ones included) and `line` where the value starts.
   */
  source: EventSource;
}

/** A malformed line or record (code MALFORMED_EVENT); `record` is set for arrays / concatenated objects. */
export interface InputProblem extends Diagnostic {
  record?: number;
}

export interface InputStats {
  /** Events produced. */
  events: number;
  /** Lines or records skipped as malformed (each reported once through `onProblem`). */
  malformed: number;
  /** Blank lines skipped (JSON lines only): neither events nor errors. */
  blank: number;
  /** Lines seen so far (1 + newlines, once any text arrived). */
  lines: number;
}

export interface EventParserOptions {
  /** Name used in sources and problems (the path as given by the user, or "<stdin>"). */
  file: string;
  /** Container format; `auto` (default) detects it from the first line. */
  format?: InputFormatOption;
  /** Longest line (JSON lines) or record (arrays, concatenated objects) kept, in characters. Default 16 Mi. */
  maxRecordChars?: number;
  /** Called for each malformed line or record; the reader skips it and goes on. */
  onProblem?: (problem: InputProblem) => void;
}

export const DEFAULT_MAX_RECORD_CHARS = 16 * 1024 * 1024;

type ValueKind = 'object' | 'array' | 'scalar' | 'junk';

/**
 * Reads JSON lines, a JSON array of objects (streamed element by element) or concatenated,
 * pretty-printed objects (`evtx_dump -o json`, including its `Record N` header lines).
 * Objects shaped `{"Event":{"System":..}}` are flattened to Sigma field names. Feed text with
 * `push` (any chunking, a BOM at the start is ignored) and finish with `end`; both return the
 * events completed so far. Malformed input is reported through `onProblem`, never thrown.
 */
export class EventParser {
  readonly stats: InputStats = { events: 0, malformed: 0, blank: 0, lines: 0 };
  private readonly file: string;
  private readonly max: number;
  private readonly onProblem: (p: InputProblem) => void;
  private mode: InputFormat | undefined;
  private started = false;
  private pending = '';
  private out: InputRecord[] = [];
  private ended = false;

  // JSON lines state
  private tail = '';
  private tailTooLong = false;

  // structured scanner state
  private buf = '';
  private line = 1;
  private depth = 0;
  private inStr = false;
  private esc = false;
  private inArray = false;
  private kind: ValueKind | undefined;
  private valueStart = -1;
  private valueLine = 0;
  private valueTooLong = false;
  private record = 0;
  /** A newline was just seen inside a top-level object (see the resynchronisation in pushStructured). */
  private lineStart = false;

  constructor(options: EventParserOptions) {
    this.file = options.file;
    this.max = options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
    this.onProblem = options.onProblem ?? (() => {});
    if (options.format && options.format !== 'auto') this.mode = options.format;
  }

  /** The container format in use: as forced, or as detected (undefined until detection). */
  get format(): InputFormat | undefined {
    return this.mode;
  }

  push(text: string): InputRecord[] {
    if (this.ended) throw new Error('EventParser.push after end');
    if (text === '') return [];
    if (!this.started) {
      this.started = true;
      this.stats.lines = 1;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.out = [];
    if (this.mode === undefined) {
      this.pending += text;
      const detected = detectFormat(this.pending, false);
      if (detected === undefined) return this.out;
      this.mode = detected;
      text = this.pending;
      this.pending = '';
    }
    this.feed(text);
    return this.out;
  }

  end(): InputRecord[] {
    if (this.ended) return [];
    this.ended = true;
    this.out = [];
    if (this.mode === undefined) {
      this.mode = detectFormat(this.pending, true);
      this.feed(this.pending);
      this.pending = '';
    }
    if (this.mode === 'jsonl') this.endLines();
    else this.endStructured();
    return this.out;
  }

  private feed(text: string): void {
    if (this.mode === 'jsonl') this.pushLines(text);
    else this.pushStructured(text);
  }

  // ---- JSON lines -------------------------------------------------------------------------

  private pushLines(text: string): void {
    const buf = this.tail === '' ? text : this.tail + text;
    let start = 0;
    // The carried tail holds no newline: the first search starts after it (no rescans of a long line).
    let from = this.tail.length;
    for (;;) {
      const nl = buf.indexOf('\n', from);
      if (nl < 0) break;
      this.stats.lines++;
      const lineNo = this.stats.lines - 1;
      if (this.tailTooLong) {
        this.tailTooLong = false;
        this.lineTooLong(lineNo);
      } else if (nl - start > this.max) {
        this.lineTooLong(lineNo);
      } else {
        this.handleLine(buf, start, nl, lineNo);
      }
      start = nl + 1;
      from = start;
    }
    if (this.tailTooLong || buf.length - start > this.max) {
      this.tailTooLong = true;
      this.tail = '';
    } else {
      this.tail = start === 0 ? buf : buf.slice(start);
    }
  }

  private endLines(): void {
    const lineNo = this.stats.lines;
    if (this.tailTooLong) this.lineTooLong(lineNo);
    else if (this.tail.length > this.max) this.lineTooLong(lineNo);
    else if (this.tail !== '') this.handleLine(this.tail, 0, this.tail.length, lineNo);
    this.tail = '';
    this.tailTooLong = false;
  }

  private lineTooLong(lineNo: number): void {
    this.problem(`line longer than ${this.max} characters, skipped`, { line: lineNo });
  }

  private handleLine(buf: string, start: number, end: number, lineNo: number): void {
    if (end > start && buf.charCodeAt(end - 1) === 0x0d) end--;
    const first = buf.charCodeAt(start);
    if (first !== 0x7b /* { */) {
      let i = start;
      while (i < end && isSpace(buf.charCodeAt(i))) i++;
      if (i === end) {
        this.stats.blank++;
        return;
      }
    }
    this.parseValue(buf.slice(start, end), { file: this.file, line: lineNo }, lineNo, undefined);
  }

  // ---- JSON array / concatenated objects ---------------------------------------------------

  private pushStructured(text: string): void {
    let buf = this.buf === '' ? text : this.buf + text;
    const n = buf.length;
    for (let i = this.buf.length; i < n; i++) {
      const c = buf.charCodeAt(i);
      if (c === 0x0a) {
        this.line++;
        if (this.kind === 'object' && !this.inArray) this.lineStart = true;
      } else if (this.lineStart) {
        this.lineStart = false;
        // Resynchronise after a broken top-level object: in concatenated pretty-printed output a
        // new object opens with `{` (or an evtx_dump `Record N` header) at column 0, while nested
        // values are indented; raw newlines are not valid inside strings.
        if (this.kind === 'object' && (c === 0x7b || c === 0x52 /* R */)) {
          const record = this.record++;
          this.problem(`record starting at line ${this.valueLine} not terminated before line ${this.line}, skipped`, { line: this.valueLine, record });
          this.kind = undefined;
          this.valueStart = -1;
          this.valueTooLong = false;
          this.depth = 0;
          this.inStr = false;
          this.esc = false;
        }
      }
      const kind = this.kind;
      if (kind === 'junk') {
        if (c === 0x0a) this.endJunk(buf, i);
        continue;
      }
      if (this.inStr) {
        if (this.esc) this.esc = false;
        else if (c === 0x5c /* \ */) this.esc = true;
        else if (c === 0x22 /* " */) this.inStr = false;
        else if (c !== 0x0a) i = skipRun(STRING_RUN, buf, i);
        continue;
      }
      if (kind !== undefined) {
        if (kind === 'scalar') {
          if (c === 0x2c /* , */ || c === 0x5d /* ] */ || isSpace(c)) {
            this.emitValue(buf, i);
            if (c === 0x5d) this.inArray = false;
          } else if (c === 0x22) this.inStr = true;
          continue;
        }
        if (c === 0x22) this.inStr = true;
        else if (c === 0x7b || c === 0x5b) this.depth++;
        else if (c === 0x7d || c === 0x5d) {
          if (--this.depth === 0) this.emitValue(buf, i + 1);
        } else if (c !== 0x0a) i = skipRun(STRUCTURE_RUN, buf, i);
        continue;
      }
      // between values
      if (isSpace(c)) continue;
      if (c === 0x7b /* { */) {
        this.startValue('object', i);
        this.depth = 1;
      } else if (this.inArray) {
        if (c === 0x2c) continue;
        if (c === 0x5d) {
          this.inArray = false;
          continue;
        }
        if (c === 0x5b) {
          this.startValue('array', i);
          this.depth = 1;
        } else {
          this.startValue('scalar', i);
          if (c === 0x22) this.inStr = true;
        }
      } else if (c === 0x5b /* [ */) {
        this.inArray = true;
      } else {
        this.startValue('junk', i);
      }
    }
    // Keep only the value in progress; drop it (and remember) when it grows past the cap.
    let keepFrom = n;
    if (this.kind !== undefined && this.valueStart >= 0) {
      if (n - this.valueStart > this.max) {
        this.valueTooLong = true;
        this.valueStart = -1;
      } else {
        keepFrom = this.valueStart;
        this.valueStart = 0;
      }
    }
    buf = keepFrom === n ? '' : buf.slice(keepFrom);
    this.buf = buf;
  }

  private startValue(kind: ValueKind, i: number): void {
    this.lineStart = false;
    this.kind = kind;
    this.valueStart = i;
    this.valueLine = this.line;
    this.valueTooLong = false;
  }

  /** A value (object, array element) ends just before `end`. */
  private emitValue(buf: string, end: number): void {
    const record = this.record++;
    const line = this.valueLine;
    const tooLong = this.valueTooLong || end - this.valueStart > this.max;
    const text = tooLong ? '' : buf.slice(this.valueStart, end);
    this.kind = undefined;
    this.valueStart = -1;
    this.valueTooLong = false;
    this.depth = 0;
    if (tooLong) {
      this.problem(`record longer than ${this.max} characters, skipped`, { line, record });
      return;
    }
    this.parseValue(text, { file: this.file, record, line }, line, record);
  }

  /** Text outside any value: evtx_dump's `Record N` headers are skipped, anything else reported. */
  private endJunk(buf: string, end: number): void {
    const text = this.valueStart >= 0 ? buf.slice(this.valueStart, end).trim() : '';
    const line = this.valueLine;
    const tooLong = this.valueTooLong;
    this.kind = undefined;
    this.valueStart = -1;
    this.valueTooLong = false;
    if (!tooLong && /^Record \d+$/.test(text)) return;
    this.problem(`unexpected text outside a JSON object: ${preview(text)}`, { line });
  }

  private endStructured(): void {
    const buf = this.buf;
    if (this.kind === 'junk') this.endJunk(buf, buf.length);
    else if (this.kind === 'scalar' && !this.inStr) this.emitValue(buf, buf.length);
    else if (this.kind !== undefined) {
      const record = this.record++;
      this.problem('record not terminated at end of input (truncated file?), skipped', { line: this.valueLine, record });
    } else if (this.inArray) {
      this.onProblem({
        ...diag('MALFORMED_EVENT', 'warning', 'JSON array not closed at end of input (truncated file?)', {
          file: this.file,
          path: '',
          line: this.line,
        }),
      });
    }
    this.kind = undefined;
    this.buf = '';
  }

  // ---- common -------------------------------------------------------------------------------

  private parseValue(text: string, source: EventSource, line: number, record: number | undefined): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      this.problem(`invalid JSON: ${preview(err instanceof Error ? err.message : String(err))}`, { line, record });
      return;
    }
    if (!isPlainObject(value)) {
      const what = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
      this.problem(`not a JSON object (${what})`, { line, record });
      return;
    }
    const event = isEvtxRecord(value) ? flattenEvtx(value) : value;
    this.stats.events++;
    this.out.push({ event, source });
  }

  private problem(message: string, where: { line?: number; record?: number }): void {
    this.stats.malformed++;
    const p: InputProblem = diag('MALFORMED_EVENT', 'error', message, {
      file: this.file,
      path: where.record !== undefined ? `record ${where.record}` : `line ${where.line}`,
      line: where.line,
    });
    if (where.record !== undefined) p.record = where.record;
    this.onProblem(p);
  }
}

// Runs of characters the scanner has nothing to do with (sticky regexes skip them much faster than
// a character loop): inside a string, anything but a quote, a backslash or a newline; inside an
// object or array, anything but a quote, a bracket or a newline.
const STRING_RUN = /[^"\\\n]*/y;
const STRUCTURE_RUN = /[^"{}[\]\n]*/y;

/** Index of the last character of the run starting after `i` (the loop's i++ then lands on the next special one). */
function skipRun(run: RegExp, buf: string, i: number): number {
  run.lastIndex = i + 1;
  run.test(buf);
  return run.lastIndex - 1;
}

/** At most 120 characters of attacker-controlled text for a message. */
function preview(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
