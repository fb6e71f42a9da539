// `soclab scenarios`: lists the training scenarios (id, difficulty, ATT&CK techniques, summary).
import { Command } from 'commander';
import { SCENARIOS } from '../../datasets/scenarios/index.js';

export function register(program: Command): void {
  program
    .command('scenarios')
    .description('list the training scenarios `soclab generate` can produce')
    .option('--json', 'print a JSON array instead of a table')
    .action((flags: { json?: boolean }) => {
      const rows = SCENARIOS.map((s) => ({ id: s.id, version: s.version, title: s.title, summary: s.summary,
        difficulty: s.difficulty, techniques: s.techniques }));
      if (flags.json) {
        process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
        return;
      }
      const idWidth = Math.max(...rows.map((r) => r.id.length));
      for (const r of rows) {
        process.stdout.write(`${r.id.padEnd(idWidth)}  ${r.difficulty.padEnd(6)}  ${r.techniques.join(', ') || '-'}\n`);
        process.stdout.write(`${' '.repeat(idWidth)}  ${r.summary}\n`);
      }
    });
}
