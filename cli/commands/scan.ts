// `soclab scan`: runs Sigma rules over log files (or stdin) and prints alerts.
import { Command, Option } from 'commander';
import { availableParallelism } from 'node:os';
import { LEVELS, type Diagnostic, type Level } from '../../engine/api.js';
import type { RuleSet } from '../../engine/ruleset.js';
import { INPUT_FORMATS, isInputFormatOption, type InputFormatOption } from '../../engine/input/index.js';
import { ConfigError } from '../../engine/node/load-config.js';
import { loadRuleSet, type RuleSetLoadOptions } from '../../engine/node/load-rule-set.js';
import { checkInputFile, InputError } from '../../engine/node/open-input.js';
import { scanEventFile } from '../../engine/node/scan-file.js';
import { RulePathError } from '../../engine/node/rule-files.js';
import { collect, EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, UsageError, usageExitCodes } from '../lib/cli-errors.js';
import { formatDiagnostic } from '../lib/format-diagnostic.js';
import { addRuleConfigOptions, ruleLoadOptions, type RuleConfigFlags } from '../lib/rule-options.js';
import { ScanPool, WorkerFatal, workerScript, type WorkerReady } from '../lib/scan-pool.js';
import { ScanSession, SHOWN_PROBLEMS } from '../lib/scan-session.js';
import { escapeForTerminal } from '../lib/terminal-text.js';
import { CorrelatingAlertStream, compileCorrelations, parseTimespan } from '../../engine/correlation/index.js';

const OUTPUTS = ['text', 'jsonl'] as const;

interface ScanFlags extends RuleConfigFlags {
  rules: string[];
  format: string;
  output: string;
  minLevel?: string;
  verbose?: boolean;
  progress: boolean;
  jobs?: string;
  lateTolerance?: string;
}

export function register(program: Command): void {
  const cmd = new Command('scan')
    .description('run Sigma rules over log files (JSON lines, JSON array, evtx_dump JSON; gzip too) and print alerts')
    .argument('[files...]', 'log files to scan; none or "-" reads stdin')
    .requiredOption('-r, --rules <path>', 'rule file or folder, searched recursively for .yml/.yaml (repeatable)', collect)
    .addOption(new Option('-f, --format <format>', `input format: auto, ${INPUT_FORMATS.join(', ')}`).default('auto'))
    .addOption(new Option('-o, --output <mode>', 'alert output on stdout: text or jsonl (one Alert JSON object per line)').default('text'))
    .option('--min-level <level>', `skip rules below this level (${LEVELS.join(', ')})`)
    .option('-v, --verbose', 'print every rule diagnostic and every malformed input line')
    .option('--no-progress', 'no progress bar (it is shown only when stderr is a terminal)')
    .option('-j, --jobs <n>', 'scan files in N worker threads (or auto: one per CPU); alerts of different files then interleave')
    .option('--late-tolerance <timespan>', 'correlation rules: how much older (event time) than the newest hit a hit may be and still correlate, e.g. 1m (default), 1d for files with overlapping times');
  addRuleConfigOptions(cmd);
  cmd.addHelpText(
    'after',
    `
Alerts go to stdout, the summary and problems to stderr.
Exit codes: 0 scan done (with or without alerts), 1 no rule could be loaded, 2 unusable arguments,
130 interrupted by Ctrl-C (the summary of what was scanned is still printed).

Examples:
  soclab scan --rules ../shared/sigmahq/rules/windows Security.jsonl
  soclab scan -r rules/ -o jsonl logs/*.json.gz > alerts.jsonl
  evtx_dump -o json Security.evtx | soclab scan -r sigma/rules/windows --min-level high
  soclab scan -r my-rule.yml --format evtx-json --var admin_users=alice dump.json
  soclab scan -r ../shared/sigmahq/rules/windows -j auto -o jsonl exports/*.jsonl`,
  );
  usageExitCodes(cmd);
  cmd.action(async (files: string[], flags: ScanFlags) => {
    try {
      process.exitCode = await runScan(files, flags);
    } catch (err) {
      if (err instanceof UsageError || err instanceof InputError || err instanceof RulePathError || err instanceof ConfigError) {
        process.stderr.write(`soclab scan: ${escapeForTerminal(err.message)}\n`);
        process.exitCode = EXIT_USAGE;
        return;
      }
      throw err;
    }
  });
  program.addCommand(cmd);
}

function checkFlags(flags: ScanFlags): Level | undefined {
  if (!isInputFormatOption(flags.format)) {
    throw new UsageError(`unknown --format "${flags.format}" (expected auto, ${INPUT_FORMATS.join(', ')})`);
  }
  if (!(OUTPUTS as readonly string[]).includes(flags.output)) {
    throw new UsageError(`unknown --output "${flags.output}" (expected ${OUTPUTS.join(' or ')})`);
  }
  if (flags.minLevel !== undefined && !(LEVELS as readonly string[]).includes(flags.minLevel)) {
    throw new UsageError(`unknown --min-level "${flags.minLevel}" (expected ${LEVELS.join(', ')})`);
  }
  return flags.minLevel as Level | undefined;
}

function printDiagnostics(diagnostics: readonly Diagnostic[], verbose: boolean, what: string): void {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const shown = verbose ? diagnostics : errors.slice(0, SHOWN_PROBLEMS);
  if (shown.length === 0) return;
  const others = diagnostics.length - errors.length;
  const head = verbose
    ? `${diagnostics.length} ${what} diagnostics:`
    : `${errors.length} ${what} error(s)${errors.length > shown.length ? `, first ${shown.length} below` : ''}${others ? ` (+${others} warnings/notes)` : ''}; --verbose for all:`;
  process.stderr.write(`soclab scan: ${head}\n`);
  for (const d of shown) process.stderr.write(`  ${formatDiagnostic(d)}\n`);
}

async function runScan(fileArgs: string[], flags: ScanFlags): Promise<number> {
  const started = performance.now();
  const minLevel = checkFlags(flags);
  const jobs = parseJobs(flags.jobs);
  const lateTolerance = flags.lateTolerance === undefined ? undefined : parseTimespan(flags.lateTolerance);
  if (flags.lateTolerance !== undefined && lateTolerance === undefined) throw new UsageError(`--late-tolerance "${flags.lateTolerance}": expected a number and s, m, h or d, e.g. 5m`);
  const verbose = Boolean(flags.verbose);
  const inputs = fileArgs.length ? fileArgs : ['-'];
  if (inputs.includes('-') && process.stdin.isTTY) {
    throw new UsageError('no log file given and stdin is a terminal (pipe events in, or name files; see --help)');
  }
  if (inputs.filter((f) => f === '-').length > 1) throw new UsageError('stdin ("-") can be read only once');
  let totalSize = 0;
  let sizeKnown = true;
  for (const f of inputs) {
    if (f === '-') {
      sizeKnown = false;
      continue;
    }
    const size = await checkInputFile(f);
    if (size === undefined) sizeKnown = false;
    else totalSize += size;
  }
  const load: RuleSetLoadOptions = { ...ruleLoadOptions(flags.rules, flags), minLevel };
  const format = flags.format as InputFormatOption;
  const script = workerScript();
  const workers = script && !inputs.includes('-') ? Math.min(jobs, inputs.length) : 1;

  // Load the rules: in this thread, or in each worker (the first one's report stands for all).
  let pool: ScanPool | undefined;
  let ruleSet: RuleSet | undefined;
  let report: Omit<WorkerReady, 'type'>;
  if (workers > 1) {
    try {
      pool = await ScanPool.start(script!, workers, { load, format, maxProblemsPerFile: verbose ? Infinity : SHOWN_PROBLEMS });
    } catch (err) {
      if (err instanceof WorkerFatal && err.usage) throw new UsageError(err.message);
      throw err;
    }
    report = pool.ready;
  } else {
    const loaded = await loadRuleSet(load);
    ruleSet = loaded.ruleSet;
    report = {
      loaded: ruleSet.loaded,
      failed: ruleSet.failed,
      files: loaded.files,
      skippedDataFiles: loaded.skippedDataFiles,
      diagnostics: ruleSet.diagnostics,
      configDiagnostics: loaded.configDiagnostics,
    };
  }
  try {
    const configErrors = report.configDiagnostics.filter((d) => d.severity === 'error');
    if (configErrors.length) {
      for (const d of configErrors) process.stderr.write(`  ${formatDiagnostic(d)}\n`);
      throw new ConfigError(`${configErrors.length} error(s) in mapping / field-map files`);
    }
    printDiagnostics(report.diagnostics, verbose, 'rule');
    if (report.loaded === 0) {
      process.stderr.write(`soclab scan: no rule loaded from ${escapeForTerminal(flags.rules.join(', '))} (${report.failed} failed, ${report.files} rule files)\n`);
      return EXIT_FAILURE;
    }
    const loadSeconds = (performance.now() - started) / 1000;

    // Correlation rules: compiled with the rule set here, or (worker mode) from the first worker's report.
    const correlationSet = ruleSet?.correlationSet ?? (report.correlation ? compileCorrelations(report.correlation.documents, report.correlation.rules) : undefined);
    const session = new ScanSession({
      correlation: correlationSet?.rules.length ? new CorrelatingAlertStream(correlationSet, { lateToleranceMs: lateTolerance }) : undefined,
      output: flags.output as 'text' | 'jsonl',
      verbose,
      progress: flags.progress && Boolean(process.stderr.isTTY) && sizeKnown,
      totalBytes: totalSize,
    });
    // First Ctrl-C: stop soon and still print the summary; a second one ends the process at once.
    const onSigint = () => session.interrupt();
    process.once('SIGINT', onSigint);
    try {
      if (pool) {
        await pool.run(inputs, session);
      } else {
        for (const file of inputs) {
          const result = await scanEventFile(file, ruleSet!, (alert) => session.alert(alert), {
            format,
            onProblem: (p) => session.problem(p),
            onProgress: (bytes, events) => session.progress(bytes, events),
            shouldStop: () => session.stopped,
          });
          session.fileDone(result);
          if (session.stopped) break;
        }
      }
    } finally {
      process.off('SIGINT', onSigint);
    }
    await session.finish({ loaded: report.loaded, failed: report.failed, skippedDataFiles: report.skippedDataFiles.length }, inputs.length, loadSeconds, workers);
    if (session.interrupted) return EXIT_INTERRUPTED;
    return session.failedInputs > 0 ? EXIT_USAGE : EXIT_OK;
  } finally {
    await pool?.close();
  }
}

function parseJobs(value: string | undefined): number {
  if (value === undefined) return 1;
  if (value === 'auto') return Math.max(1, availableParallelism());
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError(`--jobs "${value}": expected a number from 1 to 64, or auto`);
  return n;
}
