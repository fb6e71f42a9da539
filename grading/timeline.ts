// Timeline facts: a report's time-stamped entries (structured entries, or lines of a plain report,
// one entry per time written) matched against the key's steps by time (within tolerance) and wording.
import type { FactOf } from '../datasets/answer-key-schema.js';
import { findTimes, parseTime, type TimeContext } from './normalise/time.js';
import { evidenceOf, type Claim, type ReportDoc } from './report-doc.js';
import { termGroups } from './terms.js';
import type { TextUnit } from './text.js';
import type { Evidence, FactStatus } from './types.js';

export interface TimelineMatch {
  status: FactStatus;
  evidence: Evidence[];
  note?: string;
  /** Index of the report entry that matched (for ordering checks). */
  entryIndex?: number;
}

export interface TimelineEntry {
  index: number;
  unit: Claim;
  /** Description text to test terms against (the line without its time, for text reports). */
  description: TextUnit;
  timeMs: number | null;
  timeEvidence?: Evidence;
}

/** Time-stamped entries of a report, in report order. */
export function timelineEntries(doc: ReportDoc, ctx: TimeContext): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  if (doc.kind === 'structured') {
    doc.timeline.forEach((c, index) => {
      const t = c.time !== undefined ? parseTime(c.time, ctx) : null;
      const e: TimelineEntry = { index, unit: c, description: c, timeMs: t ? t.ms : null };
      if (t && c.time !== undefined && c.timeField) e.timeEvidence = { field: c.timeField, text: c.time, start: 0, end: c.time.length };
      out.push(e);
    });
    return out;
  }
  // plain text: lines of the timeline section, else every line that carries a time; a line with
  // several times ("at 15:20 ... then at 15:31 ...") is one entry per time
  const pool: TextUnit[] = doc.timeline.length ? doc.timeline : dedupeLines(doc.sentences);
  for (const unit of pool) {
    const times = findTimes(unit.text, ctx);
    if (!times.length) {
      if (doc.timeline.length) out.push({ index: out.length, unit, description: unit, timeMs: null });
      continue;
    }
    times.forEach((t, i) => {
      const from = i === 0 ? 0 : t.start;
      const to = i + 1 < times.length ? times[i + 1].start : unit.text.length;
      const piece: TextUnit = { ...unit, text: unit.text.slice(from, to), offset: unit.offset + from };
      out.push({ index: out.length, unit: piece, description: piece, timeMs: t.ms, timeEvidence: evidenceOf(unit, t.start, t.end) });
    });
  }
  return out;
}

function dedupeLines(units: TextUnit[]): TextUnit[] {
  // whole lines, rebuilt from sentences
  const byLine = new Map<number, TextUnit>();
  for (const u of units) {
    if (u.line === undefined) continue;
    const prev = byLine.get(u.line);
    if (!prev) byLine.set(u.line, { ...u });
    else prev.text = prev.text + ' '.repeat(Math.max(0, u.offset - (prev.offset + prev.text.length))) + u.text;
  }
  return [...byLine.values()];
}

function minutes(ms: number): string {
  const m = Math.round(ms / 60_000);
  return m === 0 ? `${Math.round(ms / 1000)} s` : `${m} min`;
}

export function matchTimeline(fact: FactOf<'timeline'>, entries: TimelineEntry[]): TimelineMatch {
  const at = Date.parse(fact.time);
  const tol = fact.toleranceSeconds * 1000;
  let partial: TimelineMatch | null = null;
  let partialGap = Infinity;
  for (const e of entries) {
    const t = termGroups(e.description, fact.terms);
    const gap = e.timeMs === null ? Infinity : Math.abs(e.timeMs - at);
    const evidence = [...(e.timeEvidence ? [e.timeEvidence] : []), evidenceOf(e.unit)];
    if (t.matched === fact.terms.length && gap <= tol) return { status: 'found', evidence, entryIndex: e.index };
    if (t.matched > 0 && (gap <= tol || t.matched === fact.terms.length)) {
      const score = gap <= tol ? 0 : gap;
      if (score < partialGap) {
        partialGap = score;
        const note =
          gap <= tol
            ? 'right time, but the entry does not say all of it'
            : e.timeMs === null
              ? 'the step is described but its time is missing or unreadable'
              : `the step is described but its time is off by ${minutes(gap)} (tolerance ${minutes(tol)})`;
        partial = { status: 'partial', evidence, note, entryIndex: e.index };
      }
    }
  }
  return partial ?? { status: 'missing', evidence: [] };
}
