// The streaming correlator: rule hits in (with their event, event time and source), correlation alerts
// out. It works on EVENT time only (never the wall clock), keeps per-group sliding windows, and bounds
// its memory. Semantics (see README.md in this folder):
// - A window is a closed interval of `timespan`: events at t and t + timespan are in one window.
// - Eager conditions (only gt/gte on counts, distinct counts, sums) fire as soon as some window ending
//   at an event holds; the contributing events are then consumed (the next alert needs new events).
// - Deferred conditions (lt, lte, eq, neq, ranges, averages, percentiles) are decided per tumbling
//   window opened by the group's first pending event, when event time has passed its end, or at flush().
// - An event older than (newest event time seen by that correlation - lateToleranceMs) is not correlated.
import type { Alert, Diagnostic, EventSource, Hit, RuleMeta, SigmaEvent } from '../api.js';
import { diag, type DiagnosticCode } from '../diagnostics.js';
import { eventTimestamp, toIsoTime } from '../input/timestamp.js';
import { getField, scalarText } from '../match/field-access.js';
import { comparisonText, testCondition } from './condition.js';
import type {
  CompiledCorrelation, ContributingEvent, CorrelationAlert, CorrelatorOptions, CorrelatorStats,
} from './types.js';

export const DEFAULT_MAX_GROUPS = 100_000;
export const DEFAULT_MAX_EVENTS_PER_GROUP = 10_000;
export const DEFAULT_LATE_TOLERANCE_MS = 60_000;
export const DEFAULT_MAX_EVENTS_PER_ALERT = 100;

/** One hit inside a group's window. */
interface Entry {
  t: number;
  /** ISO-8601 text of `t`, when known or once computed. */
  iso?: string;
  /** Index of the referenced rule in CompiledCorrelation.inputs. */
  input: number;
  /** value_count: distinct key; value_sum/avg: number; value_percentile: text. */
  value?: string | number;
  ruleId: string;
  event: SigmaEvent;
  source: EventSource;
  /** Detection events underneath, when the hit is an inner correlation's alert. */
  inner?: { events: ContributingEvent[]; count: number };
}

interface Group {
  key: string;
  values: Record<string, string>;
  /** Neighbours in the state's least-recently-updated list. */
  older: Group | null;
  newer: Group | null;
  entries: Entry[];
  /** Latest event time ever added (entries may have been consumed). */
  lastT: number;
}

/** What feeds a correlation: the hit's event, time, source, rule, and for chains the inner alert. */
interface Input {
  t: number;
  iso?: string;
  event: SigmaEvent;
  source: EventSource;
  ruleId: string;
  inner?: CorrelationAlert;
}

class CorrelationState {
  readonly groups = new Map<string, Group>();
  /**
   * Groups from least to most recently updated. A linked list, not Map re-insertion: a Map keeps
   * deleted slots until it rehashes, so walking it from the front after many re-insertions is O(n).
   */
  oldest: Group | null = null;
  newest: Group | null = null;

  unlink(g: Group): void {
    if (g.older) g.older.newer = g.newer;
    else this.oldest = g.newer;
    if (g.newer) g.newer.older = g.older;
    else this.newest = g.older;
    g.older = g.newer = null;
  }

  append(g: Group): void {
    g.older = this.newest;
    g.newer = null;
    if (this.newest) this.newest.newer = g;
    else this.oldest = g;
    this.newest = g;
  }

  remove(g: Group): void {
    this.unlink(g);
    this.groups.delete(g.key);
  }

  clear(): void {
    this.groups.clear();
    this.oldest = this.newest = null;
  }
  maxT = -Infinity;
  /** Per input: the event field read for each group-by name (aliases resolved). */
  readonly groupFields: string[][];
  readonly warned = new Set<DiagnosticCode>();
  /** Outer correlations this one feeds: [state, input index]. */
  readonly feeds: [CorrelationState, number][] = [];
  /** True when an outer correlation with generate: false consumes this one's alerts. */
  suppressed = false;

  constructor(readonly rule: CompiledCorrelation) {
    this.groupFields = rule.inputs.map((input) =>
      rule.groupBy.map((name) => {
        const perRule = rule.aliases.get(name);
        if (perRule) for (const key of input.keys) { const f = perRule.get(key); if (f !== undefined) return f; }
        return name;
      }));
  }
}

export class Correlator {
  readonly stats: CorrelatorStats = { accepted: 0, noTimestamp: 0, missingField: 0, late: 0, droppedGroups: 0, droppedEvents: 0, alerts: 0 };
  /** Run-time warnings (memory cap, late events, missing event times), each once per correlation rule. */
  readonly diagnostics: Diagnostic[] = [];
  private readonly states: CorrelationState[];
  private readonly byMeta = new Map<RuleMeta, [CorrelationState, number][]>();
  private readonly byId = new Map<string, [CorrelationState, number][]>();
  private readonly maxGroups: number;
  private readonly maxEventsPerGroup: number;
  private readonly tolerance: number;
  private readonly maxEventsPerAlert: number;

  /**
   * `isSuppressed`: correlations whose own alerts are not returned (they only feed outer ones); by
   * default those referenced by a generate: false correlation. CorrelationSet.createCorrelator passes
   * its own (which also knows the minimum level).
   */
  constructor(rules: readonly CompiledCorrelation[], options: CorrelatorOptions = {}, isSuppressed?: (meta: RuleMeta) => boolean) {
    this.maxGroups = Math.max(1, options.maxGroups ?? DEFAULT_MAX_GROUPS);
    this.maxEventsPerGroup = Math.max(1, options.maxEventsPerGroup ?? DEFAULT_MAX_EVENTS_PER_GROUP);
    this.tolerance = Math.max(0, options.lateToleranceMs ?? DEFAULT_LATE_TOLERANCE_MS);
    this.maxEventsPerAlert = Math.max(0, options.maxEventsPerAlert ?? DEFAULT_MAX_EVENTS_PER_ALERT);
    this.states = rules.map((r) => new CorrelationState(r));
    const stateOf = new Map(this.states.map((s) => [s.rule, s]));
    for (const state of this.states) {
      state.rule.inputs.forEach((input, i) => {
        if (input.kind === 'correlation') {
          const inner = stateOf.get(input.rule);
          if (!inner) return;
          inner.feeds.push([state, i]);
          if (isSuppressed ? isSuppressed(inner.rule.meta) : !state.rule.generate) inner.suppressed = true;
          return;
        }
        const list = this.byMeta.get(input.meta) ?? [];
        list.push([state, i]);
        this.byMeta.set(input.meta, list);
        const byId = this.byId.get(input.meta.id) ?? [];
        byId.push([state, i]);
        this.byId.set(input.meta.id, byId);
      });
    }
  }

  /** True when some correlation rule refers to the hit's rule (the hit is worth pushing). */
  wants(rule: Pick<RuleMeta, 'id'>): boolean {
    return this.byMeta.has(rule as RuleMeta) || this.byId.has(rule.id);
  }

  /**
   * Feeds one detection hit. `timestamp` is the event time: ISO-8601 text or epoch milliseconds
   * (null: the hit is not correlated). Returns the correlation alerts to emit now (those of
   * correlations consumed by a generate: false outer correlation are not returned). Never throws.
   */
  push(hit: Hit, event: SigmaEvent, timestamp: string | number | null, source: EventSource): CorrelationAlert[] {
    const targets = this.byMeta.get(hit.rule) ?? this.byId.get(hit.rule.id);
    if (!targets) return [];
    // Strings other than canonical ISO (e.g. "2024-05-01 10:00:00", zone offsets) go through the
    // input layer's reader, which takes zone-less times as UTC (Date.parse would take local time).
    let isoText: string | undefined;
    if (typeof timestamp === 'string') isoText = CANONICAL_ISO.test(timestamp) ? timestamp : (toIsoTime(timestamp) ?? undefined);
    const t = typeof timestamp === 'number' ? timestamp : isoText === undefined ? NaN : Date.parse(isoText);
    const out: CorrelationAlert[] = [];
    for (const [state, input] of targets) {
      if (!Number.isFinite(t)) {
        this.stats.noTimestamp++;
        this.warn(state, 'CORRELATION_NO_TIMESTAMP', `a hit of ${hit.rule.id} has no event time (TimeCreated, UtcTime, @timestamp, ...) and was not correlated`);
        continue;
      }
      try {
        this.feed(state, input, { t, iso: isoText, event, source, ruleId: hit.rule.id }, out);
      } catch (err) {
        // Not expected; a bug must not stop the scan: reported once per correlation rule.
        this.warn(state, 'MATCH_FAILED', () => `correlation failed on a hit (skipped): ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return out;
  }

  /**
   * Feeds a detection alert (the shape `soclab scan` and scan workers produce; its rule may be a copy
   * of the RuleMeta, matched by id). Same result as push().
   */
  pushAlert(alert: Alert): CorrelationAlert[] {
    return this.push({ rule: alert.rule as RuleMeta, match: alert.match }, alert.event, alert.timestamp, alert.source);
  }

  /** Feeds every hit of one event (its time read with eventTimestamp). */
  pushHits(hits: readonly Hit[], event: SigmaEvent, source: EventSource): CorrelationAlert[] {
    let timestamp: string | null | undefined;
    const out: CorrelationAlert[] = [];
    for (const hit of hits) {
      if (!this.wants(hit.rule)) continue;
      if (timestamp === undefined) timestamp = eventTimestamp(event);
      out.push(...this.push(hit, event, timestamp, source));
    }
    return out;
  }

  /**
   * End of input: decides every open deferred window (e.g. "fewer than 5 in 1h" groups) and clears
   * all state. Returns the alerts raised.
   */
  flush(): CorrelationAlert[] {
    const out: CorrelationAlert[] = [];
    // States are in dependency order: inner correlations flush (and feed outer ones) first.
    for (const state of this.states) {
      if (!state.rule.condition.eager) {
        for (const group of state.groups.values()) this.closeWindows(state, group, Infinity, out);
      }
      state.clear();
      state.maxT = -Infinity;
    }
    return out;
  }

  /** Open groups per correlation rule id (for monitoring and tests). */
  openGroups(): Record<string, number> {
    const result: Record<string, number> = {};
    for (const s of this.states) result[s.rule.meta.id] = s.groups.size;
    return result;
  }

  private feed(state: CorrelationState, inputIndex: number, input: Input, out: CorrelationAlert[]): void {
    const rule = state.rule;
    const T = rule.timespanMs;
    // Alerts of inner correlations come when their window is decided, so they are not held to the
    // late tolerance (a deferred inner window is always reported after its events).
    if (input.inner === undefined && input.t < state.maxT - this.tolerance) {
      this.stats.late++;
      this.warn(state, 'CORRELATION_LATE_EVENT', () => `an event at ${iso(input.t)} arrived more than ${this.tolerance} ms after a newer one (${iso(state.maxT)}) and was not correlated`);
      return;
    }
    if (input.t > state.maxT) state.maxT = input.t;
    const watermark = state.maxT - this.tolerance;

    const values = this.groupValues(state, inputIndex, input);
    let value: string | number | undefined;
    if (values !== undefined && rule.condition.fields.length > 0) value = fieldValue(rule.type, rule.condition.fields, input.event);
    if (values === undefined || (rule.condition.fields.length > 0 && value === undefined)) {
      this.stats.missingField++;
    } else {
      this.stats.accepted++;
      const key = values.length === 1 ? values[0] : JSON.stringify(values);
      let group = state.groups.get(key);
      if (group) {
        if (group !== state.newest) { state.unlink(group); state.append(group); }
      } else {
        if (state.groups.size >= this.maxGroups) this.dropOldestGroup(state);
        group = { key, values: groupRecord(rule.groupBy, values), entries: [], lastT: -Infinity, older: null, newer: null };
        state.groups.set(key, group);
        state.append(group);
      }
      const entry: Entry = { t: input.t, iso: input.iso, input: inputIndex, value, ruleId: input.ruleId, event: input.event, source: input.source };
      if (input.inner) entry.inner = { events: input.inner.events, count: input.inner.match.correlation.eventCount };
      let at = insertSorted(group.entries, entry);
      if (input.t > group.lastT) group.lastT = input.t;
      if (group.entries.length > this.maxEventsPerGroup) {
        group.entries.shift();
        at--;
        this.stats.droppedEvents++;
        this.warn(state, 'CORRELATION_STATE_LIMIT', () => `a group (${describeGroup(group.values)}) reached ${this.maxEventsPerGroup} events in its window; the oldest are dropped`);
      }
      if (rule.condition.eager) {
        if (at >= 0) this.evaluateEager(state, group, at, out);
        dropBefore(group.entries, watermark - T);
      } else {
        this.closeWindows(state, group, watermark, out);
      }
    }
    this.sweep(state, watermark, out);
  }

  /** The group-by values of the input in group-by order (an inner alert's own values win), or undefined if one is missing. */
  private groupValues(state: CorrelationState, inputIndex: number, input: Input): string[] | undefined {
    const names = state.rule.groupBy;
    const fields = state.groupFields[inputIndex];
    const inner = input.inner?.match.correlation.groupBy;
    const values: string[] = new Array(names.length);
    for (let i = 0; i < names.length; i++) {
      const v = inner !== undefined && hasOwn.call(inner, names[i]) ? inner[names[i]] : valueText(getField(input.event, fields[i]));
      if (v === undefined) return undefined;
      values[i] = v;
    }
    return values;
  }

  /** Checks the windows that end at an event in [t, t + timespan] (t = the new entry's time). */
  private evaluateEager(state: CorrelationState, group: Group, at: number, out: CorrelationAlert[]): void {
    const entries = group.entries;
    const T = state.rule.timespanMs;
    const t = entries[at].t;
    let end = upperBound(entries, t) - 1;
    for (;;) {
      const start = lowerBound(entries, entries[end].t - T);
      const result = aggregate(state.rule, entries, start, end);
      if (result !== undefined && testCondition(state.rule.condition, result.value)) {
        this.raise(state, group, entries.slice(start, end + 1), result, out);
        entries.splice(start, end - start + 1);
        return;
      }
      const next = end + 1;
      if (next >= entries.length || entries[next].t > t + T) return;
      end = upperBound(entries, entries[next].t) - 1;
    }
  }

  /** Decides every tumbling window of the group that ends before `watermark` (Infinity: all). */
  private closeWindows(state: CorrelationState, group: Group, watermark: number, out: CorrelationAlert[]): void {
    const entries = group.entries;
    const T = state.rule.timespanMs;
    while (entries.length > 0 && entries[0].t + T < watermark) {
      const end = upperBound(entries, entries[0].t + T) - 1;
      const window = entries.slice(0, end + 1);
      if (state.rule.type === 'value_percentile') {
        for (const result of percentiles(window)) {
          if (testCondition(state.rule.condition, result.value)) this.raise(state, group, result.entries, result, out);
        }
      } else {
        const result = aggregate(state.rule, entries, 0, end);
        if (result !== undefined && testCondition(state.rule.condition, result.value)) this.raise(state, group, window, result, out);
      }
      entries.splice(0, end + 1);
    }
  }

  /** Drops whole groups that can no longer change (oldest-updated first). */
  private sweep(state: CorrelationState, watermark: number, out: CorrelationAlert[]): void {
    const T = state.rule.timespanMs;
    for (let group = state.oldest; group !== null && group.lastT + T < watermark; group = state.oldest) {
      state.remove(group);
      if (!state.rule.condition.eager) this.closeWindows(state, group, Infinity, out);
    }
  }

  private dropOldestGroup(state: CorrelationState): void {
    if (!state.oldest) return;
    state.remove(state.oldest);
    this.stats.droppedGroups++;
    this.warn(state, 'CORRELATION_STATE_LIMIT', `more than ${this.maxGroups} open groups: the least recently updated group is dropped (raise maxGroups, or group by fewer distinct values)`);
  }

  private raise(state: CorrelationState, group: Group, entries: Entry[], result: Aggregate, out: CorrelationAlert[]): void {
    const alert = this.buildAlert(state, group, entries, result);
    this.stats.alerts++;
    if (!state.suppressed) out.push(alert);
    const last = entries[entries.length - 1];
    for (const [outer, index] of state.feeds) {
      this.feed(outer, index, { t: last.t, event: last.event, source: last.source, ruleId: state.rule.meta.id, inner: alert }, out);
    }
  }

  private buildAlert(state: CorrelationState, group: Group, entries: Entry[], result: Aggregate): CorrelationAlert {
    const rule = state.rule;
    const first = entries[0];
    const last = entries[entries.length - 1];
    const ruleIds: string[] = [];
    const events: ContributingEvent[] = [];
    let eventCount = 0;
    for (const e of entries) {
      if (!ruleIds.includes(e.ruleId)) ruleIds.push(e.ruleId);
      if (e.inner) {
        eventCount += e.inner.count;
        for (const inner of e.inner.events) if (events.length < this.maxEventsPerAlert) events.push(inner);
      } else {
        eventCount++;
        if (events.length < this.maxEventsPerAlert) events.push({ rule: e.ruleId, timestamp: (e.iso ??= iso(e.t)), source: e.source });
      }
    }
    const startIso = (first.iso ??= iso(first.t));
    const endIso = (last.iso ??= iso(last.t));
    const groupText = describeGroup(group.values);
    const what = result.fieldValue !== undefined ? ` (${rule.condition.fields.join(', ')}=${result.fieldValue})` : rule.condition.fields.length ? ` of ${rule.condition.fields.join(', ')}` : '';
    const summary = `${rule.type}${what}: ${comparisonText(rule.condition.tests, result.value)}${groupText ? ` for ${groupText}` : ''} within ${rule.timespanText}, ${startIso} .. ${endIso}; rules: ${ruleIds.join(', ')}`;
    const { meta } = rule;
    const alertRule: CorrelationAlert['rule'] = { id: meta.id, title: meta.title, level: meta.level, tags: meta.tags, logsource: meta.logsource, file: meta.file };
    if (meta.status !== undefined) alertRule.status = meta.status;
    if (meta.description !== undefined) alertRule.description = meta.description;
    const correlation: CorrelationAlert['match']['correlation'] = {
      type: rule.type, groupBy: { ...group.values }, value: result.value,
      windowStart: startIso, windowEnd: endIso, timespan: rule.timespanText, rules: ruleIds, eventCount,
    };
    if (result.fieldValue !== undefined) correlation.fieldValue = result.fieldValue;
    return {
      kind: 'correlation',
      rule: alertRule,
      timestamp: endIso,
      event: last.event,
      source: last.source,
      match: {
        condition: `${rule.type} ${rule.condition.text}`,
        selections: ruleIds.map((id) => ({ name: id, matches: [] })),
        summary,
        correlation,
      },
      events,
    };
  }

  private warn(state: CorrelationState, code: DiagnosticCode, message: string | (() => string)): void {
    if (state.warned.has(code)) return;
    if (typeof message === 'function') message = message();
    state.warned.add(code);
    const { meta } = state.rule;
    this.diagnostics.push(diag(code, 'warning', `${meta.title}: ${message} (reported once per correlation rule)`, { file: meta.file, path: 'correlation', rule: meta.id }));
  }
}

interface Aggregate {
  value: number;
  fieldValue?: string;
}

/** The aggregated value of entries[start..end] for the rule's type (percentiles: see percentiles()). */
function aggregate(rule: CompiledCorrelation, entries: Entry[], start: number, end: number): Aggregate | undefined {
  switch (rule.type) {
    case 'event_count':
      return { value: end - start + 1 };
    case 'value_count': {
      const seen = new Set<unknown>();
      for (let i = start; i <= end; i++) seen.add(entries[i].value);
      return { value: seen.size };
    }
    case 'temporal': {
      const seen = new Set<number>();
      for (let i = start; i <= end; i++) seen.add(entries[i].input);
      return { value: seen.size };
    }
    case 'temporal_ordered': {
      // Greedy subsequence match of the rules in order (optimal for a fixed window).
      let step = 0;
      for (let i = start; i <= end && step < rule.inputs.length; i++) if (entries[i].input === step) step++;
      return { value: step };
    }
    case 'value_sum':
    case 'value_avg': {
      let sum = 0;
      for (let i = start; i <= end; i++) sum += entries[i].value as number;
      return { value: rule.type === 'value_sum' ? sum : sum / (end - start + 1) };
    }
    case 'value_percentile':
      return undefined;
  }
}

/** value_percentile: each distinct value's share (%) of the window's events, with its entries. */
function percentiles(window: Entry[]): (Aggregate & { entries: Entry[] })[] {
  const byValue = new Map<string, Entry[]>();
  for (const e of window) {
    const key = String(e.value);
    const list = byValue.get(key);
    if (list) list.push(e);
    else byValue.set(key, [e]);
  }
  return [...byValue].map(([fieldValue, entries]) => ({ fieldValue, entries, value: (entries.length * 100) / window.length }));
}

/** The condition field's value as the type needs it, or undefined when missing / not a number. */
function fieldValue(type: CompiledCorrelation['type'], fields: string[], event: SigmaEvent): string | number | undefined {
  if (type === 'value_sum' || type === 'value_avg') {
    const v = getField(event, fields[0]);
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    return Number.isFinite(n) ? n : undefined;
  }
  if (fields.length === 1) return valueText(getField(event, fields[0]));
  const parts: string[] = [];
  for (const f of fields) {
    const v = valueText(getField(event, f));
    if (v === undefined) return undefined;
    parts.push(v);
  }
  return JSON.stringify(parts);
}

/** A field value as group / distinct-count text; undefined for a missing or null field. */
function valueText(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  const s = scalarText(v);
  if (s !== null) return s;
  try {
    return JSON.stringify(v);
  } catch {
    return undefined;
  }
}

const hasOwn = Object.prototype.hasOwnProperty;

/** Group-by name -> value, as an object without prototype (names come from rules). */
function groupRecord(names: string[], values: string[]): Record<string, string> {
  const record: Record<string, string> = Object.create(null);
  for (let i = 0; i < names.length; i++) record[names[i]] = values[i];
  return record;
}

function describeGroup(values: Record<string, string>): string {
  return Object.entries(values).map(([k, v]) => `${k}=${v}`).join(', ');
}

/** Inserts by time after entries of equal time (arrival order breaks ties); returns the index. */
function insertSorted(entries: Entry[], entry: Entry): number {
  let i = entries.length;
  while (i > 0 && entries[i - 1].t > entry.t) i--;
  if (i === entries.length) entries.push(entry);
  else entries.splice(i, 0, entry);
  return i;
}

/** First index with time >= t. */
function lowerBound(entries: Entry[], t: number): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (entries[mid].t < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index with time > t. */
function upperBound(entries: Entry[], t: number): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (entries[mid].t <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Removes entries older than `t` (they can be in no future window). */
function dropBefore(entries: Entry[], t: number): void {
  const n = lowerBound(entries, t);
  if (n > 0) entries.splice(0, n);
}

const CANONICAL_ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

function iso(t: number): string {
  if (!Number.isFinite(t)) return String(t);
  return new Date(t).toISOString();
}

