// Small helpers shared by scenarios: choosing actors, PowerShell's -EncodedCommand form, times.
import { HOUR, MINUTE } from '../core/events.js';
import type { User } from '../core/org.js';
import type { Rng } from '../core/prng.js';
import type { Session } from '../core/world.js';

/** PowerShell -EncodedCommand text: base64 of the UTF-16LE script. */
export function encodePowerShell(script: string): string {
  let bin = '';
  for (let i = 0; i < script.length; i++) {
    const c = script.charCodeAt(i);
    bin += String.fromCharCode(c & 0xff, c >> 8);
  }
  return btoa(bin);
}

/** A session of a user from `department` that covers `at` (epoch ms), chosen with `rng`. */
export function pickSession(rng: Rng, sessions: Session[], at: number, filter: (u: User) => boolean): Session {
  const candidates = sessions.filter((s) => s.start < at - 10 * MINUTE && s.end > at + 2 * HOUR && filter(s.user));
  if (!candidates.length) throw new Error('no employee session fits the scenario (is the start a weekday?)');
  return rng.pick(candidates);
}

/** `start` + h:mm:ss.ms as epoch ms. */
export function at(start: number, h: number, m: number, s = 0, ms = 0): number {
  return start + h * HOUR + m * MINUTE + s * 1000 + ms;
}
