// What every activity writer needs: the organisation, the host states, a random stream, the scale.
import type { Organisation } from '../core/org.js';
import type { Rng } from '../core/prng.js';
import type { World } from '../core/world.js';

export interface GenContext {
  org: Organisation;
  world: World;
  rng: Rng;
  /** Multiplier on background rates (1 = a normal day for the organisation). */
  scale: number;
  /** Start of the generated window, epoch ms. */
  start: number;
  /** End of the generated window (exclusive), epoch ms. */
  end: number;
}
