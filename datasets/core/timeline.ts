// The shape of a working day: how busy the organisation is at a given time (office hours on
// weekdays, a lunch dip, a quiet night) and when each employee logs on and off.
import { HOUR, MINUTE } from './events.js';
import type { Rng } from './prng.js';

/** Relative activity in [0.02, 1] for a UTC time (the organisation works in UTC for simplicity). */
export function activityLevel(ts: number): number {
  const d = new Date(ts);
  const day = d.getUTCDay();
  const h = d.getUTCHours() + d.getUTCMinutes() / 60;
  const weekend = day === 0 || day === 6;
  let level: number;
  if (h < 6.5 || h >= 20) level = 0.02;
  else if (h < 8) level = 0.02 + (h - 6.5) * 0.6;
  else if (h < 12) level = 1;
  else if (h < 13) level = 0.6;
  else if (h < 17) level = 1;
  else level = Math.max(0.02, 1 - (h - 17) * 0.33);
  return weekend ? Math.min(level, 0.05) : level;
}

/** Midnight UTC of the day containing `ts`. */
export function dayStart(ts: number): number {
  return ts - (ts % (24 * HOUR));
}

/** A typical office-hours session for one employee on the day starting at `midnight`. */
export function workSession(rng: Rng, midnight: number): { start: number; end: number } | undefined {
  const day = new Date(midnight).getUTCDay();
  if (day === 0 || day === 6 || rng.chance(0.06)) return undefined;
  const start = midnight + 7 * HOUR + 30 * MINUTE + rng.int(0, 120) * MINUTE + rng.int(0, 59_999);
  const end = midnight + 16 * HOUR + 30 * MINUTE + rng.int(0, 120) * MINUTE + rng.int(0, 59_999);
  return { start, end };
}
