// Fact matchers: for each kind of expected fact, find the best evidence in the report and decide
// found / partial / missing the way a fair human grader would.
import type { FactOf, Fact } from '../datasets/answer-key-schema.js';
import { compareIndicator, type Closeness } from './normalise/index.js';
import { compareAccounts, parseAccount } from './normalise/account.js';
import { compareHosts, parseHost } from './normalise/host.js';
import { compareTechnique, findTechniques, resolveTechnique, techniqueName } from './normalise/technique.js';
import type { TimeContext } from './normalise/time.js';
import { matchTimeline, timelineEntries } from './timeline.js';
import { termGroups } from './terms.js';
import { evidenceOf, type ReportDoc } from './report-doc.js';
import { findPhrase, type TextUnit } from './text.js';
import type { Evidence, FactStatus } from './types.js';
import { readSeverity, readVerdict } from './verdict.js';

export interface FactMatch {
  status: FactStatus;
  evidence: Evidence[];
  note?: string;
  /** For timeline facts: index of the report entry that matched (for ordering checks). */
  entryIndex?: number;
}

function missing(note?: string): FactMatch {
  return note ? { status: 'missing', evidence: [], note } : { status: 'missing', evidence: [] };
}

function rank(c: Closeness): number {
  return c === 'full' ? 2 : c === 'partial' ? 1 : 0;
}

/** Keeps the best-ranked candidates (up to 3 pieces of evidence). */
class Best {
  level = 0;
  evidence: Evidence[] = [];
  note?: string;
  offer(c: Closeness, e: Evidence, note?: string): void {
    const r = rank(c);
    if (r === 0 || r < this.level) return;
    if (r > this.level) {
      this.level = r;
      this.evidence = [];
      this.note = note;
    }
    if (this.evidence.length < 3 && !this.evidence.some((x) => x.field === e.field && x.start === e.start)) this.evidence.push(e);
  }
  result(): FactMatch {
    if (this.level === 0) return missing();
    const m: FactMatch = { status: this.level === 2 ? 'found' : 'partial', evidence: this.evidence };
    if (this.note) m.note = this.note;
    return m;
  }
}

/** Finds the forms of a host (or its short name) in running text. */
export function findHostInText(text: string, form: string): { start: number; end: number } | null {
  const direct = findPhrase(text, form);
  if (direct) return direct;
  const h = parseHost(form);
  if (h?.fqdn && h.short) {
    const span = findPhrase(text, h.short);
    // the short name alone, or followed by a domain that is this FQDN's
    if (span) {
      const after = text.slice(span.end).match(/^\.[a-z0-9.-]+/i)?.[0] ?? '';
      if (!after || h.fqdn === (text.slice(span.start, span.end) + after).toLowerCase()) return span;
    }
  }
  return null;
}

/** Finds an account (by its user part, checking any domain written with it) in running text. */
export function findAccountInText(text: string, form: string): { start: number; end: number } | null {
  const a = parseAccount(form);
  if (!a) return null;
  const re = new RegExp(
    String.raw`(?<![\w.\\@-])(?:[\w.-]{1,64}\\)?` + a.user.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + String.raw`(?:@[\w.-]{1,253})?(?![\w\\-])`,
    'gi',
  );
  for (const m of text.matchAll(re)) {
    if (compareAccounts(form, m[0])) return { start: m.index, end: m.index + m[0].length };
  }
  return null;
}

function matchIndicator(fact: FactOf<'indicator'>, doc: ReportDoc): FactMatch {
  const best = new Best();
  for (const x of doc.extracted) {
    for (const v of fact.values) {
      const c = compareIndicator(fact.type, v, x.value);
      best.offer(c, x.evidence, c === 'partial' ? `close to the key's ${v}` : undefined);
    }
  }
  // kinds extraction cannot see by shape: look for the key's own forms in the text
  if (best.level < 2 && ['file', 'process', 'account', 'host', 'path', 'registry'].includes(fact.type)) {
    for (const unit of [...doc.sentences, ...doc.indicators]) {
      for (const v of fact.values) {
        const span =
          fact.type === 'account'
            ? findAccountInText(unit.text, v)
            : fact.type === 'host'
              ? findHostInText(unit.text, v)
              : findPhrase(unit.text, v.replace(/^.*[\\/]/, '')) ?? (fact.type === 'process' ? findPhrase(unit.text, v.replace(/^.*[\\/]/, '').replace(/\.exe$/i, '')) : null);
        if (!span) continue;
        const written = unit.text.slice(span.start, span.end);
        const c = fact.type === 'file' || fact.type === 'path' || fact.type === 'process' || fact.type === 'registry' ? compareIndicator(fact.type, v, written) : 'full';
        best.offer(c ?? 'partial', evidenceOf(unit, span.start, span.end));
      }
    }
  }
  return best.result();
}

function matchNamed(
  fact: FactOf<'host'> | FactOf<'user'>,
  doc: ReportDoc,
): FactMatch {
  const best = new Best();
  const compare = fact.kind === 'host' ? compareHosts : compareAccounts;
  const find = fact.kind === 'host' ? findHostInText : findAccountInText;
  const claims = fact.kind === 'host' ? doc.hosts : doc.users;
  // longest forms first, so the evidence shows "ws-042.corp.example.com" rather than its "ws-042"
  const values = [...fact.values].sort((a, b) => b.length - a.length);
  for (const claim of claims) {
    for (const v of values) {
      if (doc.kind === 'structured') {
        if (compare(v, claim.text)) best.offer('full', evidenceOf(claim));
      } else {
        const span = find(claim.text, v);
        if (span) best.offer('full', evidenceOf(claim, span.start, span.end));
      }
    }
  }
  if (best.level < 2) {
    // named in running text: a full match in a plain report, partial in a structured one whose
    // "affected" list leaves it out
    const c: Closeness = doc.kind === 'text' ? 'full' : 'partial';
    for (const s of doc.sentences) {
      for (const v of values) {
        const span = find(s.text, v);
        if (span) best.offer(c, evidenceOf(s, span.start, span.end), c === 'partial' ? `mentioned, but not listed as affected` : undefined);
      }
    }
  }
  return best.result();
}

/** Technique ids a report names, with evidence. */
export function reportedTechniques(doc: ReportDoc): { id: string; evidence: Evidence }[] {
  const out: { id: string; evidence: Evidence }[] = [];
  for (const c of doc.techniques) {
    // a list line or field: the whole text, else each comma/semicolon-separated piece ("Techniques: Phishing, PowerShell")
    const body = c.text.replace(/^\s*[A-Za-z&/ ]{2,30}:\s+(?=\S)/, (m) => (/att&ck|mitre|technique|ttp/i.test(m) ? ' '.repeat(m.length) : m));
    for (const piece of body.matchAll(/[^,;]+/g)) {
      const text = piece[0].replace(/^[\s*_`-]+|[\s*_`.()]+$/g, '');
      if (/^T\s?\d{4}/i.test(text)) continue; // ids are found (with exact spans) by findTechniques below
      const id = resolveTechnique(text);
      if (!id) continue;
      const at = piece.index + piece[0].indexOf(text);
      out.push({ id, evidence: evidenceOf(c, at, at + text.length) });
    }
    for (const m of findTechniques(c.text)) out.push({ id: m.id, evidence: evidenceOf(c, m.span.start, m.span.end) });
  }
  for (const s of doc.sentences) {
    for (const m of findTechniques(s.text)) out.push({ id: m.id, evidence: evidenceOf(s, m.span.start, m.span.end) });
  }
  return out;
}

function matchTechnique(fact: FactOf<'technique'>, doc: ReportDoc): FactMatch {
  const best = new Best();
  for (const t of reportedTechniques(doc)) {
    const c = compareTechnique(fact, t.id);
    const note = c === 'partial' ? `parent technique ${t.id} given; the key expects ${fact.technique}` : undefined;
    best.offer(c, t.evidence, note);
  }
  // names the key accepts besides ATT&CK's ("C2 over HTTPS"), in the techniques list or in any sentence
  for (const name of fact.names ?? []) {
    for (const unit of [...doc.techniques, ...doc.sentences]) {
      const span = findPhrase(unit.text, name);
      if (span) best.offer('full', evidenceOf(unit, span.start, span.end));
    }
  }
  return best.result();
}

function matchAction(fact: FactOf<'action'>, doc: ReportDoc): FactMatch {
  const units: TextUnit[] = doc.actions.length ? [...doc.actions, ...doc.sentences] : doc.sentences;
  let partial: FactMatch | null = null;
  for (const unit of units) {
    const t = termGroups(unit, fact.terms);
    if (t.matched === fact.terms.length) return { status: 'found', evidence: [evidenceOf(unit)] };
    if (t.first && !partial) partial = { status: 'partial', evidence: [evidenceOf(unit)], note: 'the action is named but not what it applies to' };
  }
  return partial ?? missing();
}

export interface MatchContext {
  doc: ReportDoc;
  /** Zone assumption for report times without a zone (the reference time comes from each fact). */
  time: TimeContext;
}

/** Matches one fact against the report. */
export function matchFact(fact: Fact, ctx: MatchContext): FactMatch {
  const { doc } = ctx;
  switch (fact.kind) {
    case 'indicator':
      return matchIndicator(fact, doc);
    case 'host':
    case 'user':
      return matchNamed(fact, doc);
    case 'technique': {
      const m = matchTechnique(fact, doc);
      if (m.status === 'missing') {
        const name = techniqueName(fact.technique);
        m.note = name ? `expected ${fact.technique} (${name})` : `expected ${fact.technique}`;
      }
      return m;
    }
    case 'timeline': {
      const at = Date.parse(fact.time);
      return matchTimeline(fact, timelineEntries(doc, { ...ctx.time, referenceMs: at }));
    }
    case 'action':
      return matchAction(fact, doc);
    case 'verdict': {
      const v = readVerdict(doc);
      if (!v) return missing('the report states no verdict');
      return v.value === fact.value
        ? { status: 'found', evidence: [v.evidence] }
        : { status: 'missing', evidence: [v.evidence], note: `the report says ${v.value}` };
    }
    case 'severity': {
      const s = readSeverity(doc);
      if (!s) return missing('the report states no severity');
      if (s.value === fact.value) return { status: 'found', evidence: [s.evidence] };
      if (fact.partial?.includes(s.value)) return { status: 'partial', evidence: [s.evidence], note: `the report says ${s.value}` };
      return { status: 'missing', evidence: [s.evidence], note: `the report says ${s.value}` };
    }
  }
}
