// Background of the Windows servers: Kerberos and NTLM traffic on the domain controller, file
// share access on the file server, service housekeeping, nightly backups, admin PowerShell and the
// odd benign service install. Nothing here may match a lab rule.
import { IMAGES } from '../core/binaries.js';
import { HOUR, type Emit } from '../core/events.js';
import { hash128 } from '../core/prng.js';
import { activityLevel } from '../core/timeline.js';
import type { Session } from '../core/world.js';
import type { Host, Organisation, User } from '../core/org.js';
import { hexLogonId } from '../core/world.js';
import type { GenContext } from '../activity/context.js';
import { launch } from '../activity/process.js';
import {
  accountLockout, computerSubject, credentialValidation, userAccountChange, logoff, logonFailure, logonSuccess, serviceTicketRequested, shareAccessed,
  shareObjectChecked, specialPrivileges, tgtRequested, userSubject,
} from '../sources/security.js';
import { networkConnect, registryEvent } from '../sources/sysmon.js';
import { moduleLog, scriptBlock } from '../sources/powershell.js';
import { serviceInstalled } from '../sources/system.js';

const SHARES: [string, string, string[]][] = [
  ['Finance', 'D:\\Shares\\Finance', ['2026\\Invoices\\INV-{N}.pdf', 'Budgets\\Budget 2026.xlsx', 'Payroll\\Summary.xlsx']],
  ['Operations', 'D:\\Shares\\Operations', ['Routes\\Week {N}.xlsx', 'Fleet\\Maintenance log.xlsx']],
  ['Shared', 'D:\\Shares\\Shared', ['Templates\\Letterhead.dotx', 'Policies\\IT Acceptable Use.pdf', 'Phone list.xlsx']],
  ['Sales', 'D:\\Shares\\Sales', ['Quotes\\Q-{N}.docx', 'Customers\\Accounts.xlsx']],
];
const SPNS = ['cifs/NBL-FS01.nbl.local', 'ldap/NBL-DC01.nbl.local', 'HTTP/NBL-APP01.nbl.local', 'MSSQLSvc/NBL-SQL01.nbl.local:1433', 'cifs/NBL-DC01.nbl.local'];
const ADMIN_PS = [
  'Get-ADUser -Filter * -SearchBase "OU=Staff,DC=nbl,DC=local" -Properties LastLogonDate | Export-Csv C:\\Reports\\lastlogon.csv -NoTypeInformation',
  'Get-Service | Where-Object { $_.Status -eq "Stopped" -and $_.StartType -eq "Automatic" }',
  'Get-EventLog -LogName System -Newest 50 -EntryType Error',
  'Get-ChildItem D:\\Shares -Recurse -File | Measure-Object -Property Length -Sum',
  'Test-NetConnection NBL-SQL01 -Port 1433',
];

interface HostLists { windows: Host[]; windowsServers: Host[]; adminTargets: Host[]; adminAccounts: User[] }
const hostLists = new WeakMap<Organisation, HostLists>();

/** Lists of the organisation the slice loop picks from, computed once. */
function listsOf(org: Organisation): HostLists {
  let l = hostLists.get(org);
  if (!l) {
    l = {
      windows: org.hosts.filter((x) => x.os === 'windows'),
      windowsServers: org.servers.filter((x) => x.os === 'windows'),
      adminTargets: org.servers.filter((x) => x.os === 'windows' && x.role !== 'backup_server'),
      adminAccounts: org.users.filter((u) => u.isAdmin && !u.isService),
    };
    hostLists.set(org, l);
  }
  return l;
}

/** Emits server background for [t0, t1). `sessions` are the workstation sessions (for share/ticket traffic). */
export function serverSlice(ctx: GenContext, sessions: Session[], t0: number, t1: number, emit: Emit): void {
  const { org, rng, scale, world } = ctx;
  const hours = (t1 - t0) / HOUR;
  const level = activityLevel(t0 + (t1 - t0) / 2);
  const at = () => t0 + Math.floor(rng.next() * (t1 - t0 - 2000));
  const realm = org.adDomain.toUpperCase();
  const fs = org.fileServer;
  const active = sessions.filter((s) => s.start < t1 && s.end > t0);
  const lists = listsOf(org);

  // Kerberos service tickets and NTLM validations for active users.
  for (let n = rng.poisson(active.length * 1.5 * hours * scale * level); n > 0 && active.length; n--) {
    const s = rng.pick(active);
    emit(serviceTicketRequested(org.dc, at(), s.user, realm, rng.pick(SPNS), s.host.ip));
  }
  for (let n = rng.poisson(active.length * 0.3 * hours * scale * level); n > 0 && active.length; n--) {
    const s = rng.pick(active);
    emit(credentialValidation(org.dc, at(), s.user.sam, s.host.name));
  }
  // Computer accounts renew tickets day and night.
  for (let n = rng.poisson(org.hosts.length * 0.15 * hours * scale); n > 0; n--) {
    const h = rng.pick(lists.windows);
    emit(tgtRequested(org.dc, at(), { sid: `${org.domainSid}-${1000 + (h.ip.length % 90)}`, sam: `${h.name}$` }, realm, h.ip));
  }
  // Occasional mistyped passwords (internal, single failures).
  for (let n = rng.poisson(active.length * 0.01 * hours * scale * level); n > 0 && active.length; n--) {
    const s = rng.pick(active);
    const ts = at();
    emit(logonFailure(fs, ts, computerSubject(org, fs), { targetName: s.user.sam, domain: org.domain, logonType: 3,
      ip: s.host.ip, workstation: s.host.name }));
    emit(credentialValidation(org.dc, ts + 3, s.user.sam, s.host.name, '0xc000006a'));
  }
  // File share sessions: network logon, share access, a few file checks, logoff.
  for (let n = rng.poisson(active.length * 0.8 * hours * scale * level); n > 0 && active.length; n--) {
    const s = rng.pick(active);
    const ts = at();
    const logonId = hexLogonId(rng.int(0x1000000, 0x7fffffff));
    const subj = userSubject(org, s.user, logonId);
    const [share, local, files] = rng.pick(SHARES);
    emit(logonSuccess(fs, ts, { sid: 'S-1-0-0', name: '-', domain: '-', logonId: '0x0' }, {
      user: s.user, domain: org.adDomain.toUpperCase(), logonType: 3, logonId, ip: s.host.ip, port: rng.int(49152, 65535),
      workstation: '-', authPackage: 'Kerberos',
    }));
    emit(shareAccessed(fs, ts + 10, subj, s.host.ip, share, local));
    for (let i = rng.int(1, 3); i > 0; i--) {
      emit(shareObjectChecked(fs, ts + 20 + i * 50, subj, s.host.ip, share, local,
        rng.pick(files).replace('{N}', String(rng.int(10, 99)))));
    }
    emit(logoff(fs, ts + rng.int(2000, 900000), s.user, org.domain, logonId, 3));
  }
  // Windows server housekeeping: registry writes by services.
  for (const h of lists.windowsServers) {
    const st = world.state(h);
    for (let n = rng.poisson(4 * hours * scale); n > 0; n--) {
      emit(registryEvent(st.svchosts[rng.int(0, st.svchosts.length - 1)], at(), 'SetValue',
        `HKLM\\System\\CurrentControlSet\\Services\\${rng.pick(['Tcpip\\Parameters\\Interfaces\\{' + h.guidPrefix + '-0000-0000-0000-000000000000}\\DhcpIPAddress', 'W32Time\\Config\\LastKnownGoodTime', 'BITS\\Performance\\PerfMMFileName'])}`,
        rng.pick(['DWORD (0x00000000)', 'Binary Data', 'QWORD (0x01da2f4c-0x8a9b1c00)'])));
    }
    for (let n = rng.poisson(1.5 * hours * scale); n > 0; n--) {
      const ts = at();
      const p = st.spawn(st.scheduler, IMAGES.taskhostw, 'taskhostw.exe Install $(Arg0)', ts);
      launch(ctx, p, ts, emit, { imageLoads: 2 });
    }
  }
  // SQL server talks to the app server.
  const sql = world.state(org.servers.find((h) => h.role === 'sql_server')!);
  const sqlProc = sql.svchosts[0];
  for (let n = rng.poisson(6 * hours * scale * level); n > 0; n--) {
    emit(networkConnect(sqlProc, at(), { srcIp: sql.host.ip, srcPort: 1433, dstIp: '10.0.1.30', dstPort: rng.int(49152, 65535) }));
  }
  // IT admins: privileged logons to servers and routine PowerShell.
  const admins = active.filter((s) => s.user.adminAccount).map((s) => s.user);
  for (let n = rng.poisson(admins.length * 0.4 * hours * scale * level); n > 0 && admins.length; n--) {
    const u = rng.pick(admins);
    const adm = u.adminAccount!;
    const target = rng.pick(lists.adminTargets);
    const ts = at();
    const logonId = hexLogonId(rng.int(0x1000000, 0x7fffffff));
    emit(logonSuccess(target, ts, computerSubject(org, target), {
      user: adm, domain: org.domain, logonType: 10, logonId, ip: u.workstation!.ip, workstation: u.workstation!.name,
      authPackage: 'Negotiate', processName: IMAGES.winlogon, elevated: true,
    }));
    emit(specialPrivileges(target, ts + 1, userSubject(org, adm, logonId)));
    const st = world.state(target);
    const explorer = st.makeProc(st.winlogon, IMAGES.explorer, 'C:\\Windows\\Explorer.EXE', ts + 6000, `${org.domain}\\${adm.sam}`,
      adm.sid, logonId, 'High', 2);
    launch(ctx, explorer, ts + 6000, emit);
    const shell = st.spawn(explorer, IMAGES.powershell, 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', ts + 9000);
    launch(ctx, shell, ts + 9000, emit);
    const script = rng.pick(ADMIN_PS);
    emit(scriptBlock(shell, ts + 30000, rng, script));
    emit(moduleLog(shell, ts + 30100, script.split(' ')[0], `CommandInvocation(${script.split(' ')[0]}): "${script.split(' ')[0]}"`));
  }
  // Lockouts (someone with a stale password on a phone or mapped drive) and the service desk
  // removing a leaver's account: at least one of each per working day, more at larger scales.
  const midnight = t0 - (t0 % (24 * HOUR));
  const dailyAt = (h: number) => midnight + h * HOUR + (hash128(`${midnight}:${h}`)[0] % HOUR);
  const inSlice = (t: number) => t >= t0 && t < t1;
  const lockouts = rng.poisson(0.25 * hours * scale * level) + (inSlice(dailyAt(10)) && level > 0.5 ? 1 : 0);
  for (let n = lockouts; n > 0 && active.length; n--) {
    const s = rng.pick(active);
    const ts = at();
    for (let i = 0; i < 5; i++) {
      emit(logonFailure(fs, ts + i * 4000, computerSubject(org, fs), { targetName: s.user.sam, domain: org.domain, logonType: 3,
        ip: s.host.ip, workstation: s.host.name }));
    }
    emit(accountLockout(org.dc, ts + 20_500, computerSubject(org, org.dc), s.user, s.host.name));
  }
  if (rng.chance(0.1 * hours * scale * level) || (inSlice(dailyAt(11)) && level > 0.5)) {
    const admin = rng.pick(lists.adminAccounts);
    const rid = rng.int(1000, 1100);
    emit(userAccountChange(org.dc, at(), userSubject(org, admin, hexLogonId(rng.int(0x1000000, 0x7fffffff))),
      { sid: `${org.domainSid}-${rid}`, sam: `leaver${rid}` }, org.domain, 'deleted'));
  }
  // Rare benign driver/service installs (Defender platform updates).
  if (rng.chance(0.02 * hours * scale)) {
    const h = rng.pick(lists.windows);
    emit(serviceInstalled(h, at(), { serviceName: 'MpKslDrv', imagePath: '\\??\\C:\\ProgramData\\Microsoft\\Windows Defender\\Scans\\MpKsl3c2d1a0e.sys',
      serviceType: 'kernel mode driver', startType: 'demand start', accountName: '', userSid: 'S-1-5-18' }));
  }
}
