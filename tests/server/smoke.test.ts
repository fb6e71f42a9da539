import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, errorCode, startLab, userClient, type TestLab } from './helpers.js';

let lab: TestLab;
beforeAll(async () => {
  lab = await startLab();
});
afterAll(async () => lab.dispose());

describe('smoke', () => {
  it('health', async () => {
    const res = await lab.app.inject({ url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', version: '0.1.0', schemaVersion: 1 });
  });
  it('login and me', async () => {
    const { client } = await userClient(lab, 'alice', 'trainee', 'blue');
    const res = await client.get('/api/me');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ username: 'alice', role: 'trainee', cohorts: [{ name: 'blue' }] });
    const anon = new Client(lab.app);
    const r2 = await anon.get('/api/me');
    expect(r2.statusCode).toBe(401);
    expect(errorCode(r2)).toBe('unauthenticated');
  });
});
