// Helpers for writing a scenario: collect keyed events, declare the alerts the key expects, and
// build the common facts (hosts, users, indicators, timeline) in the answer-key format.
import type { AlertVerdict, Fact, FactOf, ForbiddenClaim } from '../answer-key-schema.js';
import type { IndicatorType } from '../../server/contract/report.js';
import type { Level } from '../../engine/api.js';
import { isoTime, type GenEvent } from '../core/events.js';
import type { Host, Organisation, User } from '../core/org.js';
import type { ExpectedAlert } from './types.js';
import { LAB_RULES, type LabRuleName } from './lab-rules.js';

export class Story {
  readonly events: GenEvent[] = [];
  readonly alerts: ExpectedAlert[] = [];
  readonly facts: Fact[] = [];
  readonly forbidden: ForbiddenClaim[] = [];
  private timelineOrder = 0;
  private readonly actors = new Set<string>();

  constructor(readonly org: Organisation) {}

  /** Marks users (and their admin accounts) as part of the story, so look-alikes pick others. */
  involve(...users: User[]): void {
    for (const u of users) {
      this.actors.add(u.sam);
      if (u.adminAccount) this.actors.add(u.adminAccount.sam);
    }
  }

  involves(u: User): boolean {
    return this.actors.has(u.sam) || (!!u.adminAccount && this.actors.has(u.adminAccount.sam));
  }

  /** Collects events (pass to activity writers as their `emit`). */
  readonly emit = (ev: GenEvent): void => {
    this.events.push(ev);
  };

  /** Emits one event under `key`. */
  add(ev: GenEvent, key?: string): GenEvent {
    if (key) ev.key = key;
    this.events.push(ev);
    return ev;
  }

  /**
   * The key expects `rule` to fire on the event `key`. For process-creation rules pass
   * `withSecurity: true`: the same process is also logged as Security 4688 (key `${key}#4688`).
   */
  alert(rule: LabRuleName, key: string, verdict: AlertVerdict, reason: string, opts: { withSecurity?: boolean; escalate?: boolean } = {}): void {
    const escalate = opts.escalate ?? verdict === 'true_positive';
    this.alerts.push({ ruleId: LAB_RULES[rule], event: key, verdict, reason, escalate });
    if (opts.withSecurity) this.alerts.push({ ruleId: LAB_RULES[rule], event: `${key}#4688`, verdict, reason: `${reason} (Security 4688 view of the same process)`, escalate });
  }

  host(id: string, weight: number, host: Host, description: string): void {
    this.facts.push({ id, kind: 'host', weight, description, values: [host.name, host.fqdn, host.ip] });
  }

  user(id: string, weight: number, user: User, description: string): void {
    this.facts.push({ id, kind: 'user', weight, description, values: [`${this.org.domain}\\${user.sam}`, user.sam, user.email] });
  }

  indicator(id: string, weight: number, type: IndicatorType, values: string[], description: string): void {
    this.facts.push({ id, kind: 'indicator', weight, description, type, values });
  }

  /** A technique fact, id "t-<technique>" (e.g. t-t1059.001). */
  technique(technique: string, weight: number, description: string, alsoAccept?: string[]): void {
    const fact: FactOf<'technique'> = { id: `t-${technique.toLowerCase()}`, kind: 'technique', weight, description, technique, acceptParent: true };
    if (alsoAccept) fact.alsoAccept = alsoAccept;
    this.facts.push(fact);
  }

  timeline(id: string, weight: number, ts: number, description: string, terms: string[][], toleranceSeconds = 300): void {
    this.facts.push({ id, kind: 'timeline', weight, description, time: isoTime(ts), toleranceSeconds, terms, order: ++this.timelineOrder });
  }

  action(id: string, weight: number, description: string, terms: string[][]): void {
    this.facts.push({ id, kind: 'action', weight, description, terms });
  }

  verdictAndSeverity(verdict: AlertVerdict, severity: Level, why: string): void {
    this.facts.push({ id: 'verdict', kind: 'verdict', weight: 10, description: why, value: verdict });
    this.facts.push({ id: 'severity', kind: 'severity', weight: 5, description: `Severity ${severity}.`, value: severity,
      partial: neighbours(severity) });
  }

  forbid(claim: ForbiddenClaim): void {
    this.forbidden.push(claim);
  }

  forbidHost(id: string, host: Host, description: string, penalty = 5): void {
    this.forbidden.push({ id, kind: 'host', values: [host.name, host.fqdn, host.ip], description, penalty });
  }

  forbidUser(id: string, user: User, description: string, penalty = 5): void {
    this.forbidden.push({ id, kind: 'user', values: [`${this.org.domain}\\${user.sam}`, user.sam], description, penalty });
  }
}

const LEVEL_ORDER: readonly Level[] = ['informational', 'low', 'medium', 'high', 'critical'];
function neighbours(level: Level): Level[] {
  const i = LEVEL_ORDER.indexOf(level);
  return [LEVEL_ORDER[i - 1], LEVEL_ORDER[i + 1]].filter((x): x is Level => x !== undefined);
}

/** Standard containment actions, phrased as the key's term groups. */
export const ACTIONS = {
  isolate: (what: string[]) => [['isolate', 'isolation', 'quarantine', 'contain', 'disconnect', 'network containment'], what],
  reset: [['reset', 'rotate', 'change', 'disable', 'revoke'], ['password', 'passwords', 'credential', 'credentials', 'account', 'accounts']],
  block: (what: string[]) => [['block', 'blocklist', 'blacklist', 'deny', 'sinkhole'], what],
};
