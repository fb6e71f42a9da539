// Scenario: at night, an attacker with a stolen admin account RDPs from a compromised workstation
// to the backup and file servers, deletes shadow copies and the backup catalogue, disables boot
// recovery, clears the Security log, and starts renaming files on the shares (a ransomware dry run
// caught early). Look-alike: the backup job pruning its oldest shadow copy every night.
import { IMAGES } from '../core/binaries.js';
import { MINUTE } from '../core/events.js';
import type { Host } from '../core/org.js';
import { launch } from '../activity/process.js';
import { remoteLogon } from '../activity/lateral.js';
import { auditLogCleared, userSubject } from '../sources/security.js';
import { fileCreate } from '../sources/sysmon.js';
import { ACTIONS, Story } from './story.js';
import { at } from './common.js';
import { qualysLsassScan, veeamShadowPrune } from './lookalikes.js';
import type { Scenario } from './types.js';

const EXT = '.nbl0ck';
const NOTE = 'README_RESTORE_FILES.txt';
const TOOL = 'C:\\ProgramData\\svcmgr\\svcmgr.exe';

export const ransomwarePrecursors: Scenario = {
  id: 'ransomware-precursors',
  version: '1.0.0',
  title: 'Night-time ransomware precursors: shadow copies deleted, log cleared, files renamed',
  summary: 'Backups and shadow copies destroyed on two servers at 01:40, the Security log cleared, then mass renames on the shares.',
  difficulty: 'hard',
  techniques: ['T1490', 'T1070.001', 'T1486', 'T1021.001', 'T1078.002'],
  start: '2026-03-17T00:00:00Z',
  hours: 24,
  build(ctx) {
    const { org, rng, world } = ctx;
    const s = new Story(org);
    const day = ctx.start;
    const owner = org.staff.find((u) => u.adminAccount && u.department === 'IT') ?? org.staff.find((u) => u.adminAccount)!;
    const adm = owner.adminAccount!;
    s.involve(owner);
    const srcHost = org.workstations.find((h) => h.owner?.department === 'Sales')!;
    s.involve(srcHost.owner!);
    const bkp = org.backupServer;
    const fs = org.fileServer;
    const shell = (host: Host, t: number, key: string) => {
      const logonId = remoteLogon(ctx, s.emit, host, adm, srcHost.ip, srcHost.name, t, 10, key, 'Negotiate');
      const st = world.state(host);
      const explorer = st.makeProc(st.winlogon, IMAGES.explorer, 'C:\\Windows\\Explorer.EXE', t + 8000, `${org.domain}\\${adm.sam}`, adm.sid, logonId, 'High', 2);
      launch(ctx, explorer, t + 8000, s.emit);
      const cmd = st.spawn(explorer, IMAGES.cmd, '"C:\\Windows\\system32\\cmd.exe"', t + 30_000);
      launch(ctx, cmd, t + 30_000, s.emit);
      return { st, cmd, logonId };
    };
    const run = (sh: ReturnType<typeof shell>, t: number, image: string, line: string, key?: string) => {
      const p = sh.st.spawn(sh.cmd, image, line, t);
      launch(ctx, p, t, s.emit, key ? { key } : {});
      return p;
    };

    const tB = at(day, 1, 38, 20);
    const b = shell(bkp, tB, 'rdp-bkp');
    run(b, tB + 70_000, IMAGES.net, 'net stop "Veeam Backup Service" /y');
    run(b, tB + 95_000, IMAGES.vssadmin, 'vssadmin.exe delete shadows /all /quiet', 'bkp-vss');
    s.alert('shadow_copy_deletion', 'bkp-vss', 'true_positive', `All shadow copies deleted on ${bkp.name} by ${adm.sam} at night, right after stopping the backup service.`, { withSecurity: true });
    run(b, tB + 120_000, IMAGES.wbadmin, 'wbadmin delete catalog -quiet', 'bkp-wbadmin');
    s.alert('shadow_copy_deletion', 'bkp-wbadmin', 'true_positive', `Backup catalogue deleted on ${bkp.name}.`, { withSecurity: true });

    const tF = at(day, 1, 47, 2);
    const f = shell(fs, tF, 'rdp-fs');
    run(f, tF + 60_000, IMAGES.vssadmin, 'vssadmin.exe delete shadows /all /quiet', 'fs-vss');
    s.alert('shadow_copy_deletion', 'fs-vss', 'true_positive', `All shadow copies deleted on ${fs.name}.`, { withSecurity: true });
    run(f, tF + 80_000, IMAGES.bcdedit, 'bcdedit.exe /set {default} recoveryenabled No', 'fs-bcdedit');
    s.alert('shadow_copy_deletion', 'fs-bcdedit', 'true_positive', `Boot recovery disabled on ${fs.name}.`, { withSecurity: true });
    run(f, tF + 100_000, 'C:\\Windows\\System32\\wevtutil.exe', 'wevtutil.exe cl Security');
    const tClear = tF + 100_600;
    s.add(auditLogCleared(fs, tClear, userSubject(org, adm, f.logonId)), 'log-cleared');
    s.alert('security_log_cleared', 'log-cleared', 'true_positive', `${adm.sam} cleared the Security log on ${fs.name} to hide the activity.`);

    const tEnc = tF + 4 * MINUTE;
    const enc = f.st.spawn(f.cmd, TOOL, `"${TOOL}" -path D:\\Shares -threads 2 -dry`, tEnc, { contentLabel: 'locker' });
    launch(ctx, enc, tEnc, s.emit, { key: 'locker-start' });
    const folders = ['Finance\\2026\\Invoices', 'Finance\\Budgets', 'Sales\\Quotes', 'Operations\\Routes'];
    let t = tEnc + 5000;
    folders.forEach((folder, i) => {
      for (let n = 0; n < 18; n++) {
        const name = `${rng.pick(['INV', 'Q', 'Route', 'Budget'])}-${rng.int(1000, 9999)}.${rng.pick(['pdf', 'xlsx', 'docx'])}`;
        s.add(fileCreate(enc, t, `D:\\Shares\\${folder}\\${name}${EXT}`), i === 0 && n === 0 ? 'first-rename' : undefined);
        t += rng.int(150, 900);
      }
      s.add(fileCreate(enc, t, `D:\\Shares\\${folder}\\${NOTE}`), `note-${i}`);
      s.alert('ransom_note_created', `note-${i}`, 'true_positive', `Ransom note written to D:\\Shares\\${folder} by ${TOOL}.`);
      t += 2000;
    });

    veeamShadowPrune(ctx, s, at(day, 23, 5, 0));
    qualysLsassScan(ctx, s, at(day, 3, 12, 5), [org.servers.find((h) => h.role === 'sql_server')!]);

    s.verdictAndSeverity('true_positive', 'critical', 'True positive: ransomware preparation on the backup and file servers; encryption had started.');
    s.host('host-fs', 7, fs, `${fs.name}: shadow copies deleted, log cleared, files renamed.`);
    s.host('host-bkp', 7, bkp, `${bkp.name}: backup service stopped, shadows and catalogue deleted.`);
    s.host('host-src', 4, srcHost, `${srcHost.name}: where the RDP sessions came from.`);
    s.facts.push({ id: 'user-adm', kind: 'user', weight: 6, description: `${adm.sam}: the admin account used.`, values: [`${org.domain}\\${adm.sam}`, adm.sam] });
    s.indicator('ioc-tool', 4, 'file', [TOOL, 'svcmgr.exe'], 'The locker binary.');
    s.indicator('ioc-ext', 3, 'file', [EXT, `*${EXT}`], 'Extension of renamed files.');
    s.indicator('ioc-note', 2, 'file', [NOTE], 'Ransom note name.');
    s.technique('T1490', 5, 'Inhibit system recovery.');
    s.technique('T1070.001', 3, 'Clear Windows event logs.', ['T1070']);
    s.technique('T1486', 3, 'Data encrypted for impact.');
    s.technique('T1021.001', 2, 'Remote Desktop Protocol.');
    s.timeline('tl-bkp', 3, tB, `RDP to ${bkp.name} as ${adm.sam}.`, [['rdp', 'logon', 'login', 'remote desktop'], [bkp.name.toLowerCase(), 'backup']]);
    s.timeline('tl-vss', 4, tB + 95_000, 'Shadow copies and backup catalogue deleted.', [['vssadmin', 'shadow', 'wbadmin', 'catalog', 'backup']]);
    s.timeline('tl-clear', 3, tClear, `Security log cleared on ${fs.name}.`, [['cleared', 'clear', 'wevtutil', '1102', 'log']]);
    s.timeline('tl-rename', 4, tEnc + 5000, 'Mass renames and ransom notes on the shares.', [['rename', 'renamed', 'encrypt', 'encryption', 'ransom', EXT]]);
    s.action('act-isolate', 6, `Isolate ${fs.name}, ${bkp.name} and ${srcHost.name} now.`, ACTIONS.isolate([fs.name.toLowerCase(), bkp.name.toLowerCase(), 'servers', 'hosts', 'file server']));
    s.action('act-disable', 5, `Disable ${adm.sam} and reset admin credentials.`, [['disable', 'reset', 'lock', 'revoke'], [adm.sam, 'admin', 'account', 'credentials']]);
    s.action('act-escalate', 4, 'Escalate to incident response / major incident.', [['escalate', 'incident response', 'major incident', 'ir team', 'call']]);
    s.action('act-backups', 3, 'Protect and verify offline backups before restoring.', [['offline', 'immutable', 'verify', 'protect', 'restore'], ['backup', 'backups']]);
    return {
      events: s.events, verdict: 'true_positive', severity: 'critical', alerts: s.alerts, facts: s.facts, forbidden: s.forbidden,
      summary: `At 01:38 UTC ${adm.sam} logged on over RDP from ${srcHost.name} to ${bkp.name}, stopped Veeam and deleted all shadow copies and the backup catalogue; `
        + `at 01:47 on ${fs.name} it deleted shadows, disabled boot recovery and cleared the Security log, then ${TOOL} renamed files to *${EXT} and dropped ${NOTE} in the shares. `
        + `Isolate the servers and ${srcHost.name}, disable ${adm.sam}, escalate to incident response and secure offline backups. The 23:05 shadow pruning by the backup job is normal; the Qualys agent reading LSASS is a false positive.`,
    };
  },
};
