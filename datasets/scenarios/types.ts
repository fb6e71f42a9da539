// What a scenario is: a story told in log events on top of an ordinary working day, plus the model
// answer (the answer key) written in terms of the story's own events.
import type { AlertVerdict, Fact, ForbiddenClaim } from '../answer-key-schema.js';
import type { Level } from '../../engine/api.js';
import type { GenEvent } from '../core/events.js';
import type { Session } from '../core/world.js';
import type { GenContext } from '../activity/context.js';

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

/** An alert the answer key expects: the lab rule `ruleId` fires on the story event `event` (its key). */
export interface ExpectedAlert {
  ruleId: string;
  event: string;
  verdict: AlertVerdict;
  reason: string;
  escalate: boolean;
}

/** The scenario's injected events and its answer key, before events have line numbers. */
export interface ScenarioStory {
  events: GenEvent[];
  verdict: AlertVerdict;
  severity: Level;
  summary: string;
  alerts: ExpectedAlert[];
  facts: Fact[];
  forbidden: ForbiddenClaim[];
}

export interface Scenario {
  id: string;
  /** Semantic version of the scenario's story; bump when its events or key change. */
  version: string;
  title: string;
  /** One line for `soclab scenarios`. */
  summary: string;
  difficulty: Difficulty;
  /** ATT&CK technique ids the attack uses (empty for a quiet day). */
  techniques: string[];
  /** Start of the generated window (ISO-8601, UTC) and its length in hours. */
  start: string;
  hours: number;
  /** Builds the story. `ctx.rng` is the scenario's own stream, independent of the background's. */
  build(ctx: GenContext, sessions: Session[]): ScenarioStory;
}
