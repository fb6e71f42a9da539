// Scenario: with an IT admin's stolen credentials, an attacker on a Customer Service workstation
// uses PsExec to reach the file server and the SQL server and looks around the shares.
// Look-alike: a genuine IT admin using PsExec from his own workstation for helpdesk support.
import { IMAGES } from '../core/binaries.js';
import { launch } from '../activity/process.js';
import { psexec } from '../activity/lateral.js';
import { ACTIONS, Story } from './story.js';
import { at, pickSession } from './common.js';
import { itPsexecSupport, qualysLsassScan } from './lookalikes.js';
import type { Scenario } from './types.js';

export const psexecLateralMovement: Scenario = {
  id: 'psexec-lateral-movement',
  version: '1.0.0',
  title: 'Stolen admin credentials: PsExec from a user workstation to the file and SQL servers',
  summary: 'An IT admin account is used from a Customer Service PC to PsExec into two servers; IT also uses PsExec legitimately.',
  difficulty: 'hard',
  techniques: ['T1021.002', 'T1569.002', 'T1570', 'T1078.002', 'T1135'],
  start: '2026-03-13T00:00:00Z',
  hours: 24,
  build(ctx, sessions) {
    const { org, rng, world } = ctx;
    const s = new Story(org);
    const day = ctx.start;
    const t0 = at(day, 15, 37, 9);
    const source = pickSession(rng, sessions, t0, (u) => u.department === 'Customer Service');
    const owner = pickSession(rng, sessions, t0, (u) => !!u.adminAccount && u !== source.user);
    const stolen = owner.user.adminAccount!;
    s.involve(source.user, owner.user);
    const st = world.state(source.host);
    const toolPath = `C:\\Users\\Public\\Music\\PsExec64.exe`;
    const shell = st.spawn(source.explorer, IMAGES.powershell, 'powershell.exe -nop', t0 - 120_000);
    launch(ctx, shell, t0 - 120_000, s.emit);
    const fs = org.fileServer;
    const sql = org.servers.find((h) => h.role === 'sql_server')!;
    const a = psexec(ctx, s.emit, shell, fs, stolen, 'net share & dir D:\\Shares', t0, 'pse-fs', toolPath);
    const b = psexec(ctx, s.emit, shell, sql, stolen, 'whoami & net localgroup administrators', t0 + 7 * 60_000 + 12_000, 'pse-sql', toolPath);
    for (const [r, host] of [[a, fs], [b, sql]] as const) {
      s.alert('admin_share_executable_write', `${r.key}:share-write`, 'true_positive',
        `${stolen.sam} wrote PSEXESVC.exe into ADMIN$ of ${host.name} from ${source.host.name}, a Customer Service PC ${owner.user.sam} never uses.`);
      s.alert('psexec_service_install', `${r.key}:service`, 'true_positive', `PsExec service installed on ${host.name} with ${stolen.sam}'s credentials from ${source.host.name}.`);
    }
    const fsState = world.state(fs);
    const look = fsState.spawn(a.command, IMAGES.cmd, 'cmd.exe /c dir /s D:\\Shares\\Finance\\Payroll', t0 + 95_000);
    launch(ctx, look, t0 + 95_000, s.emit);

    itPsexecSupport(ctx, s, sessions, at(day, 10, 18, 2));
    qualysLsassScan(ctx, s, at(day, 3, 12, 5), [org.backupServer]);

    s.verdictAndSeverity('true_positive', 'high', `True positive: ${stolen.sam}'s credentials were used from a user workstation for PsExec lateral movement.`);
    s.host('host-source', 7, source.host, `${source.host.name}: source of the lateral movement.`);
    s.host('host-fs', 5, fs, `${fs.name}: reached with PsExec.`);
    s.host('host-sql', 5, sql, `${sql.name}: reached with PsExec.`);
    s.facts.push({ id: 'user-stolen', kind: 'user', weight: 7, description: `${stolen.sam}: the stolen admin account.`, values: [`${org.domain}\\${stolen.sam}`, stolen.sam] });
    s.indicator('ioc-tool', 3, 'file', [toolPath, 'PsExec64.exe'], 'PsExec dropped in C:\\Users\\Public\\Music.');
    s.technique('T1021.002', 4, 'SMB/Windows admin shares.');
    s.technique('T1569.002', 4, 'Service execution (PSEXESVC).');
    s.technique('T1078.002', 3, 'Valid domain accounts (stolen admin credentials).', ['T1078']);
    s.technique('T1570', 1, 'Lateral tool transfer.');
    s.timeline('tl-fs', 4, t0, `PsExec from ${source.host.name} to ${fs.name} as ${stolen.sam}.`, [['psexec', 'psexesvc', 'lateral', 'service'], [fs.name.toLowerCase(), 'file server', 'fs01']]);
    s.timeline('tl-sql', 4, t0 + 7 * 60_000 + 12_000, `PsExec to ${sql.name}.`, [['psexec', 'psexesvc', 'lateral', 'service'], [sql.name.toLowerCase(), 'sql']]);
    s.action('act-disable', 5, `Disable ${stolen.sam} and reset its password.`, [['disable', 'reset', 'lock', 'revoke'], [stolen.sam, 'admin account', 'account', 'credentials']]);
    s.action('act-isolate', 5, `Isolate ${source.host.name} (and check ${fs.name}, ${sql.name}).`, ACTIONS.isolate([source.host.name.toLowerCase(), 'host', 'workstation', 'source']));
    s.action('act-owner', 2, `Ask ${owner.user.sam} whether they did this (they were at ${owner.host.name}).`, [['contact', 'ask', 'verify', 'confirm', 'check with', 'interview'], [owner.user.sam, 'owner', 'admin', 'user']]);
    return {
      events: s.events, verdict: 'true_positive', severity: 'high', alerts: s.alerts, facts: s.facts, forbidden: s.forbidden,
      summary: `At ${new Date(t0).toISOString().slice(11, 16)} UTC PsExec (${toolPath}) on ${source.host.name}, a Customer Service PC, used ${stolen.sam}'s credentials `
        + `to install PSEXESVC on ${fs.name} and then ${sql.name} and list shares and admins. ${owner.user.sam}, who owns that admin account, works at ${owner.host.name}. `
        + `Disable ${stolen.sam}, isolate ${source.host.name}, and find how the credentials were stolen. The morning PsExec to a helpdesk PC is authorised IT support; the Qualys agent reading LSASS is a false positive.`,
    };
  },
};
