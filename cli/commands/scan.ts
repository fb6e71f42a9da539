// `soclab scan`: runs Sigma rules over log files (or stdin) and prints alerts.
import { Command, Option } from 'commander';
import cliProgress from 'cli-progress';
import { LEVELS, type Diagnostic, type Level } from '../../engine/api.js';
import { INPUT_FORMATS, isInputFormatOption, type InputFormatOption, type InputProblem } from '../../engine/input/index.js';
import { ConfigError } from '../../engine/node/load-config.js';
import { loadRuleSet } from '../../engine/node/load-rule-set.js';
import { checkInputFile, InputError } from '../../engine/node/open-input.js';
import { openEventFile } from '../../engine/node/read-event-file.js';
import { RulePathError } from '../../engine/node/rule-files.js';
import { collect, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError, usageExitCodes } from '../lib/cli-errors.js';
import { alertJsonLine, alertsFor, alertTextBlock } from '../lib/format-alert.js';
import { formatDiagnostic } from '../lib/format-diagnostic.js';
import { OutputWriter } from '../lib/output-writer.js';
import { addRuleConfigOptions, type RuleConfigFlags } from '../lib/rule-options.js';
import { escapeForTerminal } from '../lib/terminal-text.js';

const OUTPUTS = ['text', 'jsonl'] as const;
/** Problems printed before "--verbose for all". */
const SHOWN_PROBLEMS = 5;

interface ScanFlags extends RuleConfigFlags {
  rules: string[];
  format: string;
  output: string;
  minLevel?: string;
  verbose?: boolean;
  progress: boolean;
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
    .option('--no-progress', 'no progress bar (it is shown only when stderr is a terminal)');
  addRuleConfigOptions(cmd);
  cmd.addHelpText(
    'after',
    `
Alerts go to stdout, the summary and problems to stderr.
Exit codes: 0 scan done (with or without alerts), 1 no rule could be loaded, 2 unusable arguments.

Examples:
  soclab scan --rules ../shared/sigmahq/rules/windows Security.jsonl
  soclab scan -r rules/ -o jsonl logs/*.json.gz > alerts.jsonl
  evtx_dump -o json Security.evtx | soclab scan -r sigma/rules/windows --min-level high
  soclab scan -r my-rule.yml --format evtx-json --var admin_users=alice dump.json`,
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
  const verbose = Boolean(flags.verbose);
  const inputs = fileArgs.length ? fileArgs : ['-'];
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

  const loaded = await loadRuleSet({
    rules: flags.rules,
    mappings: flags.mapping,
    noDefaultMappings: flags.defaultMappings === false,
    fieldMap: flags.fieldMap,
    vars: flags.var,
    placeholdersFile: flags.placeholders,
    minLevel,
  });
  const configErrors = loaded.configDiagnostics.filter((d) => d.severity === 'error');
  if (configErrors.length) {
    for (const d of configErrors) process.stderr.write(`  ${formatDiagnostic(d)}\n`);
    throw new ConfigError(`${configErrors.length} error(s) in mapping / field-map files`);
  }
  const { ruleSet } = loaded;
  printDiagnostics(ruleSet.diagnostics, verbose, 'rule');
  if (ruleSet.loaded === 0) {
    process.stderr.write(`soclab scan: no rule loaded from ${escapeForTerminal(flags.rules.join(', '))} (${ruleSet.failed} failed, ${loaded.files} rule files)\n`);
    return EXIT_FAILURE;
  }

  const scanStarted = performance.now();
  const writer = new OutputWriter(process.stdout);
  const jsonl = flags.output === 'jsonl';
  const colour = !jsonl && Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
  const useBar = flags.progress && Boolean(process.stderr.isTTY) && sizeKnown && totalSize > 0;
  const bar = useBar
    ? new cliProgress.SingleBar(
        { stream: process.stderr, format: 'scanning [{bar}] {percentage}% | {value}/{total} bytes | {events} events, {alerts} alerts', hideCursor: true, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  const pendingProblems: string[] = [];
  let problemsShown = 0;
  const reportProblem = (p: InputProblem) => {
    if (!verbose && problemsShown >= SHOWN_PROBLEMS) return;
    problemsShown++;
    const line = `  ${formatDiagnostic(p)}\n`;
    if (bar) pendingProblems.push(line);
    else process.stderr.write(line);
  };

  const byLevel = new Map<Level, number>();
  let events = 0;
  let malformed = 0;
  let alerts = 0;
  let bytesDone = 0;
  let inputFailed = false;
  bar?.start(totalSize, 0, { events: 0, alerts: 0 });

  scanning: for (const file of inputs) {
    const { input, parser, records } = await openEventFile(file, { format: flags.format as InputFormatOption, onProblem: reportProblem });
    try {
      for await (const { event, source } of records) {
        events++;
        const hits = ruleSet.match(event);
        if (hits.length) {
          for (const alert of alertsFor(hits, event, source)) {
            alerts++;
            byLevel.set(alert.rule.level, (byLevel.get(alert.rule.level) ?? 0) + 1);
            const pending = writer.write(jsonl ? alertJsonLine(alert) : alertTextBlock(alert, colour));
            if (pending) await pending;
          }
          if (writer.closed) break scanning;
        }
        if (bar && (events & 1023) === 0) bar.update(bytesDone + input.bytesRead(), { events, alerts });
      }
    } catch (err) {
      inputFailed = true;
      const msg = err instanceof InputError ? err.message : `${input.name}: read failed: ${(err as Error).message}`;
      pendingProblems.push(`soclab scan: ${escapeForTerminal(msg)}\n`);
      if (!bar) process.stderr.write(pendingProblems.pop()!);
    } finally {
      malformed += parser.stats.malformed;
      bytesDone += input.bytesRead();
    }
  }
  await writer.flush();
  if (bar) {
    bar.update(bytesDone, { events, alerts });
    bar.stop();
    for (const line of pendingProblems) process.stderr.write(line);
  }
  if (malformed > problemsShown) process.stderr.write(`  (${malformed - problemsShown} more malformed lines/records not shown; --verbose for all)\n`);
  if (writer.error) process.stderr.write(`soclab scan: writing alerts failed: ${writer.error.message}\n`);

  const loadSeconds = (scanStarted - started) / 1000;
  const seconds = (performance.now() - scanStarted) / 1000;
  const levels = [...LEVELS].reverse().filter((l) => byLevel.has(l)).map((l) => `${l} ${byLevel.get(l)}`);
  const summary = [
    `files:    ${inputs.length}`,
    `events:   ${events}, malformed lines/records: ${malformed}`,
    `alerts:   ${alerts}${levels.length ? ` (${levels.join(', ')})` : ''}`,
    `rules:    ${ruleSet.loaded} loaded, ${ruleSet.failed} skipped with errors${loaded.skippedDataFiles.length ? `, ${loaded.skippedDataFiles.length} mapping files ignored` : ''}`,
    `elapsed:  rules loaded in ${loadSeconds.toFixed(2)} s, scan ${seconds.toFixed(2)} s, ${Math.round(events / Math.max(seconds, 1e-6))} events/s${writer.closed ? ' (output closed early)' : ''}`,
  ];
  process.stderr.write(`soclab scan summary\n  ${summary.join('\n  ')}\n`);
  return inputFailed ? EXIT_USAGE : EXIT_OK;
}
