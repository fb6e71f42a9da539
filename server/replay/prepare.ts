// Prepares an exercise's event stream: generates its scenario (deterministic from scenario id +
// seed + scale) into <dataDir>/exercises/<id>/events.jsonl, then imports the events into SQLite
// (exercise_events), read with the engine's own reader so the replay matches exactly what
// `soclab scan` would on that file. Both steps can be redone: generation gives the same bytes and
// a partial import is cleared first; the import counts as done only once exercise_streams says so.
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { generateScenario, GENERATOR_VERSION, type Manifest } from '../../datasets/generator.js';
import { findScenario } from '../../datasets/scenarios/index.js';
import { openEventFile } from '../../engine/node/read-event-file.js';
import type { NewExerciseEvent, Store, StreamInfo } from '../store/index.js';
import { eventColumns } from './event-columns.js';

/** Rows per import transaction (the event loop gets a turn between them). */
const IMPORT_BATCH = 2000;

export class ScenarioUnknownError extends Error {}

export interface PrepareOptions {
  store: Store;
  /** Folder of per-exercise files (<dataDir>/exercises/<id>/). */
  dataDir: string;
  /** Background volume multiplier passed to the generator. */
  scale: number;
  /** Checked between batches: true stops the work (the app is closing). */
  cancelled: () => boolean;
}

export class PrepareCancelled extends Error {}

export function exerciseDir(dataDir: string, exerciseId: number): string {
  return join(dataDir, 'exercises', String(exerciseId));
}

/** Generates the scenario file unless an identical one (same manifest inputs) is already there. */
async function ensureEventsFile(dir: string, scenarioId: string, seed: number, scale: number, cancelled: () => boolean): Promise<string> {
  const eventsPath = join(dir, 'events.jsonl');
  const manifestPath = join(dir, 'manifest.json');
  try {
    const m = JSON.parse(await readFile(manifestPath, 'utf8')) as Manifest;
    if (m.scenario.id === scenarioId && m.seed === seed && m.scale === scale && m.generator === GENERATOR_VERSION) return eventsPath;
  } catch {
    // No usable manifest: generate.
  }
  const scenario = findScenario(scenarioId);
  if (!scenario) throw new ScenarioUnknownError(`unknown scenario "${scenarioId}"`);
  await mkdir(dir, { recursive: true });
  const tmp = `${eventsPath}.tmp`;
  const stream = createWriteStream(tmp, { encoding: 'utf8' });
  try {
    const result = await generateScenario(scenario, { seed, scale }, async (chunk) => {
      // Stops a long generation when the server closes (the .tmp file is redone next time).
      if (cancelled()) throw new PrepareCancelled('cancelled');
      if (!stream.write(chunk)) await once(stream, 'drain');
    });
    stream.end();
    await once(stream, 'finish');
    await rename(tmp, eventsPath);
    // The answer key stays on the server's disk for grading; no route serves it.
    await writeFile(join(dir, 'answer-key.json'), JSON.stringify(result.answerKey, null, 2) + '\n');
    await writeFile(manifestPath, JSON.stringify(result.manifest, null, 2) + '\n');
  } catch (err) {
    stream.destroy();
    throw err;
  }
  return eventsPath;
}

/**
 * The exercise's stream, preparing it first when needed. Throws ScenarioUnknownError for a scenario
 * id the generator does not know, PrepareCancelled when `cancelled()` turned true.
 */
export async function prepareStream(exerciseId: number, scenarioId: string, seed: number, o: PrepareOptions): Promise<StreamInfo> {
  const done = o.store.exerciseEvents.stream(exerciseId);
  if (done) return done;
  if (!findScenario(scenarioId)) throw new ScenarioUnknownError(`unknown scenario "${scenarioId}"`);
  const file = await ensureEventsFile(exerciseDir(o.dataDir, exerciseId), scenarioId, seed, o.scale, o.cancelled);
  if (o.cancelled()) throw new PrepareCancelled('cancelled');
  const events = o.store.exerciseEvents;
  events.transaction(() => events.clear(exerciseId));
  const { records } = await openEventFile(file);
  let index = 0;
  let previousMs: number | null = null;
  let firstMs: number | null = null;
  let batch: NewExerciseEvent[] = [];
  const flush = async () => {
    if (o.cancelled()) throw new PrepareCancelled('cancelled');
    const rows = batch;
    batch = [];
    events.transaction(() => events.insertMany(exerciseId, rows));
    await yieldToLoop();
  };
  for await (const { event } of records) {
    const row = eventColumns(event, index++, previousMs);
    previousMs = row.tMs;
    firstMs ??= row.tMs;
    batch.push(row);
    if (batch.length >= IMPORT_BATCH) await flush();
  }
  if (o.cancelled()) throw new PrepareCancelled('cancelled');
  events.transaction(() => {
    events.insertMany(exerciseId, batch);
    events.complete(exerciseId, { events: index, firstMs, lastMs: previousMs, generator: GENERATOR_VERSION, scale: o.scale });
  });
  return events.stream(exerciseId)!;
}
