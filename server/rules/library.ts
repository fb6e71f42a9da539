// The server's Sigma rule set, reloadable while the lab runs. A reload compiles the new set aside
// and swaps it in only if it has no errors; otherwise the last good set stays and the diagnostics
// are kept for the instructor. The first load takes whatever compiles (bad rules are reported and
// skipped), so one broken rule never leaves the lab without rules. Reloads run one at a time.
import { watch, type FSWatcher } from 'chokidar';
import type { Diagnostic } from '../../engine/api.js';
import type { RuleSet } from '../../engine/ruleset.js';
import { loadRuleSet } from '../../engine/node/load-rule-set.js';
import type { RuleLibraryStatus, RuleReloadTrigger } from '../contract/api.js';

/** At most this many diagnostics are kept for display (counts are always complete). */
export const MAX_KEPT_DIAGNOSTICS = 200;

interface Loaded {
  ruleSet: RuleSet;
  at: string;
  files: number;
}

export interface RuleLibraryOptions {
  rulesDir: string;
  /** Where reload outcomes are logged. */
  log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

export class RuleLibrary {
  private loaded: Loaded | null = null;
  private last: RuleLibraryStatus['lastReload'] = null;
  private queue: Promise<unknown> = Promise.resolve();
  private watcher: FSWatcher | null = null;
  private debounce: NodeJS.Timeout | null = null;

  constructor(private readonly options: RuleLibraryOptions) {}

  /** The rule set in use, or null before the first successful load. */
  get ruleSet(): RuleSet | null {
    return this.loaded?.ruleSet ?? null;
  }

  status(): RuleLibraryStatus {
    return {
      rulesDir: this.options.rulesDir,
      loaded: this.loaded && {
        at: this.loaded.at,
        rules: this.loaded.ruleSet.loaded,
        failed: this.loaded.ruleSet.failed,
        files: this.loaded.files,
      },
      lastReload: this.last,
      watching: this.watcher !== null,
    };
  }

  /** Loads the rules folder again; resolves with the status after this reload. */
  reload(trigger: RuleReloadTrigger): Promise<RuleLibraryStatus> {
    const run = this.queue.then(() => this.reloadNow(trigger));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async reloadNow(trigger: RuleReloadTrigger): Promise<RuleLibraryStatus> {
    const at = new Date().toISOString();
    let diagnostics: Diagnostic[] = [];
    let swapped = false;
    let message: string | null = null;
    try {
      const result = await loadRuleSet({ rules: [this.options.rulesDir] });
      diagnostics = [...result.configDiagnostics, ...result.ruleSet.diagnostics];
      const errors = diagnostics.filter((d) => d.severity === 'error').length;
      if (this.loaded === null || errors === 0) {
        this.loaded = { ruleSet: result.ruleSet, at, files: result.files };
        swapped = true;
      } else {
        message = `kept the previous rule set: the new one has ${errors} error(s)`;
      }
    } catch (err) {
      message = `kept the previous rule set: ${err instanceof Error ? err.message : String(err)}`;
    }
    const count = (s: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === s).length;
    this.last = {
      at,
      trigger,
      swapped,
      message,
      errors: count('error'),
      warnings: count('warning'),
      diagnostics: diagnostics.slice(0, MAX_KEPT_DIAGNOSTICS),
    };
    const summary = { trigger, swapped, errors: this.last.errors, warnings: this.last.warnings, rules: this.loaded?.ruleSet.loaded ?? 0 };
    if (swapped) this.options.log?.info(summary, 'rules loaded');
    else this.options.log?.warn({ ...summary, reason: message }, 'rules not swapped');
    return this.status();
  }

  /** Reloads when a file under the rules folder changes (changes within `debounceMs` are batched). */
  async watch(debounceMs = 300): Promise<void> {
    if (this.watcher) return;
    const watcher = watch(this.options.rulesDir, { ignoreInitial: true, awaitWriteFinish: false });
    this.watcher = watcher;
    watcher.on('all', () => {
      if (this.debounce) clearTimeout(this.debounce);
      this.debounce = setTimeout(() => {
        this.debounce = null;
        void this.reload('watch');
      }, debounceMs);
    });
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  }

  async close(): Promise<void> {
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = null;
    const w = this.watcher;
    this.watcher = null;
    if (w) await w.close();
    await this.queue;
  }
}
