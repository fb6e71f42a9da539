// Scenario: an ordinary day. Every alert is a benign look-alike or a false positive; the right
// report says so, explains each one and recommends tuning, without inventing an incident.
import { Story } from './story.js';
import { at } from './common.js';
import {
  adminSysinternalsDownload, avHashLookups, itPsexecSupport, newHireAccount, qualysLsassScan, spotifyRunKey,
  supplierMacroMail, veeamShadowPrune,
} from './lookalikes.js';
import type { Scenario } from './types.js';

export const quietDay: Scenario = {
  id: 'quiet-day',
  version: '1.0.0',
  title: 'A quiet Thursday: nothing but look-alikes',
  summary: 'Thirteen alerts, no incident: triage each, close them with reasons and propose tuning.',
  difficulty: 'easy',
  techniques: [],
  start: '2026-03-19T00:00:00Z',
  hours: 24,
  build(ctx, sessions) {
    const s = new Story(ctx.org);
    const day = ctx.start;
    qualysLsassScan(ctx, s, at(day, 3, 12, 5), [ctx.org.fileServer]);
    supplierMacroMail(ctx, s, sessions, at(day, 9, 14, 2));
    newHireAccount(ctx, s, sessions, at(day, 9, 52, 40));
    itPsexecSupport(ctx, s, sessions, at(day, 11, 7, 19));
    spotifyRunKey(ctx, s, sessions, at(day, 12, 48, 55));
    adminSysinternalsDownload(ctx, s, sessions, at(day, 15, 31, 8));
    avHashLookups(ctx, s, at(day, 16, 2, 0), 2);
    veeamShadowPrune(ctx, s, at(day, 23, 5, 0));
    s.verdictAndSeverity('benign', 'informational', 'No incident: every alert is authorised activity or a rule false positive.');
    s.action('act-tune', 5, 'Tune the noisy rules (allow-list Qualys, sophosxl.net, known per-user apps).', [['tune', 'tuning', 'allow-list', 'allowlist', 'whitelist', 'exclusion', 'exception', 'filter'], ['rule', 'rules', 'qualys', 'sophosxl', 'spotify', 'alert', 'alerts']]);
    s.action('act-close', 3, 'Close the alerts with their reasons; no escalation.', [['close', 'closed', 'no escalation', 'no action', 'no incident', 'not escalate', 'benign', 'false positive']]);
    s.forbid({ id: 'no-isolation', kind: 'action', terms: [['isolate', 'isolation', 'quarantine', 'reimage', 'wipe']], description: 'Nothing warrants isolating or rebuilding a machine.', penalty: 5 });
    s.forbid({ id: 'no-reset', kind: 'action', terms: [['reset', 'disable'], ['password', 'account', 'credentials']], description: 'No credential is at risk.', penalty: 3 });
    return {
      events: s.events, verdict: 'benign', severity: 'informational', alerts: s.alerts, facts: s.facts, forbidden: s.forbidden,
      summary: 'No incident. The Qualys agent reading LSASS, Spotify\'s Run key and the anti-virus DNS hash lookups are rule false positives to tune; '
        + 'the partner\'s macro workbook, the new starter\'s account, IT\'s PsExec support session, the Sysinternals download and the backup job\'s shadow pruning are authorised. '
        + 'Close each alert with its reason and propose allow-list entries.',
    };
  },
};
