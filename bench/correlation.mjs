// Correlation benchmark: the streaming Correlator alone (no log parsing, no rule matching) over hits with
// 100,000 distinct group-by keys. Prints events/s and memory; asserts nothing.
//
//   node --expose-gc bench/correlation.mjs [--keys N] [--per-key M]
//
// It bundles engine/index.ts with esbuild into bench/out/engine-bench.mjs, compiles two detection rules
// and three correlations over them (event_count gte 5, value_count of Target gte 3, temporal of two
// rules), then pushes keys x per-key hits in event-time order (keys interleaved round robin, 1 ms
// apart, all within the 1 h timespan, so every group stays open until the end), then flush(); then
// the same with a group cap, and with a 1 min timespan where groups are evicted as event time passes.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const outDir = path.join(here, 'out');

const opts = { keys: 100_000, perKey: 10 };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === '--keys') opts.keys = Number(process.argv[++i]);
  else if (a === '--per-key') opts.perKey = Number(process.argv[++i]);
  else {
    console.error('usage: node --expose-gc bench/correlation.mjs [--keys N (default 100000)] [--per-key M (default 10)]');
    process.exit(2);
  }
}

mkdirSync(outDir, { recursive: true });
const bundle = path.join(outDir, 'engine-bench.mjs');
await build({ entryPoints: [path.join(root, 'engine/index.ts')], outfile: bundle, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
const engine = await import(pathToFileURL(bundle).href);

const RULES = (timespan) => `title: logon
id: 99999999-0000-4000-8000-000000000001
name: logon
logsource: {product: bench}
detection:
    selection: {EventID: 4624}
    condition: selection
---
title: share access
id: 99999999-0000-4000-8000-000000000002
name: share
logsource: {product: bench}
detection:
    selection: {EventID: 5140}
    condition: selection
---
title: many logons
correlation: {type: event_count, rules: [logon], group-by: [User], timespan: ${timespan}, condition: {gte: 5}}
generate: true
---
title: many targets
correlation: {type: value_count, rules: [logon], group-by: [User], timespan: ${timespan}, condition: {field: Target, gte: 3}}
generate: true
---
title: logon then share
correlation: {type: temporal, rules: [logon, share], group-by: [User], timespan: ${timespan}}
generate: true
`;

function ruleSet(timespan) {
  const set = engine.compileRuleSet([{ file: 'bench.yml', text: RULES(timespan) }]);
  if (set.diagnostics.length) throw new Error(`bench rules: ${JSON.stringify(set.diagnostics)}`);
  const [logon, share] = set.compiled.map((c) => ({ rule: c.meta, match: { condition: 'selection', selections: [], summary: '' } }));
  return { set, logon, share };
}

const mb = (n) => `${(n / 1024 / 1024).toFixed(0)} MB`;
const gc = () => globalThis.gc?.();

function runOnce(label, { set, logon, share }, options, spacingMs = 1) {
  gc();
  const baseHeap = process.memoryUsage().heapUsed;
  let peakHeap = baseHeap;
  let peakRss = process.memoryUsage().rss;
  const correlator = set.correlationSet.createCorrelator(options);
  const T0 = Date.parse('2024-01-01T00:00:00Z');
  const total = opts.keys * opts.perKey;
  let alerts = 0;
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const key = i % opts.keys;
    const round = (i / opts.keys) | 0;
    const event = { EventID: 4624, User: `user${key}`, Target: `srv${round % 4}` };
    const source = { file: 'bench.jsonl', line: i + 1 };
    const hit = round % 3 === 2 ? share : logon;
    alerts += correlator.push(hit, event, T0 + i * spacingMs, source).length;
    if ((i & 0xffff) === 0) {
      const m = process.memoryUsage();
      if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
      if (m.rss > peakRss) peakRss = m.rss;
    }
  }
  const open = Object.values(correlator.openGroups()).reduce((a, b) => a + b, 0);
  const m = process.memoryUsage();
  peakHeap = Math.max(peakHeap, m.heapUsed);
  peakRss = Math.max(peakRss, m.rss);
  alerts += correlator.flush().length;
  const seconds = (performance.now() - started) / 1000;
  console.log(`${label}`);
  console.log(`  hits pushed:     ${total.toLocaleString('en')} (${opts.keys.toLocaleString('en')} distinct User keys x ${opts.perKey}), 3 correlation rules`);
  console.log(`  throughput:      ${Math.round(total / seconds).toLocaleString('en')} hits/s (${seconds.toFixed(2)} s, flush included)`);
  console.log(`  alerts:          ${alerts.toLocaleString('en')}; open groups before flush: ${open.toLocaleString('en')}`);
  console.log(`  memory:          peak heap +${mb(peakHeap - baseHeap)} over baseline, peak RSS ${mb(peakRss)}${globalThis.gc ? '' : ' (run with --expose-gc for a clean baseline)'}`);
  console.log(`  dropped:         ${correlator.stats.droppedGroups.toLocaleString('en')} groups (cap warnings: ${correlator.diagnostics.map((d) => d.code).join(', ') || 'none'})`);
}

console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
const hour = ruleSet('1h');
runOnce('all open: 1 h timespan, hits 1 ms apart, maxGroups above the key count (worst case: nothing evicted until flush)', hour, { maxGroups: opts.keys * 2 });
runOnce(`capped: the same with maxGroups ${Math.max(1, Math.floor(opts.keys / 10)).toLocaleString('en')} (least recently updated groups dropped)`, hour, { maxGroups: Math.max(1, Math.floor(opts.keys / 10)) });
runOnce('sliding: 1 min timespan, hits 2 ms apart (a key returns every 200 s: groups evicted as event time passes)', ruleSet('1m'), { maxGroups: opts.keys * 2 }, 2);
