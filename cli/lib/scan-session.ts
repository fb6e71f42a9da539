// What `soclab scan` shows while it runs: alerts on stdout (buffered, backpressure-aware), malformed
// input and read errors on stderr, a progress bar when stderr is a terminal, and the final summary.
import cliProgress from 'cli-progress';
import { LEVELS, type Alert, type Level } from '../../engine/api.js';
import type { InputProblem } from '../../engine/input/index.js';
import type { ScanFileResult } from '../../engine/node/scan-file.js';
import type { CorrelatingAlertStream } from '../../engine/correlation/index.js';
import { alertJsonLine, alertTextBlock } from './format-alert.js';
import { formatDiagnostic } from './format-diagnostic.js';
import { OutputWriter } from './output-writer.js';
import { escapeForTerminal } from './terminal-text.js';

/** Malformed lines printed before "--verbose for all". */
export const SHOWN_PROBLEMS = 5;

export interface ScanSessionOptions {
  output: 'text' | 'jsonl';
  verbose: boolean;
  /** Show a progress bar of `totalBytes` (the caller checks that stderr is a TTY and sizes are known). */
  progress: boolean;
  totalBytes: number;
  /** Correlation rules over the alert stream (engine/correlation), when any were loaded. */
  correlation?: CorrelatingAlertStream;
}

export interface RuleCounts {
  loaded: number;
  failed: number;
  skippedDataFiles: number;
}

export class ScanSession {
  readonly writer = new OutputWriter(process.stdout);
  private readonly jsonl: boolean;
  private readonly colour: boolean;
  private readonly verbose: boolean;
  private readonly bar: cliProgress.SingleBar | undefined;
  /** stderr lines held back while the progress bar owns the terminal. */
  private readonly held: string[] = [];
  private problemsShown = 0;
  private readonly byLevel = new Map<Level, number>();
  private readonly started = performance.now();
  events = 0;
  malformed = 0;
  alerts = 0;
  files = 0;
  failedInputs = 0;
  private bytesDone = 0;
  private interruptedFlag = false;
  private readonly correlation: CorrelatingAlertStream | undefined;

  constructor(options: ScanSessionOptions) {
    this.correlation = options.correlation;
    this.jsonl = options.output === 'jsonl';
    this.colour = !this.jsonl && Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
    this.verbose = options.verbose;
    if (options.progress && options.totalBytes > 0) {
      this.bar = new cliProgress.SingleBar(
        {
          stream: process.stderr,
          format: 'scanning [{bar}] {percentage}% | {value}/{total} bytes | {events} events, {alerts} alerts',
          hideCursor: true,
          clearOnComplete: true,
        },
        cliProgress.Presets.shades_classic,
      );
      this.bar.start(options.totalBytes, 0, { events: 0, alerts: 0 });
    }
  }

  /** True once stdout's reader went away: stop scanning. */
  get stopped(): boolean {
    return this.writer.closed || this.interruptedFlag;
  }

  /** Ctrl-C: stop reading soon, flush what is buffered, and still print the summary. */
  interrupt(): void {
    this.interruptedFlag = true;
  }

  get interrupted(): boolean {
    return this.interruptedFlag;
  }

  /**
   * Takes one detection alert; await the result when it is a promise (stdout is full). With
   * correlations, the alert may be hidden (generate: false) and correlation alerts may follow it.
   */
  alert(alert: Alert): Promise<void> | undefined {
    if (!this.correlation) return this.write(alert);
    return this.writeAll(this.correlation.accept(alert));
  }

  private writeAll(alerts: Alert[]): Promise<void> | undefined {
    let pending: Promise<void> | undefined;
    for (const a of alerts) {
      const p = this.write(a);
      if (p) pending = pending ? pending.then(() => p) : p;
    }
    return pending;
  }

  private write(alert: Alert): Promise<void> | undefined {
    this.alerts++;
    this.byLevel.set(alert.rule.level, (this.byLevel.get(alert.rule.level) ?? 0) + 1);
    return this.writer.write(this.jsonl ? alertJsonLine(alert) : alertTextBlock(alert, this.colour));
  }

  problem(p: InputProblem): void {
    if (!this.verbose && this.problemsShown >= SHOWN_PROBLEMS) return;
    this.problemsShown++;
    this.stderr(`  ${formatDiagnostic(p)}\n`);
  }

  /** Progress: `inFlightBytes` are the bytes read in files not finished yet. */
  progress(inFlightBytes: number, inFlightEvents = 0): void {
    this.bar?.update(this.bytesDone + inFlightBytes, { events: this.events + inFlightEvents, alerts: this.alerts });
  }

  fileDone(result: ScanFileResult): void {
    this.files++;
    this.events += result.events;
    this.malformed += result.malformed;
    this.bytesDone += result.bytes;
    if (result.error) {
      this.failedInputs++;
      this.stderr(`soclab scan: ${escapeForTerminal(result.error)}\n`);
    }
    this.progress(0);
  }

  private stderr(line: string): void {
    if (this.bar) this.held.push(line);
    else process.stderr.write(line);
  }

  /** Flushes stdout, stops the bar, prints held messages and the summary. */
  async finish(rules: RuleCounts, inputs: number, loadSeconds: number, jobs: number): Promise<void> {
    // End of input decides the correlation windows still open (lt/eq/avg/percentile conditions).
    if (this.correlation && !this.stopped) await this.writeAll(this.correlation.finish());
    await this.writer.flush();
    if (this.bar) {
      this.bar.stop();
      for (const line of this.held) process.stderr.write(line);
    }
    if (this.malformed > this.problemsShown) {
      process.stderr.write(`  (${this.malformed - this.problemsShown} more malformed lines/records not shown; --verbose for all)\n`);
    }
    if (this.writer.error) process.stderr.write(`soclab scan: writing alerts failed: ${this.writer.error.message}\n`);
    for (const d of this.correlation?.diagnostics ?? []) process.stderr.write(`  ${formatDiagnostic(d)}\n`);
    const seconds = (performance.now() - this.started) / 1000;
    const levels = [...LEVELS].reverse().filter((l) => this.byLevel.has(l)).map((l) => `${l} ${this.byLevel.get(l)}`);
    const summary = [
      `files:    ${inputs}${this.failedInputs ? ` (${this.failedInputs} failed part-way)` : ''}`,
      `events:   ${this.events}, malformed lines/records: ${this.malformed}`,
      `alerts:   ${this.alerts}${levels.length ? ` (${levels.join(', ')})` : ''}`,
      `rules:    ${rules.loaded} loaded, ${rules.failed} skipped with errors${rules.skippedDataFiles ? `, ${rules.skippedDataFiles} mapping files ignored` : ''}`,
      ...(this.correlation ? [`correlations: ${this.correlation.summary()}`] : []),
      `elapsed:  rules loaded in ${loadSeconds.toFixed(2)} s, scan ${seconds.toFixed(2)} s, ` +
        `${Math.round(this.events / Math.max(seconds, 1e-6))} events/s${jobs > 1 ? ` (${jobs} workers)` : ''}${this.writer.closed ? ' (output closed early)' : ''}${this.interruptedFlag ? ' (interrupted)' : ''}`,
    ];
    process.stderr.write(`soclab scan summary\n  ${summary.join('\n  ')}\n`);
  }
}
