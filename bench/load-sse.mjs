// Load on one local lab server (child process, 127.0.0.1 only): N trainees (default 200) each hold
// the exercise's SSE stream open and work their alert queue (list -> take -> close) while the
// replay runs at 1000x. Bounded in count (--trainees, at most 500) and time (--seconds, at most 300).
// Prints p50/p99/max latency per action, errors, and SSE fan-out: for each "alerts" event, how long
// after the first trainee the others received it.
//   node bench/load-sse.mjs [--trainees 200] [--seconds 40] [--scale 0]
import { setTimeout as sleep } from 'node:timers/promises';
import { Http, spawnLab, summary } from './load-lib.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const N = Math.min(500, Math.max(1, Number(arg('trainees', '200'))));
const SECONDS = Math.min(300, Math.max(5, Number(arg('seconds', '40'))));
const scale = Number(arg('scale', '0'));

const lab = await spawnLab({ exerciseScale: scale, loginRateLimit: { max: 100_000, timeWindowMs: 60_000 } });
const latencies = new Map();
const errors = new Map();
const note = (action, ms, ok, detail) => {
  if (!latencies.has(action)) latencies.set(action, []);
  latencies.get(action).push(ms);
  if (!ok) errors.set(`${action}: ${detail}`, (errors.get(`${action}: ${detail}`) ?? 0) + 1);
};
async function timed(action, fn, okStatuses = [200, 201]) {
  const t = performance.now();
  try {
    const r = await fn();
    note(action, performance.now() - t, okStatuses.includes(r.status), r.status);
    return r;
  } catch (err) {
    note(action, performance.now() - t, false, err.name ?? 'error');
    return null;
  }
}

try {
  const staff = lab.accounts.find((a) => a.role === 'instructor');
  const instructor = new Http(lab.address);
  await instructor.login(staff.username, staff.password);
  const cohort = (await instructor.request('GET', '/api/cohorts')).body.find((c) => c.name === 'demo');
  const ex = (await instructor.request('POST', '/api/exercises', { cohortId: cohort.id, scenarioId: 'phishing-macro-beacon', seed: 1 })).body;

  // Accounts and logins (scrypt: a few at a time).
  const trainees = [];
  for (let i = 0; i < N; i += 8) {
    const batch = await Promise.all(Array.from({ length: Math.min(8, N - i) }, async (_, k) => {
      const username = `load${String(i + k).padStart(3, '0')}`;
      const created = await instructor.request('POST', '/api/users', { username, role: 'trainee', cohortId: cohort.id });
      if (created.status !== 201) throw new Error(`create ${username}: ${created.status} ${JSON.stringify(created.body)}`);
      const http = new Http(lab.address);
      await timed('login', async () => { await http.login(username, created.body.password); return { status: 200 }; });
      return { username, http, sse: 0 };
    }));
    trainees.push(...batch);
  }

  // SSE streams: record when each "alerts" event (identified by its running total) arrives.
  const arrivals = new Map();
  const streams = trainees.map((t) => {
    const controller = new AbortController();
    const done = (async () => {
      const t0 = performance.now();
      const res = await fetch(`${lab.address}/api/exercises/${ex.id}/events`, { headers: t.http.headers('GET'), signal: controller.signal });
      note('sse connect', performance.now() - t0, res.status === 200, res.status);
      const decoder = new TextDecoder();
      let buf = '';
      for await (const chunk of res.body) {
        buf += decoder.decode(chunk, { stream: true });
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const frame = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = frame.split('\n').find((l) => l.startsWith('data: '));
          if (!data) continue;
          t.sse++;
          const ev = JSON.parse(data.slice(6));
          if (ev.type === 'alerts') {
            if (!arrivals.has(ev.total)) arrivals.set(ev.total, []);
            arrivals.get(ev.total).push(performance.now());
          }
        }
      }
    })().catch((err) => {
      if (err.name !== 'AbortError') errors.set(`sse: ${err.name}`, (errors.get(`sse: ${err.name}`) ?? 0) + 1);
    });
    return { controller, done };
  });
  await sleep(500);

  await instructor.request('PUT', `/api/exercises/${ex.id}/replay/speed`, { speed: 1000 });
  await instructor.request('POST', `/api/exercises/${ex.id}/replay/start`);
  const end = Date.now() + SECONDS * 1000;
  let closed = 0;
  await Promise.all(trainees.map(async (t) => {
    while (Date.now() < end) {
      const page = await timed('list queue', () => t.http.request('GET', `/api/exercises/${ex.id}/alerts?status=new&limit=5`));
      const next = page?.body?.items?.[0];
      if (!next) {
        await sleep(500 + Math.random() * 500);
        continue;
      }
      const take = await timed('take', () => t.http.request('POST', `/api/alerts/${next.id}/take`));
      if (take?.status !== 200) continue;
      await timed('pivot context', () => t.http.request('GET', `/api/alerts/${next.id}/context?limit=20`), [200, 400]);
      const close = await timed('close', () => t.http.request('POST', `/api/alerts/${next.id}/close`, { verdict: 'benign', reason: 'load test' }));
      if (close?.status === 200) closed++;
      await sleep(200 + Math.random() * 300);
    }
  }));
  for (const s of streams) s.controller.abort();
  await Promise.all(streams.map((s) => s.done));

  const spread = [];
  for (const times of arrivals.values()) {
    const first = Math.min(...times);
    for (const x of times) spread.push(x - first);
  }
  const result = {
    trainees: N,
    seconds: SECONDS,
    alertsClosed: closed,
    replay: (await instructor.request('GET', `/api/exercises/${ex.id}`)).body.replay,
    sseEventsPerTrainee: summary(trainees.map((t) => t.sse)),
    sseAlertsEvents: arrivals.size,
    sseFanoutMs: summary(spread),
    latencyMs: Object.fromEntries([...latencies].map(([k, v]) => [k, summary(v)])),
    errors: Object.fromEntries(errors),
  };
  console.log(JSON.stringify(result, null, 1));
} finally {
  await lab.stop();
}
