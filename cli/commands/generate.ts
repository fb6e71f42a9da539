// `soclab generate SCENARIO`: writes a scenario's events.jsonl, answer-key.json and manifest.json.
// The generator itself is pure (datasets/generator.ts); this file only writes files and progress.
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { Command } from 'commander';
import { generateScenario } from '../../datasets/generator.js';
import { findScenario, SCENARIOS } from '../../datasets/scenarios/index.js';
import { EXIT_OK, EXIT_USAGE, UsageError, usageExitCodes } from '../lib/cli-errors.js';

interface GenerateFlags {
  seed: string;
  out?: string;
  scale: string;
  progress: boolean;
}

export function register(program: Command): void {
  const cmd = new Command('generate')
    .description('generate a training scenario: events.jsonl (time-ordered), answer-key.json, manifest.json')
    .argument('<scenario>', 'scenario id (see `soclab scenarios`)')
    .option('-s, --seed <n>', 'random seed: the same seed gives the same bytes', '1')
    .option('-o, --out <dir>', 'output folder (default: ./<scenario>-<seed>)')
    .option('--scale <f>', 'background volume multiplier (1 = a normal day, 0 = the attack story alone)', '1')
    .option('--no-progress', 'no progress on stderr');
  cmd.addHelpText('after', `
Examples:
  soclab generate phishing-macro-beacon --seed 7 --out /tmp/phish
  soclab generate quiet-day --scale 10`);
  usageExitCodes(cmd);
  cmd.action(async (id: string, flags: GenerateFlags) => {
    try {
      process.exitCode = await runGenerate(id, flags);
    } catch (err) {
      if (err instanceof UsageError) {
        process.stderr.write(`soclab generate: ${err.message}\n`);
        process.exitCode = EXIT_USAGE;
        return;
      }
      throw err;
    }
  });
  program.addCommand(cmd);
}

function parseSeed(text: string): number | string {
  return /^-?\d{1,15}$/.test(text) ? Number(text) : text;
}

async function runGenerate(id: string, flags: GenerateFlags): Promise<number> {
  const scenario = findScenario(id);
  if (!scenario) throw new UsageError(`unknown scenario "${id}"; known: ${SCENARIOS.map((s) => s.id).join(', ')}`);
  const scale = Number(flags.scale);
  if (!Number.isFinite(scale) || scale < 0 || scale > 10_000) throw new UsageError(`--scale must be a number from 0 to 10000 (got "${flags.scale}")`);
  const seed = parseSeed(flags.seed);
  const out = flags.out ?? `${scenario.id}-${seed}`;
  await mkdir(out, { recursive: true });
  const eventsPath = path.join(out, 'events.jsonl');
  const stream = createWriteStream(eventsPath, { encoding: 'utf8' });
  const showProgress = flags.progress && (scale >= 5 || process.stderr.isTTY === true);
  let lastShown = -1;
  const result = await generateScenario(scenario, {
    seed,
    scale,
    onProgress: showProgress
      ? (done, lines) => {
          const pct = Math.floor(done * 100);
          if (pct >= lastShown + 5 || done === 1) {
            lastShown = pct;
            process.stderr.write(`generate ${scenario.id}: ${pct}% (${lines.toLocaleString('en')} events)\n`);
          }
        }
      : undefined,
  }, async (chunk) => {
    if (!stream.write(chunk)) await once(stream, 'drain');
  });
  stream.end();
  await once(stream, 'finish');
  await writeFile(path.join(out, 'answer-key.json'), JSON.stringify(result.answerKey, null, 2) + '\n');
  await writeFile(path.join(out, 'manifest.json'), JSON.stringify(result.manifest, null, 2) + '\n');
  process.stderr.write(`wrote ${result.manifest.events.toLocaleString('en')} events, answer-key.json and manifest.json to ${out}\n`);
  return EXIT_OK;
}
