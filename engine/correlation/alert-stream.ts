// Correlation for an alert stream such as `soclab scan`'s: detection alerts in (in input order),
// the alerts to print out: each detection alert unless a generate: false correlation hides its rule,
// then the correlation alerts it completed. finish() decides what only the end of input can decide.
import type { Alert, Diagnostic } from '../api.js';
import type { CorrelationSet } from './compile.js';
import type { Correlator } from './correlator.js';
import type { CorrelationAlert, CorrelatorOptions, CorrelatorStats } from './types.js';

export class CorrelatingAlertStream {
  private readonly correlator: Correlator;
  /** Detection alerts held back because their rule only feeds correlations (generate: false). */
  suppressed = 0;
  /** Correlation alerts emitted. */
  correlationAlerts = 0;

  constructor(
    private readonly set: CorrelationSet,
    options?: CorrelatorOptions,
  ) {
    this.correlator = set.createCorrelator(options);
  }

  /** Number of loaded correlation rules. */
  get rules(): number {
    return this.set.rules.length;
  }

  get stats(): CorrelatorStats {
    return this.correlator.stats;
  }

  /** Run-time warnings (memory cap, late events, events without time). */
  get diagnostics(): readonly Diagnostic[] {
    return this.correlator.diagnostics;
  }

  /** The alerts to emit for one detection alert, in order. Never throws. */
  accept(alert: Alert): Alert[] {
    const out: Alert[] = [];
    if (this.set.isSuppressed(alert.rule)) this.suppressed++;
    else out.push(alert);
    const correlated = this.correlator.pushAlert(alert);
    this.correlationAlerts += correlated.length;
    for (const c of correlated) out.push(c);
    return out;
  }

  /** End of input: the correlation alerts of windows still open (lt/eq/avg/percentile conditions). */
  finish(): CorrelationAlert[] {
    const out = this.correlator.flush();
    this.correlationAlerts += out.length;
    return out;
  }

  /** One line for a scan summary. */
  summary(): string {
    const s = this.correlator.stats;
    const skipped = [
      s.late ? `${s.late} late` : '', s.noTimestamp ? `${s.noTimestamp} without time` : '',
      s.missingField ? `${s.missingField} without a group-by/field value` : '',
    ].filter(Boolean);
    const n = (count: number, what: string) => `${count} ${what}${count === 1 ? '' : 's'}`;
    return `${n(this.rules, 'rule')}, ${n(this.correlationAlerts, 'alert')}, ${n(s.accepted, 'hit')} correlated` +
      `${skipped.length ? ` (not correlated: ${skipped.join(', ')})` : ''}` +
      `${this.suppressed ? `, ${this.suppressed} detection alerts shown only through correlations (generate: false)` : ''}` +
      `${s.droppedGroups || s.droppedEvents ? `, memory cap: ${s.droppedGroups} groups and ${s.droppedEvents} events dropped` : ''}`;
  }
}
