// Wrong claims: a forbidden fact of the key (a benign look-alike host named as compromised, a
// harmful action recommended...). Naming a thing is not claiming it: a sentence that clears it
// ("WS-050 was checked and is clean", "the GoogleUpdate alert is a false positive") costs nothing;
// listing it as affected, as an indicator, or accusing it in a sentence does.
import type { ForbiddenClaim } from '../datasets/answer-key-schema.js';
import { compareIndicator } from './normalise/index.js';
import { compareAccounts } from './normalise/account.js';
import { compareHosts } from './normalise/host.js';
import { compareTechnique, parseTechniqueId } from './normalise/technique.js';
import { findAccountInText, findHostInText, reportedTechniques } from './match.js';
import { termGroups } from './terms.js';
import { evidenceOf, type ReportDoc } from './report-doc.js';
import { findPhrase, isExculpatory, type TextUnit } from './text.js';
import type { Evidence } from './types.js';

const ACCUSATORY =
  /\b(?:compromis\w*|infect\w*|affected|breach\w*|attacker|malicious|malware|lateral\w*|pivot\w*|beacon\w*|c2|exfiltrat\w*|ioc|iocs|indicator|suspicious|patient\s+zero|stolen|dumped|backdoor\w*|persist\w*)\b/i;

const CONTAINMENT =
  /\b(?:isolat\w*|quarantin\w*|contain\w*|disconnect\w*|disable\w*|reset\w*|lock\w*|reimag\w*|rebuild\w*|wipe\w*|block\w*|revok\w*|suspend\w*|remediat\w*)\b/i;

/** A sentence that accuses what it names (and does not clear it). */
export function accuses(unit: TextUnit): boolean {
  return ACCUSATORY.test(unit.text) && !isExculpatory(unit.text);
}

/** Evidence that the report makes the forbidden claim, or [] when it does not. */
export function findForbidden(claim: ForbiddenClaim, doc: ReportDoc): Evidence[] {
  const values = claim.values ?? [];
  const out: Evidence[] = [];
  const push = (e: Evidence) => {
    if (out.length < 3) out.push(e);
  };
  switch (claim.kind) {
    case 'host':
    case 'user': {
      const compare = claim.kind === 'host' ? compareHosts : compareAccounts;
      const find = claim.kind === 'host' ? findHostInText : findAccountInText;
      for (const c of claim.kind === 'host' ? doc.hosts : doc.users) {
        for (const v of values) {
          if (doc.kind === 'structured') {
            if (compare(v, c.text)) push(evidenceOf(c));
          } else if (!isExculpatory(c.text)) {
            const span = find(c.text, v);
            if (span) push(evidenceOf(c, span.start, span.end));
          }
        }
      }
      // a containment action aimed at it ("Disable adm-kperez", "Isolate WS-050") treats it as compromised
      for (const a of doc.actions) {
        if (isExculpatory(a.text) || !CONTAINMENT.test(a.text)) continue;
        for (const v of values) {
          const span = find(a.text, v);
          if (span) push(evidenceOf(a, span.start, span.end));
        }
      }
      for (const s of doc.sentences) {
        if (!accuses(s)) continue;
        for (const v of values) {
          const span = find(s.text, v);
          if (span) push(evidenceOf(s, span.start, span.end));
        }
      }
      break;
    }
    case 'indicator': {
      const type = claim.type ?? 'file';
      for (const x of doc.extracted) {
        const listed = doc.indicators.includes(x.unit as never);
        if (!(listed ? !isExculpatory(x.unit.text) : accuses(x.unit))) continue;
        if (values.some((v) => compareIndicator(type, v, x.value) === 'full')) push(x.evidence);
      }
      if (doc.kind === 'structured') {
        for (const c of doc.indicators) {
          if (values.some((v) => compareIndicator(type, v, c.text) === 'full')) push(evidenceOf(c));
        }
      } else {
        for (const c of doc.indicators) {
          if (isExculpatory(c.text)) continue;
          for (const v of values) {
            const span = findPhrase(c.text, v);
            if (span) push(evidenceOf(c, span.start, span.end));
          }
        }
      }
      break;
    }
    case 'technique':
      for (const t of reportedTechniques(doc)) {
        if (values.some((v) => compareTechnique({ technique: parseTechniqueId(v) ?? v, acceptParent: false }, t.id) === 'full')) push(t.evidence);
      }
      break;
    case 'action': {
      const groups = claim.terms ?? [];
      for (const u of [...doc.actions, ...doc.sentences]) {
        if (isExculpatory(u.text)) continue;
        if (termGroups(u, groups).matched === groups.length) push(evidenceOf(u));
      }
      break;
    }
  }
  // one claim found through two routes (a list item and its sentence) is one piece of evidence
  return out.filter((e, i) => out.findIndex((o) => o.field === e.field && o.start === e.start) === i);
}
