// Helpers for replay tests: waiting on the persisted replay state, and the alerts `soclab scan`
// raises on a file (the same engine path: the rules folder loaded with its mappings, the file read
// with the engine's reader, RuleSet.match per event).
import { setTimeout as sleep } from 'node:timers/promises';
import { loadRuleSet } from '../../engine/node/load-rule-set.js';
import { openEventFile } from '../../engine/node/read-event-file.js';
import type { SoclabApp } from '../../server/app.js';
import type { ExerciseRow } from '../../server/store/index.js';

/** Polls the exercise row until `done` holds (fails after `timeoutMs`, a guard against hangs only). */
export async function waitFor(app: SoclabApp, exerciseId: number, done: (e: ExerciseRow) => boolean, what: string, timeoutMs = 150_000): Promise<ExerciseRow> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const e = app.soclab.store.exercises.byId(exerciseId)!;
    if (done(e)) return e;
    if (Date.now() > end) throw new Error(`timed out waiting for exercise ${exerciseId}: ${what} (now ${e.replayStatus} at ${e.replayPosition})`);
    await sleep(25);
  }
}

/** "ruleId@eventIndex" of every alert `soclab scan -r rulesDir file` gives (eventIndex = line - 1). */
export async function scanKeys(rulesDir: string, file: string): Promise<string[]> {
  const { ruleSet } = await loadRuleSet({ rules: [rulesDir] });
  const { records } = await openEventFile(file);
  const keys: string[] = [];
  for await (const { event, source } of records) {
    for (const hit of ruleSet.match(event)) keys.push(`${hit.rule.id}@${source.line! - 1}`);
  }
  return keys.sort();
}

/** "ruleId@eventIndex" of the exercise's stored alerts. */
export function storedKeys(app: SoclabApp, exerciseId: number): string[] {
  const rows = app.soclab.store.db
    .prepare('SELECT rule_id AS ruleId, event_index AS eventIndex FROM alerts WHERE exercise_id = ?')
    .all(exerciseId) as { ruleId: string; eventIndex: number }[];
  return rows.map((r) => `${r.ruleId}@${r.eventIndex}`).sort();
}
