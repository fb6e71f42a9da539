// Does the replay keep up at 1000x on a full-day scenario? Starts a lab server (child process,
// 127.0.0.1), creates an exercise of SCENARIO at SCALE (default phishing-macro-beacon, scale 1 =
// ~100,000 events over a day), starts it at 1000x and samples its position each second. Prints the
// preparation time (generate + import), the replay's wall time against the ideal (event span / 1000),
// the worst lag seen (how far the replay position was behind its event clock) and alerts raised.
//   node bench/load-replay.mjs [--scenario id] [--scale 1] [--speed 1000]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Http, spawnLab } from './load-lib.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const scenarioId = arg('scenario', 'phishing-macro-beacon');
const scale = Number(arg('scale', '1'));
const speed = Number(arg('speed', '1000'));
const LIMIT_MS = 15 * 60_000;

const lab = await spawnLab({ exerciseScale: scale });
try {
  const instructor = lab.accounts.find((a) => a.role === 'instructor');
  const http = new Http(lab.address);
  await http.login(instructor.username, instructor.password);
  const cohort = (await http.request('GET', '/api/cohorts')).body.find((c) => c.name === 'demo');
  const ex = (await http.request('POST', '/api/exercises', { cohortId: cohort.id, scenarioId, seed: 1 })).body;
  await http.request('PUT', `/api/exercises/${ex.id}/replay/speed`, { speed });
  const t0 = Date.now();
  await http.request('POST', `/api/exercises/${ex.id}/replay/start`);
  let tFirst = null;
  let lines = null;
  let worstLagEvents = 0;
  let last;
  for (;;) {
    await sleep(1000);
    last = (await http.request('GET', `/api/exercises/${ex.id}`)).body;
    if (tFirst === null && last.replay.position > 0) {
      tFirst = Date.now();
      lines = readFileSync(join(lab.dir, 'exercises', String(ex.id), 'events.jsonl'), 'utf8').trimEnd().split('\n').map((l) => Date.parse(JSON.parse(l).timestamp));
    }
    if (tFirst !== null && last.replay.status === 'running') {
      // Events that are due by the ideal clock but not yet replayed.
      const due = lines[0] + (Date.now() - tFirst) * speed;
      let i = last.replay.position;
      while (i < lines.length && lines[i] <= due) i++;
      worstLagEvents = Math.max(worstLagEvents, i - last.replay.position);
    }
    if (last.replay.status === 'finished' || Date.now() - t0 > LIMIT_MS) break;
  }
  const tEnd = Date.now();
  const spanMs = lines.at(-1) - lines[0];
  const alerts = (await http.request('GET', `/api/exercises/${ex.id}/progress`)).body.alertCount;
  console.log(JSON.stringify({
    scenario: scenarioId, scale, speed, events: lines.length, status: last.replay.status,
    prepareSeconds: +((tFirst - t0) / 1000).toFixed(1),
    replaySeconds: +((tEnd - tFirst) / 1000).toFixed(1),
    idealSeconds: +(spanMs / speed / 1000).toFixed(1),
    worstBacklogEvents: worstLagEvents,
    eventsPerSecond: Math.round(lines.length / ((tEnd - tFirst) / 1000)),
    alerts,
  }, null, 1));
} finally {
  await lab.stop();
}
