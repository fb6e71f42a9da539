// Hostile and malformed input on every state-changing route: always a 4xx in the error shape,
// never a 500, never a change in the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startLab, type Client, type TestLab } from './helpers.js';
import { createLab, type LabFixture } from './fixtures.js';

let lab: TestLab;
let f: LabFixture;
beforeAll(async () => {
  lab = await startLab();
  f = await createLab(lab);
});
afterAll(async () => lab.dispose());

const BODIES: [string, string][] = [
  ['null', 'null'],
  ['array', '[1,2,3]'],
  ['string', '"text"'],
  ['number', '42'],
  ['empty object', '{}'],
  ['proto pollution', '{"__proto__": {"role": "instructor"}, "name": "x"}'],
  ['constructor pollution', '{"constructor": {"prototype": {"admin": true}}}'],
  ['deep nesting', '{"a":'.repeat(200) + '1' + '}'.repeat(200)],
  ['wrong types everywhere', '{"name": 1, "username": [], "cohortId": "1", "seed": {}, "speed": "fast", "verdict": 1, "reason": null, "body": "x", "baseVersion": "2"}'],
  ['unicode and control characters', '{"name": "\\u0000\\u202e\\ud83d\\ude00", "body": "\\u0000"}'],
];

type Who = 'instructor' | 'tara';
const ROUTES: [string, 'POST' | 'PUT', () => string, Who][] = [
  ['create cohort', 'POST', () => '/api/cohorts', 'instructor'],
  ['add trainee', 'POST', () => '/api/cohorts/1/trainees', 'instructor'],
  ['create user', 'POST', () => '/api/users', 'instructor'],
  ['create exercise', 'POST', () => '/api/exercises', 'instructor'],
  ['replay speed', 'PUT', () => `/api/exercises/${f.red.id}/replay/speed`, 'instructor'],
  ['escalate', 'POST', () => `/api/alerts/${f.redAlerts[0]}/escalate`, 'tara'],
  ['close', 'POST', () => `/api/alerts/${f.redAlerts[0]}/close`, 'tara'],
  ['note', 'POST', () => `/api/alerts/${f.redAlerts[0]}/notes`, 'tara'],
  ['save report', 'PUT', () => `/api/exercises/${f.red.id}/report`, 'tara'],
  ['submit report', 'POST', () => `/api/exercises/${f.red.id}/report/submit`, 'tara'],
  ['change password', 'POST', () => '/api/me/password', 'tara'],
  ['login', 'POST', () => '/api/auth/login', 'tara'],
];

function snapshot() {
  const db = lab.app.soclab.store.db;
  const count = (t: string) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  return ['users', 'cohorts', 'memberships', 'exercises', 'alert_work', 'alert_notes', 'reports'].map(count);
}

describe('malformed bodies never cause a 500 or a write', () => {
  for (const [name, method, url, who] of ROUTES) {
    it(name, async () => {
      const client: Client = who === 'instructor' ? f.instructor : f.tara;
      const before = snapshot();
      for (const [label, payload] of BODIES) {
        const res = await client.request(method, url(), payload, { headers: { 'content-type': 'application/json' } });
        expect(res.statusCode, `${label}: ${res.body}`).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, `${label}: ${res.body}`).toBeLessThan(500);
        expect(() => errorCode(res), label).not.toThrow();
      }
      expect(snapshot()).toEqual(before);
      expect(({} as Record<string, unknown>).role).toBeUndefined();
      expect(({} as Record<string, unknown>).admin).toBeUndefined();
    });
  }
});
