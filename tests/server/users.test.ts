// Accounts over the API: instructors create and list users; everyone changes their own password.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, errorCode, startLab, userClient, type TestLab } from './helpers.js';

let lab: TestLab;
let instructor: Client;
beforeAll(async () => {
  lab = await startLab();
  instructor = (await userClient(lab, 'ines', 'instructor')).client;
});
afterAll(async () => lab.dispose());

describe('instructor creates accounts', () => {
  it('returns the generated password once; it works and is never listed', async () => {
    const cohort = (await instructor.post('/api/cohorts', { name: 'autumn' })).json();
    const res = await instructor.post('/api/users', { username: 'newbie', role: 'trainee', cohortId: cohort.id });
    expect(res.statusCode).toBe(201);
    const { user, password } = res.json();
    expect(user).toMatchObject({ username: 'newbie', role: 'trainee' });
    expect(password).toMatch(/^[A-Za-z0-9_-]{18}$/);
    const login = await new Client(lab.app).login('newbie', password);
    expect(login.statusCode).toBe(200);
    expect(login.json().user.cohorts.map((c: { name: string }) => c.name)).toEqual(['autumn']);

    const list = await instructor.get('/api/users');
    expect(list.json().map((u: { username: string }) => u.username)).toEqual(['ines', 'newbie']);
    expect(list.body).not.toContain(password);
    expect(list.body).not.toMatch(/scrypt|hash/i);
    const audit = lab.app.soclab.store.audit.forTarget('user', user.id);
    expect(audit.map((a) => [a.action, a.actorName])).toEqual([
      ['user.create', 'ines'],
      ['auth.login', 'newbie'],
    ]);
  });

  it('refuses duplicates (409), unknown cohorts (404), bad usernames and roles (400)', async () => {
    expect(errorCode(await instructor.post('/api/users', { username: 'NEWBIE', role: 'trainee' }))).toBe('conflict');
    expect((await instructor.post('/api/users', { username: 'x2', role: 'trainee', cohortId: 999 })).statusCode).toBe(404);
    for (const body of [{ username: 'has space', role: 'trainee' }, { username: 'ok', role: 'admin' }, { username: '', role: 'grader' }]) {
      const res = await instructor.post('/api/users', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
  });

  it('is for instructors only', async () => {
    const { client: trainee } = await userClient(lab, 'tia', 'trainee');
    expect((await trainee.post('/api/users', { username: 'sneaky', role: 'instructor' })).statusCode).toBe(403);
    expect((await trainee.get('/api/users')).statusCode).toBe(403);
    expect(lab.app.soclab.store.users.byUsername('sneaky')).toBeUndefined();
  });
});

describe('changing one’s password', () => {
  it('needs the current password, ends other sessions, keeps this one', async () => {
    const { client, password } = await userClient(lab, 'pat', 'grader');
    const other = new Client(lab.app);
    await other.login('pat', password);

    const wrong = await client.post('/api/me/password', { currentPassword: 'nope', newPassword: 'a-long-new-passphrase' });
    expect(wrong.statusCode).toBe(400);
    const short = await client.post('/api/me/password', { currentPassword: password, newPassword: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details.issues[0].path).toBe('body/newPassword');

    const ok = await client.post('/api/me/password', { currentPassword: password, newPassword: 'a-long-new-passphrase' });
    expect(ok.statusCode).toBe(200);
    expect((await client.get('/api/me')).statusCode).toBe(200);
    expect((await other.get('/api/me')).statusCode).toBe(401);
    expect((await new Client(lab.app).login('pat', password)).statusCode).toBe(401);
    expect((await new Client(lab.app).login('pat', 'a-long-new-passphrase')).statusCode).toBe(200);
  });

  it('anonymous users cannot', async () => {
    const res = await new Client(lab.app).post('/api/me/password', { currentPassword: 'a', newPassword: 'b'.repeat(12) });
    expect(res.statusCode).toBe(401);
  });
});
