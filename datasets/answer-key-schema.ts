// The answer-key contract: what the scenario generator writes as answer-key.json, what the grader
// (grading/) scores reports against, and what a human grader reads as the model answer.
//
// A key is versioned: `version` is the key's own revision (a grader accepting a new form of a fact
// bumps it, and `revisions` says why); `schema` is the format version of this contract.
// Events are referenced exactly: `line` is the 0-based line index in the scenario's events.jsonl and
// `timestamp` is that event's ISO-8601 time, so a key can be checked against its data.
import { Type, type Static, type TSchema } from 'typebox';
import Value from 'typebox/value';
import { LEVELS } from '../engine/api.js';
import { INCIDENT_VERDICTS, INDICATOR_TYPES } from '../server/contract/report.js';

/** Format version of this contract; bump on incompatible changes. */
export const ANSWER_KEY_SCHEMA_VERSION = 1;

/** Verdict on one alert: `benign` = the rule fired as designed on authorised/harmless activity. */
export const ALERT_VERDICTS = INCIDENT_VERDICTS;
export type AlertVerdict = (typeof ALERT_VERDICTS)[number];

/** What a fact is about. Each kind has its own accepted-forms shape (see `FactSchema`). */
export const FACT_KINDS = [
  'indicator',
  'host',
  'user',
  'technique',
  'timeline',
  'action',
  'verdict',
  'severity',
] as const;
export type FactKind = (typeof FACT_KINDS)[number];

/** Kinds of claim a key can forbid (a benign look-alike named as compromised, a harmful action...). */
export const FORBIDDEN_KINDS = ['indicator', 'host', 'user', 'technique', 'action'] as const;
export type ForbiddenKind = (typeof FORBIDDEN_KINDS)[number];

const Id = Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{0,79}$', description: 'lower-case slug' });
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const IsoTime = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})$',
  description: 'ISO-8601 with a zone, e.g. 2024-03-05T14:03:10Z',
});
const TechniqueId = Type.String({ pattern: '^T\\d{4}(\\.\\d{3})?$', description: 'ATT&CK id, e.g. T1059.001' });
/** Accepted written forms of a value; the grader also normalises case, defanging, FQDN/short names... */
const Values = Type.Array(Text(2048), { minItems: 1, maxItems: 50 });
/**
 * A phrase test: every group must be matched by at least one of its alternatives (AND of ORs),
 * compared case-insensitively on word boundaries after whitespace folding. Example:
 * `[["isolate","quarantine","contain"],["ws-042"]]` accepts "Quarantine WS-042.corp.local".
 */
const TermGroups = Type.Array(Type.Array(Text(200), { minItems: 1, maxItems: 50 }), { minItems: 1, maxItems: 10 });

export const EventRefSchema = Type.Object(
  {
    /** 0-based line index in events.jsonl. */
    line: Type.Integer({ minimum: 0 }),
    /** The event's own timestamp (ISO-8601), to check the reference. */
    timestamp: IsoTime,
  },
  { additionalProperties: false },
);
export type EventRef = Static<typeof EventRefSchema>;

export const KeyAlertSchema = Type.Object(
  {
    ruleId: Text(200),
    ruleTitle: Type.Optional(Text(300)),
    event: EventRefSchema,
    verdict: Type.Enum(ALERT_VERDICTS),
    /** Why: shown to the trainee after grading. */
    reason: Text(2000),
    /** Whether a level-1 analyst is expected to escalate this alert. */
    escalate: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type KeyAlert = Static<typeof KeyAlertSchema>;

const factBase = {
  id: Id,
  weight: Type.Number({ exclusiveMinimum: 0, maximum: 100 }),
  /** The model answer a human reads, e.g. "C2 server 203.0.113.45 contacted by powershell.exe". */
  description: Text(1000),
};

/** Per-kind accepted forms. Every fact shape is an object with `kind` as its discriminant. */
export const FACT_SCHEMAS = {
  indicator: Type.Object(
    { ...factBase, kind: Type.Literal('indicator'), type: Type.Enum(INDICATOR_TYPES), values: Values },
    { additionalProperties: false },
  ),
  host: Type.Object(
    {
      ...factBase,
      kind: Type.Literal('host'),
      /** Names of the one host: short name, FQDN, IP. Short name vs FQDN is matched automatically. */
      values: Values,
    },
    { additionalProperties: false },
  ),
  user: Type.Object(
    {
      ...factBase,
      kind: Type.Literal('user'),
      /** Forms of the one account; DOMAIN\user, user@domain and bare user are matched automatically. */
      values: Values,
    },
    { additionalProperties: false },
  ),
  technique: Type.Object(
    {
      ...factBase,
      kind: Type.Literal('technique'),
      /** The ATT&CK id expected, e.g. "T1059.001". */
      technique: TechniqueId,
      /** For a sub-technique: full credit also for its parent (e.g. T1059 for T1059.001). Else partial. */
      acceptParent: Type.Boolean(),
      /** Other ids accepted as equivalent (e.g. T1204.002 next to T1566.001). */
      alsoAccept: Type.Optional(Type.Array(TechniqueId, { maxItems: 20 })),
      /** Extra names accepted besides the ATT&CK name. */
      names: Type.Optional(Type.Array(Text(200), { maxItems: 20 })),
    },
    { additionalProperties: false },
  ),
  timeline: Type.Object(
    {
      ...factBase,
      kind: Type.Literal('timeline'),
      time: IsoTime,
      /** How far a reported time may be from `time`, in seconds. */
      toleranceSeconds: Type.Number({ minimum: 0, maximum: 86_400 }),
      /** What the entry must mention (see TermGroups). */
      terms: TermGroups,
      /** 1-based position of this step among the key's timeline facts, for ordering checks. */
      order: Type.Optional(Type.Integer({ minimum: 1 })),
    },
    { additionalProperties: false },
  ),
  action: Type.Object(
    { ...factBase, kind: Type.Literal('action'), terms: TermGroups },
    { additionalProperties: false },
  ),
  verdict: Type.Object(
    { ...factBase, kind: Type.Literal('verdict'), value: Type.Enum(INCIDENT_VERDICTS) },
    { additionalProperties: false },
  ),
  severity: Type.Object(
    {
      ...factBase,
      kind: Type.Literal('severity'),
      value: Type.Enum(LEVELS),
      /** Other levels that earn partial credit (typically the neighbours). */
      partial: Type.Optional(Type.Array(Type.Enum(LEVELS), { maxItems: 4 })),
    },
    { additionalProperties: false },
  ),
} as const satisfies Record<FactKind, TSchema>;

export const FactSchema = Type.Union([
  FACT_SCHEMAS.indicator,
  FACT_SCHEMAS.host,
  FACT_SCHEMAS.user,
  FACT_SCHEMAS.technique,
  FACT_SCHEMAS.timeline,
  FACT_SCHEMAS.action,
  FACT_SCHEMAS.verdict,
  FACT_SCHEMAS.severity,
]);
export type Fact = Static<typeof FactSchema>;
export type FactOf<K extends FactKind> = Extract<Fact, { kind: K }>;

export const ForbiddenClaimSchema = Type.Object(
  {
    id: Id,
    kind: Type.Enum(FORBIDDEN_KINDS),
    /** For kind "indicator": the indicator type. */
    type: Type.Optional(Type.Enum(INDICATOR_TYPES)),
    /** Forms of the forbidden value (host/user/indicator/technique id). */
    values: Type.Optional(Values),
    /** For kind "action": the phrase test (see TermGroups). */
    terms: Type.Optional(TermGroups),
    /** Why it is wrong, shown in the rubric, e.g. "WS-050 ran the same tool under an approved change". */
    description: Text(1000),
    /** Points subtracted when the report makes this claim. */
    penalty: Type.Number({ exclusiveMinimum: 0, maximum: 100 }),
  },
  { additionalProperties: false },
);
export type ForbiddenClaim = Static<typeof ForbiddenClaimSchema>;

export const ScoringSchema = Type.Object(
  {
    /** Share of a fact's weight earned by a partial match (0..1). Default 0.5. */
    partialCredit: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    /** Points subtracted for a wrong incident verdict. Default 10. */
    wrongVerdictPenalty: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    /** Points subtracted per indicator neither in the key nor in the data. Default 2, capped at 5x. */
    unknownIndicatorPenalty: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
  },
  { additionalProperties: false },
);
export type Scoring = Static<typeof ScoringSchema>;

export const AnswerKeySchema = Type.Object(
  {
    schema: Type.Literal(ANSWER_KEY_SCHEMA_VERSION),
    /** The key's own revision, from 1. */
    version: Type.Integer({ minimum: 1 }),
    revisions: Type.Optional(
      Type.Array(
        Type.Object(
          { version: Type.Integer({ minimum: 1 }), date: Type.Optional(Text(40)), note: Text(1000) },
          { additionalProperties: false },
        ),
        { maxItems: 100 },
      ),
    ),
    scenario: Type.Object(
      { id: Id, version: Text(40), title: Text(300) },
      { additionalProperties: false },
    ),
    /** The generator seed that produced the scenario's data. */
    seed: Type.Union([Type.Integer(), Text(200)]),
    verdict: Type.Enum(INCIDENT_VERDICTS),
    severity: Type.Enum(LEVELS),
    /** The model answer, a few sentences. */
    summary: Text(4000),
    alerts: Type.Array(KeyAlertSchema, { maxItems: 10_000 }),
    facts: Type.Array(FactSchema, { maxItems: 500 }),
    forbidden: Type.Array(ForbiddenClaimSchema, { maxItems: 500 }),
    scoring: Type.Optional(ScoringSchema),
  },
  { additionalProperties: false },
);
export type AnswerKey = Static<typeof AnswerKeySchema>;

/** One validation problem: a JSON pointer into the key and a readable message. */
export interface KeyProblem {
  path: string;
  message: string;
}

export type KeyValidation = { ok: true; key: AnswerKey } | { ok: false; problems: KeyProblem[] };

/**
 * Validates an answer key (parsed JSON). Returns every problem with its path, e.g.
 * `{ path: "/facts/3/toleranceSeconds", message: "must be >= 0" }`, including semantic checks the
 * schema cannot express (unique fact ids, forbidden claims carrying the right fields).
 */
export function validateAnswerKey(input: unknown): KeyValidation {
  const problems: KeyProblem[] = [];
  if (!Value.Check(AnswerKeySchema, input)) {
    problems.push(...schemaProblems(input));
    return { ok: false, problems: dedupe(problems) };
  }
  const key = input as AnswerKey;
  problems.push(...semanticProblems(key));
  return problems.length ? { ok: false, problems } : { ok: true, key };
}

/** Formats problems one per line: "/facts/3/weight: must be > 0". */
export function formatKeyProblems(problems: KeyProblem[]): string {
  return problems.map((p) => `${p.path || '/'}: ${p.message}`).join('\n');
}

function schemaProblems(input: unknown): KeyProblem[] {
  const out: KeyProblem[] = [];
  const root = input as Record<string, unknown>;
  // Facts are a union: report against the shape of the fact's own kind, not all eight.
  const facts = root && typeof root === 'object' && Array.isArray(root.facts) ? root.facts : [];
  const badFacts = new Set<number>();
  facts.forEach((fact: unknown, i: number) => {
    if (Value.Check(FactSchema, fact)) return;
    badFacts.add(i);
    const kind = (fact as { kind?: unknown } | null)?.kind;
    if (typeof kind !== 'string' || !(FACT_KINDS as readonly string[]).includes(kind)) {
      out.push({ path: `/facts/${i}/kind`, message: `must be one of ${FACT_KINDS.join(', ')}` });
      return;
    }
    for (const e of Value.Errors(FACT_SCHEMAS[kind as FactKind], fact)) out.push(fromError(e, `/facts/${i}`));
  });
  for (const e of Value.Errors(AnswerKeySchema, input)) {
    const m = /^\/facts\/(\d+)(\/|$)/.exec(e.instancePath);
    if (m && badFacts.has(Number(m[1]))) continue;
    if (e.keyword === 'anyOf' || e.keyword === 'const' || e.keyword === 'boolean') {
      // union branches and "schema is false" repeat what a neighbouring error says better
      if (!(e.keyword === 'const' && e.instancePath === '/schema')) continue;
    }
    out.push(fromError(e, ''));
  }
  if (out.length === 0) out.push({ path: '', message: 'does not match the answer-key schema' });
  return out;
}

interface TbError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message: string;
}

function fromError(e: TbError, prefix: string): KeyProblem {
  let message = e.message;
  if (e.keyword === 'additionalProperties' && Array.isArray(e.params.additionalProperties)) {
    message = `unknown field(s): ${(e.params.additionalProperties as string[]).join(', ')}`;
  } else if (e.keyword === 'required' && Array.isArray(e.params.requiredProperties)) {
    message = `missing field(s): ${(e.params.requiredProperties as string[]).join(', ')}`;
  } else if (e.keyword === 'enum' && Array.isArray(e.params.allowedValues)) {
    message = `must be one of ${(e.params.allowedValues as unknown[]).join(', ')}`;
  } else if (e.keyword === 'const' && 'allowedValue' in e.params) {
    message = `must be ${JSON.stringify(e.params.allowedValue)}`;
  }
  return { path: prefix + e.instancePath, message };
}

function semanticProblems(key: AnswerKey): KeyProblem[] {
  const out: KeyProblem[] = [];
  const seen = new Map<string, string>();
  key.facts.forEach((f, i) => {
    const prev = seen.get(f.id);
    if (prev) out.push({ path: `/facts/${i}/id`, message: `duplicate id "${f.id}" (also ${prev})` });
    else seen.set(f.id, `/facts/${i}`);
  });
  key.forbidden.forEach((c, i) => {
    const at = `/forbidden/${i}`;
    const prev = seen.get(c.id);
    if (prev) out.push({ path: `${at}/id`, message: `duplicate id "${c.id}" (also ${prev})` });
    else seen.set(c.id, at);
    if (c.kind === 'action') {
      if (!c.terms) out.push({ path: `${at}/terms`, message: 'required for kind "action"' });
    } else if (!c.values) {
      out.push({ path: `${at}/values`, message: `required for kind "${c.kind}"` });
    }
    if (c.kind === 'indicator' && !c.type) out.push({ path: `${at}/type`, message: 'required for kind "indicator"' });
  });
  if (key.revisions) {
    key.revisions.forEach((r, i) => {
      if (r.version > key.version)
        out.push({ path: `/revisions/${i}/version`, message: `is newer than the key's version ${key.version}` });
    });
  }
  for (const f of key.facts) {
    if (f.kind === 'verdict' && f.value !== key.verdict)
      out.push({ path: `/facts/${key.facts.indexOf(f)}/value`, message: `disagrees with /verdict "${key.verdict}"` });
    if (f.kind === 'severity' && f.value !== key.severity)
      out.push({ path: `/facts/${key.facts.indexOf(f)}/value`, message: `disagrees with /severity "${key.severity}"` });
  }
  return out;
}

function dedupe(problems: KeyProblem[]): KeyProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = p.path + '\u0000' + p.message;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Event time fields tried, in order, when checking a key's event references. */
const EVENT_TIME_FIELDS = ['timestamp', '@timestamp', 'UtcTime', 'TimeCreated', 'time'];

/**
 * Checks a key's event references against the scenario's events: every alert's `event.line` exists
 * and the event there carries the stated `event.timestamp` (same instant; a zone-less time is UTC).
 * `eventAt(line)` returns the parsed event at a 0-based line of events.jsonl, or undefined.
 */
export function checkEventRefs(key: AnswerKey, eventAt: (line: number) => Record<string, unknown> | undefined): KeyProblem[] {
  const out: KeyProblem[] = [];
  key.alerts.forEach((a, i) => {
    const path = `/alerts/${i}/event`;
    const event = eventAt(a.event.line);
    if (!event) {
      out.push({ path: `${path}/line`, message: `no event at line ${a.event.line} of the events` });
      return;
    }
    const field = EVENT_TIME_FIELDS.find((f) => typeof event[f] === 'string');
    if (!field) {
      out.push({ path: `${path}/line`, message: `the event at line ${a.event.line} has no timestamp field` });
      return;
    }
    const raw = String(event[field]);
    const at = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(raw) ? raw : raw.replace(' ', 'T') + 'Z');
    if (at !== Date.parse(a.event.timestamp))
      out.push({ path: `${path}/timestamp`, message: `is ${a.event.timestamp} but the event at line ${a.event.line} has ${field} ${raw}` });
  });
  return out;
}
