// Throughput benchmark: how fast `soclab scan` runs SigmaHQ's Windows rules over a large Sysmon-shaped
// log, compared with merely reading and parsing that log. Prints figures; asserts nothing.
//
//   npm run build && node bench/throughput.mjs [--events N] [--seed S] [--shared DIR]
//
// Steps, in one run:
//   0. generate bench/out/events-N-seedS-vV.jsonl (seeded, reused when present) and a folder of links to
//      every SigmaHQ Windows rule (product: windows, or category: antivirus) in bench/out/windows-rules
//   a. bare read: stream the file, split lines, JSON.parse each one (events/s): the floor any
//      JSON-lines scanner pays
//   b. `soclab scan -r bench/out/windows-rules -o jsonl FILE > /dev/null`, the CLI as users run it
//      (events/s from its own summary, and the ratio to a), with its peak RSS; also per CPU-second
//      (process CPU time minus that of the same command on a one-event input), which stays
//      meaningful when other jobs share the machine
//   c. rule load + compile time for the whole SigmaHQ set (rules, emerging threats, threat hunting),
//      measured by the CLI on a one-event input
import { spawn } from 'node:child_process';
import { closeSync, createReadStream, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { GENERATOR_VERSION, generateEventsFile } from './generate-events.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const outDir = path.join(here, 'out');

function parseArgs(argv) {
  const opts = { events: 1_000_000, seed: 1, shared: process.env.SOCLAB_SHARED ?? path.resolve(root, '../shared') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--events') opts.events = Number(argv[++i]);
    else if (a === '--seed') opts.seed = Number(argv[++i]);
    else if (a === '--shared') opts.shared = path.resolve(argv[++i]);
    else if (a === '--help' || a === '-h') {
      console.log('usage: node bench/throughput.mjs [--events N (default 1000000)] [--seed S (default 1)] [--shared DIR (default ../shared)]');
      process.exit(0);
    } else {
      console.error(`throughput: unknown option ${a} (see --help)`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(opts.events) || opts.events < 1) {
    console.error('throughput: --events must be a positive integer');
    process.exit(2);
  }
  return opts;
}

const fmt = (n) => Math.round(n).toLocaleString('en-US');
const pct = (x, of) => `${((x / of) * 100).toFixed(1)}%`;
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

function listYaml(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listYaml(p));
    else if (/\.ya?ml$/i.test(e.name)) out.push(p);
  }
  return out.sort();
}

/** Links every SigmaHQ rule file with a Windows (or antivirus) logsource into `target`; returns counts. */
function linkWindowsRules(ruleDirs, target) {
  rmSync(target, { recursive: true, force: true });
  let all = 0;
  let windows = 0;
  for (const dir of ruleDirs) {
    for (const file of listYaml(dir)) {
      all++;
      let docs;
      try {
        docs = yaml.loadAll(readFileSync(file, 'utf8'));
      } catch {
        continue; // the engine reports it when loading the full set in step c
      }
      const isWindows = docs.some((d) => d && typeof d === 'object' && d.logsource && (String(d.logsource.product).toLowerCase() === 'windows' || String(d.logsource.category).toLowerCase() === 'antivirus'));
      if (!isWindows) continue;
      windows++;
      const link = path.join(target, path.basename(dir), path.relative(dir, file));
      mkdirSync(path.dirname(link), { recursive: true });
      symlinkSync(file, link);
    }
  }
  return { all, windows };
}

/** (a) Stream the file in 256 KiB chunks, split lines, JSON.parse each non-blank one. */
async function bareRead(file) {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let events = 0;
  let carry = '';
  const stream = createReadStream(file, { highWaterMark: 256 * 1024, encoding: 'utf8' });
  for await (const chunk of stream) {
    const text = carry + chunk;
    let start = 0;
    let nl;
    while ((nl = text.indexOf('\n', start)) !== -1) {
      const line = text.slice(start, nl);
      if (line.trim() !== '') {
        JSON.parse(line);
        events++;
      }
      start = nl + 1;
    }
    carry = text.slice(start);
  }
  if (carry.trim() !== '') {
    JSON.parse(carry);
    events++;
  }
  const cpu = process.cpuUsage(cpu0);
  return { events, seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

/** The first line of a (possibly huge) file, reading only its first 64 KiB. */
function firstLine(file) {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('utf8').split('\n')[0];
  } finally {
    closeSync(fd);
  }
}

/** Reads VmHWM (peak resident set) of a running process from /proc; undefined off Linux. */
function peakRssKiB(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Clock ticks per second of /proc/PID/stat times (USER_HZ: 100 on Linux builds in practice). */
const CLK_TCK = 100;

/** CPU seconds (user + system) a running process has used, from /proc; undefined off Linux. */
function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return undefined;
  }
}

/** Runs the CLI with stdout to /dev/null; returns wall time, stderr text and peak RSS (KiB). */
function runCli(args) {
  return new Promise((resolve, reject) => {
    const devnull = openSync(os.devNull, 'w');
    const t0 = performance.now();
    const child = spawn(process.execPath, [path.join(root, 'bin', 'soclab.mjs'), ...args], { cwd: root, stdio: ['ignore', devnull, 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d) => (stderr += d));
    let peak;
    let cpu;
    // VmHWM is a high-water mark and CPU time only grows: polling keeps the last value seen, at most
    // 50 ms before the process ends.
    const poll = setInterval(() => {
      const v = peakRssKiB(child.pid);
      if (v !== undefined) peak = Math.max(peak ?? 0, v);
      const c = cpuSeconds(child.pid);
      if (c !== undefined) cpu = c;
    }, 50);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      closeSync(devnull);
      resolve({ code, stderr, seconds: (performance.now() - t0) / 1000, peakKiB: peak, cpuSeconds: cpu });
    });
  });
}

/** Parses the CLI summary ("events: N", "alerts: N", "rules loaded in X s, scan Y s"). */
function parseSummary(stderr) {
  const num = (re) => {
    const m = re.exec(stderr);
    return m ? Number(m[1].replace(/,/g, '')) : undefined;
  };
  return {
    events: num(/events:\s+([\d,]+)/),
    malformed: num(/malformed lines\/records:\s+([\d,]+)/),
    alerts: num(/alerts:\s+([\d,]+)/),
    loaded: num(/rules:\s+([\d,]+) loaded/),
    failed: num(/loaded, ([\d,]+) skipped/),
    loadSeconds: num(/rules loaded in ([\d.]+) s/),
    scanSeconds: num(/scan ([\d.]+) s/),
  };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const cli = path.join(root, 'dist', 'cli', 'main.js');
  if (!existsSync(cli)) {
    console.error('throughput: dist/ is missing: run `npm run build` first');
    process.exit(2);
  }
  const sigmahq = path.join(opts.shared, 'sigmahq');
  const ruleDirs = ['rules', 'rules-emerging-threats', 'rules-threat-hunting'].map((d) => path.join(sigmahq, d));
  if (!ruleDirs.every((d) => existsSync(d))) {
    console.error(`throughput: SigmaHQ rules not found under ${sigmahq} (use --shared DIR or SOCLAB_SHARED)`);
    process.exit(2);
  }
  mkdirSync(outDir, { recursive: true });
  console.log(`soclab throughput benchmark: node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);

  // 0. inputs
  const file = path.join(outDir, `events-${opts.events}-seed${opts.seed}-v${GENERATOR_VERSION}.jsonl`);
  if (!existsSync(file)) {
    const t0 = performance.now();
    generateEventsFile({ events: opts.events, seed: opts.seed, file });
    console.log(`generated ${fmt(opts.events)} events in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const size = statSync(file).size;
  console.log(`input:    ${path.relative(root, file)} (${fmt(opts.events)} events, ${mb(size)})`);
  const winDir = path.join(outDir, 'windows-rules');
  const { all, windows } = linkWindowsRules(ruleDirs, winDir);
  console.log(`rules:    ${fmt(windows)} SigmaHQ Windows rule files of ${fmt(all)} linked in ${path.relative(root, winDir)}`);

  // (a)
  const bare = await bareRead(file);
  const bareRate = bare.events / bare.seconds;
  const bareCpuRate = bare.events / bare.cpuSeconds;
  console.log(`\n(a) bare read + split + JSON.parse: ${fmt(bare.events)} events in ${bare.seconds.toFixed(2)} s = ${fmt(bareRate)} events/s (${fmt(bareCpuRate)} events per CPU-second)`);

  // (b) the scan, then the same command on a one-event input: the difference in CPU time is the
  // scanning alone (rule loading is the same in both), robust when other jobs share the machine.
  const scanArgs = ['scan', '-r', path.relative(root, winDir), '-o', 'jsonl', '--no-progress', path.relative(root, file)];
  console.log(`\n(b) node bin/soclab.mjs ${scanArgs.join(' ')} > /dev/null`);
  const scan = await runCli(scanArgs);
  const s = parseSummary(scan.stderr);
  if (scan.code !== 0 || s.events === undefined) {
    console.error(`scan failed (exit ${scan.code}):\n${scan.stderr}`);
    process.exit(1);
  }
  const one = path.join(outDir, 'one-event.jsonl');
  writeFileSync(one, firstLine(file) + '\n');
  const baseline = await runCli(['scan', '-r', path.relative(root, winDir), '-o', 'jsonl', '--no-progress', path.relative(root, one)]);
  const scanSeconds = s.scanSeconds ?? scan.seconds - (s.loadSeconds ?? 0);
  const scanRate = s.events / scanSeconds;
  const scanCpu = scan.cpuSeconds !== undefined && baseline.cpuSeconds !== undefined ? scan.cpuSeconds - baseline.cpuSeconds : undefined;
  console.log(`    ${fmt(s.events)} events (${s.malformed ?? '?'} malformed), ${fmt(s.alerts ?? 0)} alerts, ${fmt(s.loaded ?? 0)} rules loaded (${s.failed ?? '?'} failed)`);
  console.log(`    wall: scan ${scanSeconds.toFixed(2)} s = ${fmt(scanRate)} events/s = ${pct(scanRate, bareRate)} of bare read (rules loaded in ${s.loadSeconds?.toFixed(2) ?? '?'} s; process ${scan.seconds.toFixed(2)} s)`);
  if (scanCpu !== undefined) {
    const cpuRate = s.events / scanCpu;
    console.log(`    CPU:  scan ${scanCpu.toFixed(2)} CPU-s = ${fmt(cpuRate)} events per CPU-second = ${pct(cpuRate, bareCpuRate)} of bare read (process ${scan.cpuSeconds.toFixed(2)} CPU-s, of which ${baseline.cpuSeconds.toFixed(2)} start-up and rule loading)`);
  }
  console.log(`    peak RSS ${scan.peakKiB ? mb(scan.peakKiB * 1024) : 'n/a (no /proc)'}`);

  // (c)
  const loadArgs = ['scan', ...ruleDirs.flatMap((d) => ['-r', path.relative(root, d)]), '-o', 'jsonl', '--no-progress', path.relative(root, one)];
  console.log(`\n(c) node bin/soclab.mjs ${loadArgs.join(' ')} > /dev/null`);
  const load = await runCli(loadArgs);
  const l = parseSummary(load.stderr);
  if (load.code !== 0 || l.loadSeconds === undefined) {
    console.error(`load run failed (exit ${load.code}):\n${load.stderr}`);
    process.exit(1);
  }
  console.log(`    ${fmt(l.loaded ?? 0)} rules loaded, ${l.failed ?? '?'} failed, in ${l.loadSeconds.toFixed(2)} s (process wall ${load.seconds.toFixed(2)} s, ${load.cpuSeconds?.toFixed(2) ?? '?'} CPU-s)`);

  // (d)
  console.log(`\n(d) peak RSS: scan of ${fmt(s.events)} events ${scan.peakKiB ? mb(scan.peakKiB * 1024) : 'n/a'}, full-set load ${load.peakKiB ? mb(load.peakKiB * 1024) : 'n/a'}`);
  console.log(`\nmachine load average at the end: ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} (wall-clock figures suffer when other jobs share the CPUs; the CPU-second figures much less)`);
  console.log(`(inputs stay in ${path.relative(root, outDir)}/, gitignored, and are reused by the next run)`);
}

await main();
