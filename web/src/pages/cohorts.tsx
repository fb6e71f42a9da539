// Instructor: cohorts with their trainees, new cohorts, new accounts (the generated password is
// shown once, as the API returns it only once) and adding an existing trainee to a cohort.
import { useEffect, useState } from 'preact/hooks';
import type { Cohort, CreatedUser, UserSummary } from '../../../server/contract/api.js';
import { ROLES, type Role } from '../../../server/contract/vocab.js';
import { api, describeError } from '../api.js';
import { ErrorNote, Status } from '../ui.js';

export function CohortsPage() {
  const [cohorts, setCohorts] = useState<Cohort[] | null>(null);
  const [users, setUsers] = useState<UserSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [cohortName, setCohortName] = useState('');
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('trainee');
  const [cohortId, setCohortId] = useState<number | 0>(0);
  const [created, setCreated] = useState<CreatedUser | null>(null);
  const [member, setMember] = useState<{ cohort: number; username: string }>({ cohort: 0, username: '' });

  const load = () => {
    api.get<Cohort[]>('/api/cohorts').then(setCohorts, (err) => setError(describeError(err)));
    api.get<UserSummary[]>('/api/users').then(setUsers, (err) => setError(describeError(err)));
  };
  useEffect(load, []);

  const run = async (fn: () => Promise<void>) => {
    setError(null);
    try {
      await fn();
      load();
    } catch (err) {
      setError(describeError(err));
    }
  };

  return (
    <section>
      <h1>Cohorts and accounts</h1>
      <ErrorNote error={error} />
      {!cohorts ? !error && <Status>Loading…</Status> : cohorts.length === 0 ? <Status>No cohorts yet.</Status> : (
        <table class="grid">
          <thead><tr><th scope="col">Cohort</th><th scope="col">Trainees</th></tr></thead>
          <tbody>
            {cohorts.map((c) => (
              <tr key={c.id}>
                <td>{c.name}</td>
                <td>{c.trainees.length ? c.trainees.map((t) => t.username).join(', ') : '-'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div class="row top">
        <form class="panel field" onSubmit={(e) => { e.preventDefault(); void run(async () => { await api.post('/api/cohorts', { name: cohortName.trim() }); setCohortName(''); }); }}>
          <h2>New cohort</h2>
          <label for="c-name">Name</label>
          <input id="c-name" required value={cohortName} onInput={(e) => setCohortName(e.currentTarget.value)} />
          <div class="buttons"><button type="submit">Create cohort</button></div>
        </form>
        <form class="panel field" onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            setCreated(await api.post<CreatedUser>('/api/users', { username: username.trim(), role, ...(cohortId ? { cohortId } : {}) }));
            setUsername('');
          });
        }}>
          <h2>New account</h2>
          <label for="u-name">User name</label>
          <input id="u-name" required value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
          <label for="u-role">Role</label>
          <select id="u-role" value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
            {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
          <label for="u-cohort">Cohort (trainees)</label>
          <select id="u-cohort" value={cohortId} onChange={(e) => setCohortId(Number(e.currentTarget.value))}>
            <option value={0}>None</option>
            {(cohorts ?? []).map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
          <div class="buttons"><button type="submit">Create account</button></div>
        </form>
        <form class="panel field" onSubmit={(e) => {
          e.preventDefault();
          void run(async () => { await api.post(`/api/cohorts/${member.cohort}/trainees`, { username: member.username.trim() }); });
        }}>
          <h2>Add a trainee to a cohort</h2>
          <label for="m-cohort">Cohort</label>
          <select id="m-cohort" required value={member.cohort} onChange={(e) => setMember({ ...member, cohort: Number(e.currentTarget.value) })}>
            <option value={0} disabled>Choose…</option>
            {(cohorts ?? []).map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
          <label for="m-user">Trainee</label>
          <select id="m-user" required value={member.username} onChange={(e) => setMember({ ...member, username: e.currentTarget.value })}>
            <option value="" disabled>Choose…</option>
            {(users ?? []).filter((u) => u.role === 'trainee').map((u) => <option key={u.id} value={u.username}>{u.username}</option>)}
          </select>
          <div class="buttons"><button type="submit">Add to cohort</button></div>
        </form>
      </div>
      {created && (
        <div class="panel" role="status">
          <h2>Account created</h2>
          <p>
            <strong>{created.user.username}</strong> ({created.user.role}). Password, shown only now:{' '}
            <code class="password">{created.password}</code>
          </p>
          <p class="muted">Hand it over securely; the user can change it after logging in.</p>
        </div>
      )}
    </section>
  );
}
