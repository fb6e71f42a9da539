// The replay's shifted clock: event time runs `speed` times as fast as wall time from an anchor
// (an event time paired with the wall time it was "now" at). Pure arithmetic, no timers.
export class ReplayClock {
  constructor(
    private anchorEventMs: number,
    private anchorWallMs: number,
    private currentSpeed: number,
  ) {
    if (!(currentSpeed > 0)) throw new Error(`replay speed must be positive, got ${currentSpeed}`);
  }

  get speed(): number {
    return this.currentSpeed;
  }

  /** The event time that is "now" at wall time `wallMs`. */
  eventNow(wallMs: number): number {
    return this.anchorEventMs + (wallMs - this.anchorWallMs) * this.currentSpeed;
  }

  /** Changes speed without a jump: the event time reached so far stays where it is. */
  setSpeed(speed: number, wallMs: number): void {
    if (!(speed > 0)) throw new Error(`replay speed must be positive, got ${speed}`);
    this.anchorEventMs = this.eventNow(wallMs);
    this.anchorWallMs = wallMs;
    this.currentSpeed = speed;
  }

  /** Wall milliseconds from `wallMs` until event time `eventMs` is reached (0 when already due). */
  wallDelay(eventMs: number, wallMs: number): number {
    return Math.max(0, (eventMs - this.eventNow(wallMs)) / this.currentSpeed);
  }
}
