// `soclab check`: validates Sigma rules and prints every diagnostic.
import { Command } from 'commander';
import { ConfigError } from '../../engine/node/load-config.js';
import { loadRuleSet } from '../../engine/node/load-rule-set.js';
import { RulePathError } from '../../engine/node/rule-files.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, usageExitCodes } from '../lib/cli-errors.js';
import { formatDiagnostic } from '../lib/format-diagnostic.js';
import { addRuleConfigOptions, ruleLoadOptions, type RuleConfigFlags } from '../lib/rule-options.js';
import { escapeForTerminal } from '../lib/terminal-text.js';

interface CheckFlags extends RuleConfigFlags {
  json?: boolean;
}

export function register(program: Command): void {
  const cmd = new Command('check')
    .description('validate Sigma rules: print every diagnostic (errors, warnings, notes) and a summary')
    .argument('<paths...>', 'rule files or folders (searched recursively for .yml/.yaml)')
    .option('--json', 'print {"loaded": n, "failed": n, "diagnostics": [...]} instead of text');
  addRuleConfigOptions(cmd);
  cmd.addHelpText(
    'after',
    `
Each diagnostic: file:line: severity CODE path: message (hint)
Exit codes: 0 every rule loaded (warnings allowed), 1 a rule failed, 2 unusable arguments.

Examples:
  soclab check rules/
  soclab check ../shared/sigmahq/rules/windows --json > report.json
  soclab check my-rule.yml --var admin_users=alice`,
  );
  usageExitCodes(cmd);
  cmd.action(async (paths: string[], flags: CheckFlags) => {
    try {
      process.exitCode = await runCheck(paths, flags);
    } catch (err) {
      if (err instanceof RulePathError || err instanceof ConfigError) {
        process.stderr.write(`soclab check: ${escapeForTerminal(err.message)}\n`);
        process.exitCode = EXIT_USAGE;
        return;
      }
      throw err;
    }
  });
  program.addCommand(cmd);
}

async function runCheck(paths: string[], flags: CheckFlags): Promise<number> {
  const loaded = await loadRuleSet(ruleLoadOptions(paths, flags));
  const { ruleSet } = loaded;
  const diagnostics = [...loaded.configDiagnostics, ...ruleSet.diagnostics];
  const configFailed = loaded.configDiagnostics.some((d) => d.severity === 'error');
  // Correlation documents with errors count as failed rules too.
  const failed = ruleSet.failed + ruleSet.correlationSet.failed;
  const code = failed > 0 || configFailed ? EXIT_FAILURE : EXIT_OK;
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ loaded: ruleSet.loaded, failed, diagnostics }, null, 2)}\n`);
    return code;
  }
  const out: string[] = diagnostics.map((d) => formatDiagnostic(d));
  const count = (s: string) => diagnostics.filter((d) => d.severity === s).length;
  out.push(
    `${loaded.files} rule files: ${ruleSet.loaded} rules loaded${ruleSet.correlationSet.rules.length ? ` (+${ruleSet.correlationSet.rules.length} correlations)` : ''}, ${failed} failed; ` +
      `${count('error')} errors, ${count('warning')} warnings, ${count('info')} notes` +
      (loaded.skippedDataFiles.length ? `; ${loaded.skippedDataFiles.length} mapping files ignored` : ''),
  );
  if (loaded.files === 0) out.push(`no rule files found under ${escapeForTerminal(paths.join(', '))}`);
  process.stdout.write(`${out.join('\n')}\n`);
  return code;
}
