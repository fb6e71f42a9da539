// The scenario generator: a seeded organisation's working day, generated slice by slice (bounded
// memory at any scale), with the scenario's story merged in time order. Pure TypeScript: output
// goes to a `sink` callback; the CLI (cli/commands/generate.ts) writes it to files.
import type { AnswerKey } from './answer-key-schema.js';
import { ANSWER_KEY_SCHEMA_VERSION } from './answer-key-schema.js';
import { isoTime, MINUTE, HOUR, type GenEvent } from './core/events.js';
import { buildOrganisation, type Organisation } from './core/org.js';
import { hash128, Rng } from './core/prng.js';
import { World } from './core/world.js';
import type { GenContext } from './activity/context.js';
import { planSessions, workstationSlice } from './background/workstations.js';
import { serverSlice } from './background/servers.js';
import { perimeterSlice } from './background/perimeter.js';
import type { Scenario } from './scenarios/types.js';

export const GENERATOR_VERSION = '1.0.0';
/**
 * Length of a generation slice: 5 minutes up to scale 10, shorter above so that a slice holds about
 * the same number of events (memory stays bounded at scale 100 and beyond), never under 5 seconds.
 */
export function sliceLength(scale: number): number {
  return scale <= 10 ? 5 * MINUTE : Math.max(5000, Math.floor((5 * MINUTE * 10) / scale));
}

export interface GenerateOptions {
  seed: number | string;
  /** Multiplier on background volume (default 1; 0 = the story alone). */
  scale?: number;
  /** Called after each time slice with the share done (0..1) and lines written so far. */
  onProgress?: (done: number, lines: number) => void;
}

/** Receives events.jsonl text in chunks of whole lines; may return a promise (back-pressure). */
export type Sink = (chunk: string) => void | Promise<void>;

export interface Manifest {
  scenario: { id: string; version: string; title: string; difficulty: string; techniques: string[] };
  generator: string;
  seed: number | string;
  scale: number;
  timeRange: { start: string; end: string };
  events: number;
  /** Events per log source: sysmon, security, system, powershell, dns, proxy, firewall, mail, linux_auth, auditd. */
  counts: Record<string, number>;
  hosts: { name: string; fqdn: string; ip: string; os: string; role: string; owner?: string }[];
  users: { sam: string; displayName: string; email: string; sid: string; department: string; title: string;
    workstation?: string; admin: boolean; service: boolean }[];
}

export interface GenerationResult {
  manifest: Manifest;
  answerKey: AnswerKey;
}

/** The log source an event is counted under in the manifest. */
export function sourceOf(fields: Record<string, unknown>): string {
  const ls = fields.log_source;
  if (typeof ls === 'string') return ls;
  switch (fields.Channel) {
    case 'Microsoft-Windows-Sysmon/Operational': return 'sysmon';
    case 'Security': return 'security';
    case 'System': return 'system';
    case 'Microsoft-Windows-PowerShell/Operational': return 'powershell';
    default: return 'other';
  }
}

export function describeOrganisation(org: Organisation): Pick<Manifest, 'hosts' | 'users'> {
  return {
    hosts: org.hosts.map((h) => ({ name: h.name, fqdn: h.fqdn, ip: h.ip, os: h.os, role: h.role, ...(h.owner ? { owner: h.owner.sam } : {}) })),
    users: org.users.map((u) => ({ sam: u.sam, displayName: u.displayName, email: u.email, sid: u.sid,
      department: u.department, title: u.title, ...(u.workstation ? { workstation: u.workstation.name } : {}),
      admin: u.isAdmin, service: u.isService })),
  };
}

/** Builds the context (organisation, world, streams) a scenario is generated in. */
export function createContext(scenario: Scenario, seed: number | string, scale: number): GenContext {
  const root = new Rng(`soclab:${scenario.id}:${seed}`);
  const start = Date.parse(scenario.start);
  if (Number.isNaN(start)) throw new Error(`scenario ${scenario.id}: start "${scenario.start}" is not an ISO-8601 time`);
  const org = buildOrganisation(root.fork('org'));
  const world = new World(org, root.fork('world'), start - 3 * 24 * HOUR);
  return { org, world, rng: root.fork('background'), scale, start, end: start + scenario.hours * HOUR };
}

/**
 * Generates `scenario` with `options.seed` into `sink` (events.jsonl, time-ordered, one JSON object
 * per line) and returns the manifest and the answer key, whose event references are line indexes
 * into what was written. Deterministic: the same scenario, seed and scale give the same bytes.
 */
export async function generateScenario(scenario: Scenario, options: GenerateOptions, sink: Sink): Promise<GenerationResult> {
  const scale = options.scale ?? 1;
  if (!(scale >= 0) || !Number.isFinite(scale)) throw new Error(`scale must be a finite number >= 0 (got ${scale})`);
  const ctx = createContext(scenario, options.seed, scale);
  const sessions = planSessions(ctx);
  const story = scenario.build({ ...ctx, rng: new Rng(`soclab:${scenario.id}:${options.seed}`).fork('story') }, sessions);
  const storyEvents = story.events.slice().sort((a, b) => a.ts - b.ts);
  for (const ev of storyEvents) {
    if (ev.ts < ctx.start || ev.ts >= ctx.end) {
      throw new Error(`scenario ${scenario.id}: event ${ev.key ?? JSON.stringify(ev.fields).slice(0, 80)} at ${isoTime(ev.ts)} is outside the window`);
    }
  }

  const counts: Record<string, number> = {};
  const keyLines = new Map<string, { line: number; timestamp: string }>();
  const recordIds = new Map<string, number>();
  let line = 0;
  let flushedUpTo = ctx.start;
  let pending: GenEvent[] = [];
  let storyAt = 0;
  const emit = (ev: GenEvent) => { pending.push(ev); };

  const serialise = (ev: GenEvent): string => {
    const f = ev.fields;
    if (ev.ts < flushedUpTo) {
      ev.ts = flushedUpTo;
      f.timestamp = isoTime(ev.ts);
    }
    if ('EventRecordID' in f) {
      const k = `${f.Computer}|${f.Channel}`;
      let n = recordIds.get(k);
      if (n === undefined) n = 10_000 + (hash128(k)[0] % 900_000);
      recordIds.set(k, ++n);
      f.EventRecordID = n;
    }
    const src = sourceOf(f);
    counts[src] = (counts[src] ?? 0) + 1;
    if (ev.key !== undefined) {
      if (keyLines.has(ev.key)) throw new Error(`scenario ${scenario.id}: duplicate event key "${ev.key}"`);
      keyLines.set(ev.key, { line, timestamp: f.timestamp as string });
    }
    line++;
    return JSON.stringify(f);
  };

  const flush = async (upTo: number) => {
    pending.sort((a, b) => a.ts - b.ts);
    let i = 0;
    const parts: string[] = [];
    while (i < pending.length && pending[i].ts < upTo) {
      parts.push(serialise(pending[i]));
      i++;
      if (parts.length >= 2000) {
        await sink(parts.join('\n') + '\n');
        parts.length = 0;
      }
    }
    if (parts.length) await sink(parts.join('\n') + '\n');
    pending = pending.slice(i);
    flushedUpTo = Math.max(flushedUpTo, upTo);
  };

  const total = ctx.end - ctx.start;
  const slice = sliceLength(scale);
  for (let t0 = ctx.start; t0 < ctx.end; t0 += slice) {
    const t1 = Math.min(ctx.end, t0 + slice);
    if (scale > 0) {
      workstationSlice(ctx, sessions, t0, t1, emit);
      serverSlice(ctx, sessions, t0, t1, emit);
      perimeterSlice(ctx, sessions, t0, t1, emit);
    }
    while (storyAt < storyEvents.length && storyEvents[storyAt].ts < t1) emit(storyEvents[storyAt++]);
    await flush(t0);
    options.onProgress?.((t1 - ctx.start) / total, line);
  }
  // Background may spill a little past the window (a logoff, an image load); keep only the window.
  pending = pending.filter((e) => e.ts < ctx.end || e.key !== undefined);
  await flush(Number.POSITIVE_INFINITY);

  const missing = story.alerts.map((a) => a.event).filter((k) => !keyLines.has(k));
  if (missing.length) throw new Error(`scenario ${scenario.id}: answer key names events that were not generated: ${missing.join(', ')}`);

  const answerKey: AnswerKey = {
    schema: ANSWER_KEY_SCHEMA_VERSION,
    version: 1,
    scenario: { id: scenario.id, version: scenario.version, title: scenario.title },
    seed: options.seed,
    verdict: story.verdict,
    severity: story.severity,
    summary: story.summary,
    alerts: story.alerts.map((a) => ({
      ruleId: a.ruleId, event: keyLines.get(a.event)!, verdict: a.verdict, reason: a.reason, escalate: a.escalate,
    })),
    facts: story.facts,
    forbidden: story.forbidden,
  };
  const manifest: Manifest = {
    scenario: { id: scenario.id, version: scenario.version, title: scenario.title, difficulty: scenario.difficulty,
      techniques: scenario.techniques },
    generator: GENERATOR_VERSION,
    seed: options.seed,
    scale,
    timeRange: { start: isoTime(ctx.start), end: isoTime(ctx.end) },
    events: line,
    counts: Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b))),
    ...describeOrganisation(ctx.org),
  };
  return { manifest, answerKey };
}
