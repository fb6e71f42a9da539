// The built command line (`node bin/soclab.mjs`): scan and check, exit codes, output shapes, escaping.
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../engine/api.js';
import { describeShared, repoRoot, sharedDir } from '../helpers/shared.js';

const bin = path.join(repoRoot, 'bin/soclab.mjs');

function soclab(args: string[], options: { input?: string | Buffer; env?: Record<string, string> } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    input: options.input,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
  });
}

let dir: string;
const RULE_ID = '5f3c1a52-3b1e-4c59-9a43-0b6f3e1d2c7a';
const ruleYaml = `title: Whoami Execution
id: ${RULE_ID}
status: test
level: high
tags: [attack.discovery, attack.t1033]
logsource:
  category: process_creation
  product: windows
detection:
  selection:
    Image|endswith: '\\whoami.exe'
  condition: selection
`;
const sysmon = (image: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    Channel: 'Microsoft-Windows-Sysmon/Operational',
    EventID: 1,
    TimeCreated: '2024-03-01 10:00:00.000',
    Computer: 'WS01',
    User: 'CORP\\alice',
    Image: image,
    CommandLine: `${image} /all`,
    ...extra,
  });

beforeAll(() => {
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--no-web'], { cwd: repoRoot, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  dir = mkdtempSync(path.join(os.tmpdir(), 'soclab-cli-'));
  writeFileSync(path.join(dir, 'whoami.yml'), ruleYaml);
  writeFileSync(path.join(dir, 'broken.yml'), 'title: Broken\nlogsource: {product: windows}\ndetection:\n  sel: {Image: x}\n  condition: sel and nothing\n');
  writeFileSync(
    path.join(dir, 'events.jsonl'),
    [sysmon('C:\\Windows\\System32\\whoami.exe'), '{"not json', sysmon('C:\\Windows\\System32\\notepad.exe'), '', sysmon('C:\\x\\WHOAMI.EXE')].join('\n') + '\n',
  );
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function summaryNumber(stderr: string, label: RegExp): number {
  const m = label.exec(stderr);
  if (!m) throw new Error(`summary line ${label} not found in:\n${stderr}`);
  return Number(m[1]);
}

describe('soclab scan', () => {
  it('prints one Alert JSON object per line with --output jsonl, and counts the malformed line', () => {
    const r = soclab(['scan', '--rules', 'whoami.yml', '--output', 'jsonl', 'events.jsonl']);
    expect(r.status, r.stderr).toBe(0);
    const alerts = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Alert);
    expect(alerts).toHaveLength(2);
    expect(alerts[0]).toMatchObject({
      rule: { id: RULE_ID, title: 'Whoami Execution', level: 'high', tags: ['attack.discovery', 'attack.t1033'] },
      timestamp: '2024-03-01T10:00:00.000Z',
      event: { Image: 'C:\\Windows\\System32\\whoami.exe', Computer: 'WS01' },
      source: { file: 'events.jsonl', line: 1 },
    });
    expect(alerts[0].match.selections[0].name).toBe('selection');
    expect(alerts[1].source).toEqual({ file: 'events.jsonl', line: 5 });
    expect(summaryNumber(r.stderr, /events:\s+(\d+)/)).toBe(3);
    expect(summaryNumber(r.stderr, /malformed lines\/records:\s+(\d+)/)).toBe(1);
    expect(summaryNumber(r.stderr, /alerts:\s+(\d+)/)).toBe(2);
    expect(r.stderr).toMatch(/events\.jsonl:2: error MALFORMED_EVENT/);
  });

  it('reads stdin when no file is given, and "-"', () => {
    const input = `${sysmon('C:\\Windows\\System32\\whoami.exe')}\n`;
    for (const args of [[], ['-']]) {
      const r = soclab(['scan', '-r', 'whoami.yml', '-o', 'jsonl', ...args], { input });
      expect(r.status, r.stderr).toBe(0);
      expect((JSON.parse(r.stdout) as Alert).source).toEqual({ file: '<stdin>', line: 1 });
    }
  });

  it('streams a JSON array, reporting a non-object element by record, and honours --format', () => {
    const array = `[\n${sysmon('C:\\Windows\\System32\\whoami.exe')},\n42,\n${sysmon('C:\\y\\whoami.exe')}\n]\n`;
    writeFileSync(path.join(dir, 'array.json'), array);
    const r = soclab(['scan', '-r', 'whoami.yml', '-o', 'jsonl', 'array.json']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as Alert).source)).toEqual([
      { file: 'array.json', record: 0, line: 2 },
      { file: 'array.json', record: 2, line: 4 },
    ]);
    expect(r.stderr).toMatch(/array\.json:3: error MALFORMED_EVENT record 1: not a JSON object/);
    // Forced JSON lines: the array's brackets and the number are malformed lines, the objects still read.
    const forced = soclab(['scan', '-r', 'whoami.yml', '-o', 'jsonl', '--format', 'jsonl', 'array.json']);
    expect(summaryNumber(forced.stderr, /malformed lines\/records:\s+(\d+)/)).toBe(4);
  });

  it('reads gzip from stdin', () => {
    const input = gzipSync(`${sysmon('C:\\Windows\\System32\\whoami.exe')}\n`);
    const r = soclab(['scan', '-r', 'whoami.yml', '-o', 'jsonl'], { input });
    expect(r.status, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as Alert).event.Computer).toBe('WS01');
  });

  it('shows the first malformed lines, and all of them with --verbose', () => {
    const lines = [sysmon('C:\\a.exe'), ...Array.from({ length: 8 }, (_, i) => `not json ${i}`)];
    writeFileSync(path.join(dir, 'noisy.jsonl'), `${lines.join('\n')}\n`);
    const quiet = soclab(['scan', '-r', 'whoami.yml', 'noisy.jsonl']);
    expect(quiet.stderr.match(/MALFORMED_EVENT/g)).toHaveLength(5);
    expect(quiet.stderr).toMatch(/3 more malformed lines\/records not shown/);
    const loud = soclab(['scan', '-r', 'whoami.yml', '--verbose', 'noisy.jsonl']);
    expect(loud.stderr.match(/MALFORMED_EVENT/g)).toHaveLength(8);
    expect(summaryNumber(loud.stderr, /malformed lines\/records:\s+(\d+)/)).toBe(8);
  });

  it('reads gzip and evtx_dump JSON inputs', () => {
    const evtx = JSON.stringify(
      {
        Event: {
          System: { Provider: { '#attributes': { Name: 'Microsoft-Windows-Sysmon' } }, EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational', Computer: 'WS02', TimeCreated: { '#attributes': { SystemTime: '2024-05-01T08:00:00.123456Z' } } },
          EventData: { Image: 'C:\\Windows\\System32\\whoami.exe', User: 'CORP\\bob' },
        },
      },
      null,
      2,
    );
    writeFileSync(path.join(dir, 'dump.json.gz'), gzipSync(`Record 1\n${evtx}\nRecord 2\n${evtx}\n`));
    const r = soclab(['scan', '-r', 'whoami.yml', '-o', 'jsonl', 'dump.json.gz']);
    expect(r.status, r.stderr).toBe(0);
    const alerts = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Alert);
    expect(alerts.map((a) => a.source)).toEqual([
      { file: 'dump.json.gz', record: 0, line: 2 },
      { file: 'dump.json.gz', record: 1, line: 3 + evtx.split('\n').length },
    ]);
    expect(alerts[0].timestamp).toBe('2024-05-01T08:00:00.123Z');
    expect(alerts[0].event).toMatchObject({ Computer: 'WS02', User: 'CORP\\bob', EventID: 1 });
  });

  it('escapes control characters from logs in text output (no raw ANSI), HTML stays inert text', () => {
    const hostile = sysmon('C:\\Windows\\System32\\whoami.exe', {
      Computer: 'WS\u001b[2J\u001b[31mEVIL\u0007',
      User: '<script>alert(1)</script>\u009b31m\u202etxt.exe',
    });
    writeFileSync(path.join(dir, 'hostile.jsonl'), `${hostile}\n`);
    const r = soclab(['scan', '-r', 'whoami.yml', 'hostile.jsonl']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(r.stdout).toContain('host: WS\\x1b[2J\\x1b[31mEVIL\\x07');
    expect(r.stdout).toContain('user: <script>alert(1)</script>\\x9b31m\\u202etxt.exe');
    expect(r.stdout).toContain('HIGH  Whoami Execution');
    expect(r.stdout).toContain("Image endswith '\\whoami.exe'");
    // jsonl keeps the values but escapes the raw control characters too
    const j = soclab(['scan', '-r', 'whoami.yml', '-o', 'jsonl', 'hostile.jsonl']);
    expect(j.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect((JSON.parse(j.stdout) as Alert).event.Computer).toBe('WS\u001b[2J\u001b[31mEVIL\u0007');
  });

  it('reads ECS / Winlogbeat events with --field-map ecs-winlogbeat', () => {
    const ecs = {
      '@timestamp': '2024-06-01T12:00:00.000Z',
      host: { name: 'ws9' },
      winlog: { channel: 'Microsoft-Windows-Sysmon/Operational', event_id: 1, event_data: { User: 'CORP\\eve' } },
      process: { executable: 'C:\\Windows\\System32\\whoami.exe', command_line: 'whoami' },
    };
    writeFileSync(path.join(dir, 'ecs.jsonl'), `${JSON.stringify(ecs)}\n`);
    const plain = soclab(['scan', '-r', 'whoami.yml', 'ecs.jsonl']);
    expect(summaryNumber(plain.stderr, /alerts:\s+(\d+)/)).toBe(0);
    const r = soclab(['scan', '-r', 'whoami.yml', '--field-map', 'ecs-winlogbeat', 'ecs.jsonl']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('2024-06-01T12:00:00.000Z  HIGH  Whoami Execution');
    expect(r.stdout).toContain('host: ws9  user: CORP\\eve');
  });

  it('filters rules with --min-level', () => {
    const r = soclab(['scan', '-r', 'whoami.yml', '--min-level', 'critical', 'events.jsonl']);
    expect(r.status).toBe(1); // the only rule is high: none loaded
    expect(r.stderr).toMatch(/no rule loaded/);
  });

  it.each([
    [['scan', '-r', 'whoami.yml', '--format', 'xml', 'events.jsonl'], /unknown --format "xml"/],
    [['scan', '-r', 'whoami.yml', '--output', 'html', 'events.jsonl'], /unknown --output "html"/],
    [['scan', '-r', 'whoami.yml', '--min-level', 'severe', 'events.jsonl'], /unknown --min-level "severe"/],
    [['scan', '-r', 'no-such-rules', 'events.jsonl'], /rules path no-such-rules: no such file or directory/],
    [['scan', '-r', 'whoami.yml', 'missing.jsonl'], /cannot read input missing\.jsonl: no such file/],
    [['scan', '-r', 'whoami.yml', '.'], /input \. is a directory/],
    [['scan', 'events.jsonl'], /required option '-r, --rules <path>'/],
    [['scan', '-r', 'whoami.yml', '--bogus'], /unknown option '--bogus'/],
    [['scan', '-r', 'whoami.yml', '--field-map', 'nope', 'events.jsonl'], /unknown field-map profile "nope"/],
    [['scan', '-r', 'whoami.yml', '--var', 'novalue', 'events.jsonl'], /expected name=value/],
  ])('exits 2 on unusable arguments: %j', (args, message) => {
    const r = soclab(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('--unmapped decides which events rules without a logsource mapping meet', () => {
    writeFileSync(
      path.join(dir, 'zeek-not.yml'),
      'title: Zeek Not Internal\nid: 0d9b3c2e-6a1f-4f7e-9c1d-2b3a4c5d6e7f\nlogsource: {product: zeek, service: rdp}\n' +
        "detection:\n  selection: {id.resp_h|cidr: '10.0.0.0/8'}\n  condition: not selection\nlevel: low\n",
    );
    writeFileSync(path.join(dir, 'mixed.jsonl'), `${sysmon('C:\\x\\notepad.exe')}\n{"app":"vpn","id.resp_h":"203.0.113.9"}\n`);
    const alerted = (policy: string) =>
      soclab(['scan', '-r', 'zeek-not.yml', '--unmapped', policy, '--output', 'jsonl', 'mixed.jsonl'])
        .stdout.trim().split('\n').filter(Boolean).map((l) => (JSON.parse(l) as Alert).source.line);
    expect(alerted('unclaimed')).toEqual([2]); // the Sysmon event belongs to the Windows mapping
    expect(alerted('match-all')).toEqual([1, 2]);
    expect(soclab(['scan', '-r', 'zeek-not.yml', '--unmapped', 'skip', 'mixed.jsonl']).status).toBe(1); // no rule loaded
    const bad = soclab(['scan', '-r', 'zeek-not.yml', '--unmapped', 'bogus', 'mixed.jsonl']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/Allowed choices are unclaimed, match-all, skip/);
  });

  it('exits 1 when no rule loads, reporting the rule errors', () => {
    const r = soclab(['scan', '-r', 'broken.yml', 'events.jsonl']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/broken\.yml.*error/);
    expect(r.stderr).toMatch(/no rule loaded/);
  });

  it('goes on when some rules fail, and says how many were skipped', () => {
    const r = soclab(['scan', '-r', 'whoami.yml', '-r', 'broken.yml', 'events.jsonl']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/rules:\s+1 loaded, 1 skipped with errors/);
    expect(r.stdout).toContain('Whoami Execution');
  });

  it('stops quietly when stdout closes early (| head)', () => {
    const lines = Array.from({ length: 20000 }, (_, i) => sysmon(`C:\\t\\${i}\\whoami.exe`)).join('\n');
    writeFileSync(path.join(dir, 'many.jsonl'), lines);
    const r = spawnSync('/bin/sh', ['-c', `"${process.execPath}" "${bin}" scan -r whoami.yml -o jsonl many.jsonl | head -n 2`], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(r.stdout.split('\n').filter((l) => l.startsWith('{'))).toHaveLength(2);
    expect(r.stderr).not.toMatch(/EPIPE|Error|at .*\.js/);
    expect(r.stderr).toMatch(/output closed early/);
  });
});

describe('soclab scan interrupted', () => {
  it('stops on Ctrl-C (SIGINT), prints the summary and exits 130', async () => {
    const child = spawn(process.execPath, [bin, 'scan', '-r', 'whoami.yml', '-o', 'jsonl'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdin.on('error', () => {}); // the scan stops reading once interrupted
    const line = `${sysmon('C:\\Windows\\System32\\whoami.exe')}\n`;
    const block = line.repeat(200);
    let sent = false;
    child.stdout.once('data', () => {
      child.kill('SIGINT');
      sent = true;
    });
    // Keep events flowing (stdin never ends) until the process is gone.
    const feeder = setInterval(() => {
      if (!child.stdin.destroyed) child.stdin.write(block);
    }, 10);
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    clearInterval(feeder);
    expect(sent).toBe(true);
    expect(code).toBe(130);
    expect(stderr).toMatch(/soclab scan summary/);
    expect(stderr).toMatch(/\(interrupted\)/);
    expect(summaryNumber(stderr, /events:\s+(\d+)/)).toBeGreaterThan(0);
  });
});

describe('soclab scan --jobs', () => {
  it('scans files in worker threads with the same alerts as one thread', () => {
    const files: string[] = [];
    for (let f = 0; f < 3; f++) {
      const name = `part${f}.jsonl`;
      const lines = Array.from({ length: 400 }, (_, i) => sysmon(i % 7 === 0 ? `C:\\p${f}\\${i}\\whoami.exe` : `C:\\p${f}\\${i}.exe`));
      writeFileSync(path.join(dir, name), `${lines.join('\n')}\nbroken line ${f}\n`);
      files.push(name);
    }
    const one = soclab(['scan', '-r', 'whoami.yml', '-o', 'jsonl', ...files]);
    const two = soclab(['scan', '-r', 'whoami.yml', '-o', 'jsonl', '--jobs', '2', ...files]);
    expect(one.status, one.stderr).toBe(0);
    expect(two.status, two.stderr).toBe(0);
    const sorted = (out: string) => out.trim().split('\n').sort();
    expect(sorted(two.stdout)).toEqual(sorted(one.stdout));
    expect(sorted(two.stdout)).toHaveLength(3 * 58);
    expect(two.stderr).toMatch(/\(2 workers\)/);
    expect(summaryNumber(two.stderr, /events:\s+(\d+)/)).toBe(1200);
    expect(summaryNumber(two.stderr, /malformed lines\/records:\s+(\d+)/)).toBe(3);
    expect(two.stderr).toMatch(/part1\.jsonl:401: error MALFORMED_EVENT/);
  });

  it('reports unusable --jobs values and rule paths with exit code 2', () => {
    expect(soclab(['scan', '-r', 'whoami.yml', '--jobs', 'many', 'events.jsonl']).status).toBe(2);
    const r = soclab(['scan', '-r', 'missing-dir', '--jobs', '2', 'events.jsonl', 'events.jsonl']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/rules path missing-dir/);
  });
});

describe('soclab check', () => {
  it('--json gives loaded/failed/diagnostics and exit 0 for good rules', () => {
    const r = soclab(['check', 'whoami.yml', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { loaded: number; failed: number; diagnostics: unknown[] };
    expect(out).toMatchObject({ loaded: 1, failed: 0 });
    expect(Array.isArray(out.diagnostics)).toBe(true);
  });

  it('exits 1 when a rule fails, printing file:line: severity CODE path: message', () => {
    const r = soclab(['check', 'whoami.yml', 'broken.yml']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^broken\.yml:\d+: error [A-Z_]+ \S*.*: .+$/m);
    expect(r.stdout).toMatch(/2 rule files: 1 rules loaded, 1 failed/);
    const j = soclab(['check', '--json', '.']);
    expect(j.status).toBe(1);
    const out = JSON.parse(j.stdout) as { loaded: number; failed: number; diagnostics: { code: string; file: string }[] };
    expect(out.failed).toBe(1);
    expect(out.diagnostics.some((d) => d.file.endsWith('broken.yml') && d.code === 'UNKNOWN_IDENTIFIER')).toBe(true);
  });

  it('takes |expand placeholder values from --var and --placeholders', () => {
    writeFileSync(
      path.join(dir, 'expand.yml'),
      "title: Admin Logon\nid: 0d6e5a6c-4c1b-4f37-9b0e-2f3c1a9d8e71\nlevel: low\nlogsource: {product: windows, service: security}\ndetection:\n  sel:\n    TargetUserName|expand: '%admins%'\n  condition: sel\n",
    );
    expect(soclab(['check', 'expand.yml']).status).toBe(1);
    expect(soclab(['check', 'expand.yml', '--var', 'admins=alice']).status).toBe(0);
    writeFileSync(path.join(dir, 'vars.yml'), 'placeholders:\n  admins: [alice, bob]\n');
    expect(soclab(['check', 'expand.yml', '--placeholders', 'vars.yml']).status).toBe(0);
    const events = [
      JSON.stringify({ Channel: 'Security', EventID: 4624, TargetUserName: 'bob' }),
      JSON.stringify({ Channel: 'Security', EventID: 4624, TargetUserName: 'mallory' }),
    ];
    writeFileSync(path.join(dir, 'logons.jsonl'), `${events.join('\n')}\n`);
    const r = soclab(['scan', '-r', 'expand.yml', '--placeholders', 'vars.yml', '-o', 'jsonl', 'logons.jsonl']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as Alert).event.TargetUserName)).toEqual(['bob']);
  });

  it('exits 2 for a missing path', () => {
    const r = soclab(['check', 'nowhere']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/nowhere/);
  });
});

describe('--help', () => {
  it.each([['scan'], ['check']])('%s --help shows usage and examples', (cmd) => {
    const r = soclab([cmd, '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Usage: soclab ${cmd}`);
    expect(r.stdout).toContain('Examples:');
  });

  it('the top-level help lists both commands', () => {
    const r = soclab(['--help']);
    expect(r.stdout).toMatch(/scan \[options\]/);
    expect(r.stdout).toMatch(/check \[options\]/);
  });
});

function jsonlFilesUnder(root: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(root).sort()) {
    const p = path.join(root, name);
    if (statSync(p).isDirectory()) out.push(...jsonlFilesUnder(p));
    else if (name.endsWith('.evtx.jsonl')) out.push(p);
  }
  return out;
}

describeShared('scan of every real-logs file with the SigmaHQ Windows rules', () => {
  it('reads every line, crashes on nothing, and raises alerts', () => {
    const files = jsonlFilesUnder(path.join(sharedDir, 'real-logs'));
    const r = soclab(['scan', '-r', path.join(sharedDir, 'sigmahq/rules/windows'), '-o', 'jsonl', ...files]);
    expect(r.status, r.stderr.slice(-2000)).toBe(0);
    expect(summaryNumber(r.stderr, /events:\s+(\d+)/)).toBe(2609);
    expect(summaryNumber(r.stderr, /malformed lines\/records:\s+(\d+)/)).toBe(0);
    const alerts = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Alert);
    expect(alerts.length).toBe(summaryNumber(r.stderr, /alerts:\s+(\d+)/));
    expect(alerts.length).toBeGreaterThan(0);
    expect(new Set(alerts.map((a) => a.source.file)).size).toBeGreaterThan(10);
    expect(alerts.every((a) => files.includes(a.source.file) && typeof a.source.line === 'number')).toBe(true);
  }, 900_000); // thousands of rules over 2,609 events on a shared 2-core machine
});
