// The replay's shifted clock: event time = anchor + wall elapsed x speed; speed changes keep the
// event time reached; delays until an event are wall time.
import { describe, expect, it } from 'vitest';
import { ReplayClock } from '../../server/replay/clock.js';

describe('ReplayClock', () => {
  it('runs event time `speed` times as fast as wall time from its anchor', () => {
    const c = new ReplayClock(1_000_000, 50, 100);
    expect(c.eventNow(50)).toBe(1_000_000);
    expect(c.eventNow(60)).toBe(1_001_000);
    expect(c.wallDelay(1_002_000, 60)).toBe(10);
    expect(c.wallDelay(900_000, 60)).toBe(0);
  });

  it('a speed change keeps the event time reached and changes only the pace after it', () => {
    const c = new ReplayClock(0, 0, 10);
    c.setSpeed(1000, 100);
    expect(c.eventNow(100)).toBe(1000);
    expect(c.eventNow(101)).toBe(2000);
    expect(c.speed).toBe(1000);
  });

  it('refuses a speed that is not positive', () => {
    expect(() => new ReplayClock(0, 0, 0)).toThrow(/positive/);
    expect(() => new ReplayClock(0, 0, 1).setSpeed(-1, 0)).toThrow(/positive/);
  });
});
