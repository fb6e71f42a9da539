// Answer keys improve: when a grader accepts a form the key did not foresee ("C2 over HTTPS" for
// T1071.001, a host's IP), the key gets that form and a new version with a revision note, so every
// later report is graded the same way.
import { validateAnswerKey, type AnswerKey, type Fact, type KeyProblem } from '../datasets/answer-key-schema.js';
import { parseTechniqueId } from './normalise/technique.js';
import { fold } from './text.js';

export interface AcceptedForm {
  factId: string;
  /** The form to accept, as written in the report. */
  value: string;
  /** For action/timeline facts: which term group (0-based) the value joins. Default 0. */
  group?: number;
  /** Why, for the revision note. */
  note: string;
  /** Revision date (e.g. "2026-11-22"). */
  date?: string;
}

export type AcceptResult = { ok: true; key: AnswerKey } | { ok: false; problems: KeyProblem[] };

/** Returns a new key (version + 1) accepting `form` for its fact; the input key is not changed. */
export function acceptForm(key: AnswerKey, form: AcceptedForm): AcceptResult {
  const index = key.facts.findIndex((f) => f.id === form.factId);
  if (index < 0) return { ok: false, problems: [{ path: '/facts', message: `no fact "${form.factId}"` }] };
  const value = form.value.trim();
  if (!value) return { ok: false, problems: [{ path: `/facts/${index}`, message: 'the accepted form is empty' }] };
  const fact = structuredClone(key.facts[index]) as Fact;
  const has = (list: readonly string[]) => list.some((v) => fold(v) === fold(value));
  switch (fact.kind) {
    case 'indicator':
    case 'host':
    case 'user':
      if (!has(fact.values)) fact.values.push(value);
      break;
    case 'technique': {
      const id = parseTechniqueId(value);
      if (id) {
        if (id !== fact.technique && !(fact.alsoAccept ?? []).includes(id)) fact.alsoAccept = [...(fact.alsoAccept ?? []), id];
      } else if (!has(fact.names ?? [])) fact.names = [...(fact.names ?? []), value];
      break;
    }
    case 'action':
    case 'timeline': {
      const g = form.group ?? 0;
      if (g < 0 || g >= fact.terms.length)
        return { ok: false, problems: [{ path: `/facts/${index}/terms`, message: `has no group ${g} (it has ${fact.terms.length})` }] };
      if (!has(fact.terms[g])) fact.terms[g].push(value);
      break;
    }
    case 'severity': {
      const level = fold(value);
      if (level !== fact.value && !(fact.partial ?? []).includes(level as never)) fact.partial = [...(fact.partial ?? []), level as never];
      break;
    }
    case 'verdict':
      return { ok: false, problems: [{ path: `/facts/${index}`, message: 'a verdict fact accepts one verdict; change the key instead' }] };
  }
  const version = key.version + 1;
  const revision = { version, note: `${form.factId}: accept "${value}". ${form.note}`.trim(), ...(form.date ? { date: form.date } : {}) };
  const next: AnswerKey = {
    ...key,
    version,
    revisions: [...(key.revisions ?? []), revision],
    facts: key.facts.map((f, i) => (i === index ? fact : f)),
  };
  const checked = validateAnswerKey(next);
  return checked.ok ? { ok: true, key: checked.key } : { ok: false, problems: checked.problems };
}
