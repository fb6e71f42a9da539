// `timespan: 90m` -> milliseconds. The spec defines s, m, h, d (number + lower-case letter); w, M
// (30 days) and y (365 days) are accepted as pySigma does.
const UNIT_MS: Record<string, number> = {
  s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000, M: 30 * 86_400_000, y: 365 * 86_400_000,
};
const TIMESPAN = /^([1-9][0-9]{0,8})([smhdwMy])$/;

/** Milliseconds of a timespan such as "5m", or undefined when it is not `<positive integer><unit>`. */
export function parseTimespan(value: unknown): number | undefined {
  const text = typeof value === 'number' ? undefined : typeof value === 'string' ? value.trim() : undefined;
  if (text === undefined) return undefined;
  const m = TIMESPAN.exec(text);
  if (!m) return undefined;
  return Number(m[1]) * UNIT_MS[m[2]];
}
