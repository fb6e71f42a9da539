// Benign look-alikes: ordinary, authorised activity that trips a lab rule. Each adds its events,
// the alert(s) the key expects with a verdict ("benign": the rule worked on authorised activity;
// "false_positive": the rule matched something it should not have), and the claims a report
// must not make about it. Scenarios mix these into their day.
import { IMAGES, sha256For } from '../core/binaries.js';
import { MINUTE } from '../core/events.js';
import { USER_AGENTS } from '../core/internet.js';
import type { Host } from '../core/org.js';
import { hexLogonId, type Session } from '../core/world.js';
import type { GenContext } from '../activity/context.js';
import { psexec, remoteLogon } from '../activity/lateral.js';
import { launch } from '../activity/process.js';
import { webRequest } from '../activity/web.js';
import { mailLog } from '../sources/mail.js';
import { dnsLog } from '../sources/dns.js';
import { groupMemberAdded, userAccountChange, userSubject } from '../sources/security.js';
import { processAccess, registryEvent } from '../sources/sysmon.js';
import { pickSession } from './common.js';
import type { User } from '../core/org.js';
import type { Story } from './story.js';

type Ctx = GenContext;

/** A session for a look-alike actor: never one of the story's actors, and then marked as used. */
function pickFor(ctx: Ctx, s: Story, sessions: Session[], t: number, filter: (u: User) => boolean): Session {
  const ses = pickSession(ctx.rng, sessions, t, (u) => filter(u) && !s.involves(u));
  s.involve(ses.user);
  return ses;
}

/** A genuine haulage partner mails its macro rate calculator (mail_macro_attachment: benign). */
export function supplierMacroMail(ctx: Ctx, s: Story, sessions: Session[], t: number): void {
  const ops = pickFor(ctx, s, sessions, t, (u) => u.department === 'Operations');
  s.add(mailLog(ctx.org.mailGateway, t, {
    messageId: `<${ctx.rng.hex(20)}@brightfreight.co.uk>`, direction: 'inbound', sender: 'rates@brightfreight.co.uk',
    senderIp: '185.44.12.9', recipient: ops.user.email, subject: 'Q2 rate calculator (macro workbook) as agreed',
    spf: 'pass', dkim: 'pass', dmarc: 'pass', action: 'delivered', spamScore: 0,
    attachments: [{ name: 'BrightFreight_rate_calculator_Q2.xlsm', sha256: sha256For('rate-calc', 'benign').toLowerCase(), size: 183112 }],
  }), 'la-supplier-mail');
  s.alert('mail_macro_attachment', 'la-supplier-mail', 'benign',
    'A known haulage partner (SPF, DKIM and DMARC pass, expected in the thread) sent its usual rate calculator; nothing ran from it.', { escalate: false });
  s.forbid({ id: 'no-brightfreight', kind: 'indicator', type: 'domain', values: ['brightfreight.co.uk'], description: 'BrightFreight is a genuine partner; its macro workbook is benign.', penalty: 3 });
}

/** An IT admin downloads Sysinternals with PowerShell on the app server (cradle + PowerShell UA: benign). */
export function adminSysinternalsDownload(ctx: Ctx, s: Story, sessions: Session[], t: number): void {
  const { org, world } = ctx;
  const it = pickFor(ctx, s, sessions, t, (u) => !!u.adminAccount);
  const admin = it.user.adminAccount!;
  const app = org.servers.find((h) => h.role === 'app_server')!;
  const st = world.state(app);
  const logonId = remoteLogon(ctx, s.emit, app, admin, it.host.ip, it.host.name, t - 5 * MINUTE, 10, undefined, 'Negotiate');
  const shell = st.makeProc(st.winlogon, IMAGES.explorer, 'C:\\Windows\\Explorer.EXE', t, `${org.domain}\\${admin.sam}`, admin.sid, logonId, 'High', 2);
  const dl = st.spawn(shell, IMAGES.powershell,
    'powershell.exe -NoProfile -Command "Invoke-WebRequest -Uri https://download.sysinternals.com/files/SysinternalsSuite.zip -OutFile C:\\Tools\\SysinternalsSuite.zip"', t);
  launch(ctx, dl, t, s.emit, { key: 'la-admin-download' });
  s.alert('powershell_download_cradle', 'la-admin-download', 'benign',
    `${admin.sam} (IT) downloaded the Sysinternals Suite from Microsoft's own site on ${app.name}; routine admin work.`, { withSecurity: true, escalate: false });
  webRequest(ctx, dl, t + 800, { domain: 'download.sysinternals.com', dstIp: '152.199.4.33', path: '/files/SysinternalsSuite.zip',
    userAgent: USER_AGENTS.powershell, bytesIn: 49_812_331, contentType: 'application/zip', category: 'Information Technology' }, s.emit, 'la-admin-dl');
  s.alert('proxy_powershell_useragent', 'la-admin-dl:proxy', 'benign', 'The same admin download seen at the proxy: Microsoft Sysinternals.', { escalate: false });
  s.forbidHost('no-app-server', app, `${app.name} only saw an admin downloading Sysinternals; it is not compromised.`);
  s.forbidUser('no-sysinternals-admin', admin, `${admin.sam} did routine admin work.`);
  s.forbid({ id: 'no-sysinternals', kind: 'indicator', type: 'domain', values: ['download.sysinternals.com', 'sysinternals.com'], description: 'Microsoft\'s Sysinternals download site, used by IT.', penalty: 3 });
}

const QUALYS = 'C:\\Program Files\\Qualys\\QualysAgent\\QualysAgent.exe';

/** The Qualys vulnerability agent reads LSASS on servers during its scan (lsass_access: false positive). */
export function qualysLsassScan(ctx: Ctx, s: Story, t: number, hosts: Host[]): void {
  hosts.forEach((h, i) => {
    const st = ctx.world.state(h);
    const agent = st.spawn(st.services, QUALYS, `"${QUALYS}"`, t - 60_000 + i);
    const key = `la-qualys-${i}`;
    s.add(processAccess(agent, st.lsass, t + i * 97_000, '0x1410',
      `C:\\Windows\\SYSTEM32\\ntdll.dll+9d4c4|C:\\Windows\\System32\\KERNELBASE.dll+2c13e|${QUALYS}+3f2a1`), key);
    s.alert('lsass_access', key, 'false_positive',
      `The Qualys agent (a signed, installed vulnerability scanner) queried LSASS on ${h.name} during its scheduled scan; the rule's filters miss it and should be tuned.`, { escalate: false });
    s.forbidHost(`no-qualys-${h.name.toLowerCase()}`, h, `${h.name} only saw the Qualys agent's scan.`, 3);
  });
  s.forbid({ id: 'no-qualys-process', kind: 'indicator', type: 'file', values: ['QualysAgent.exe', QUALYS], description: 'QualysAgent.exe is the company\'s vulnerability scanner.', penalty: 3 });
}

/** The backup job prunes old shadow copies on the backup server (shadow_copy_deletion: benign). */
export function veeamShadowPrune(ctx: Ctx, s: Story, t: number): void {
  const { org, world } = ctx;
  const bkp = org.backupServer;
  const st = world.state(bkp);
  const svcAcct = org.serviceAccounts.find((u) => u.sam === 'svc-backup')!;
  const veeam = st.makeProc(st.services, IMAGES.veeam, `"${IMAGES.veeam}"`, t - 3_600_000, `${org.domain}\\svc-backup`, svcAcct.sid,
    hexLogonId(0x3e7a1c), 'High', 0);
  const cmd = st.spawn(veeam, IMAGES.cmd, 'cmd.exe /c "C:\\Scripts\\prune-shadows.cmd"', t);
  launch(ctx, cmd, t, s.emit);
  const vss = st.spawn(cmd, IMAGES.vssadmin, 'vssadmin.exe delete shadows /for=E: /oldest /quiet', t + 400);
  launch(ctx, vss, t + 400, s.emit, { key: 'la-veeam-vss' });
  s.alert('shadow_copy_deletion', 'la-veeam-vss', 'benign',
    `The nightly backup job (svc-backup, parent Veeam.Backup.Service.exe via C:\\Scripts\\prune-shadows.cmd) deleted only the oldest shadow copy of E: on ${bkp.name}, as it does every night.`, { withSecurity: true, escalate: false });
  s.forbidUser('no-svc-backup', svcAcct, 'svc-backup only ran the scheduled pruning job.', 3);
}

/** The service desk creates a new starter's account (user_account_created: benign). */
export function newHireAccount(ctx: Ctx, s: Story, sessions: Session[], t: number): void {
  const { org, rng } = ctx;
  const it = pickFor(ctx, s, sessions, t, (u) => !!u.adminAccount);
  const admin = it.user.adminAccount!;
  const newSam = 'o.fitzgerald';
  const ev = userAccountChange(org.dc, t, userSubject(org, admin, hexLogonId(rng.int(0x1000000, 0x7fffffff))),
    { sid: `${org.domainSid}-${4100 + rng.int(0, 99)}`, sam: newSam }, org.domain, 'created');
  s.add(ev, 'la-new-hire');
  s.alert('user_account_created', 'la-new-hire', 'benign',
    `${admin.sam} (IT service desk) created ${newSam} during office hours for a new starter in Customer Service; the account joined no privileged group.`, { escalate: false });
  s.forbid({ id: 'no-new-hire', kind: 'user', values: [`${org.domain}\\${newSam}`, newSam], description: `${newSam} is a new starter's legitimate account.`, penalty: 3 });
}

/** IT gives a user local admin rights for a software install (admin_group_member_added: benign). */
export function localAdminForInstall(ctx: Ctx, s: Story, sessions: Session[], t: number): void {
  const { org, rng } = ctx;
  const it = pickFor(ctx, s, sessions, t, (u) => !!u.adminAccount);
  const admin = it.user.adminAccount!;
  const user = pickFor(ctx, s, sessions, t, (u) => u.department === 'Marketing' || u.department === 'Sales');
  s.add(groupMemberAdded(user.host, t, userSubject(org, admin, hexLogonId(rng.int(0x1000000, 0x7fffffff))),
    { sid: user.user.sid, dn: `CN=${user.user.displayName},OU=Staff,DC=nbl,DC=local` },
    { name: 'Administrators', sid: 'S-1-5-32-544', domain: 'Builtin' }, 4732), 'la-local-admin');
  s.alert('admin_group_member_added', 'la-local-admin', 'benign',
    `${admin.sam} (IT) added ${user.user.sam} to the local Administrators of ${user.host.name} for a software install; routine but worth a ticket check.`, { escalate: false });
  s.forbidHost('no-local-admin-host', user.host, `${user.host.name} only got a temporary local admin for an install.`, 3);
}

/** An IT admin runs PsExec from his own workstation to fix a user's PC (PsExec rules: benign). */
export function itPsexecSupport(ctx: Ctx, s: Story, sessions: Session[], t: number): void {
  const { world } = ctx;
  const it = pickFor(ctx, s, sessions, t, (u) => !!u.adminAccount);
  const admin = it.user.adminAccount!;
  const target = pickFor(ctx, s, sessions, t, (u) => u.department === 'Customer Service');
  const st = world.state(it.host);
  const shell = st.spawn(it.explorer, IMAGES.cmd, '"C:\\Windows\\system32\\cmd.exe"', t - 30_000);
  launch(ctx, shell, t - 30_000, s.emit);
  psexec(ctx, s.emit, shell, target.host, admin, 'gpupdate /force', t, 'la-it-psexec');
  s.alert('admin_share_executable_write', 'la-it-psexec:share-write', 'benign',
    `${admin.sam} copied PsExec's service to ${target.host.name} from his own workstation ${it.host.name} to force a policy update for a helpdesk call.`, { escalate: false });
  s.alert('psexec_service_install', 'la-it-psexec:service', 'benign',
    `IT support: ${admin.sam} ran "gpupdate /force" on ${target.host.name} with PsExec.`, { escalate: false });
  s.forbidHost('no-psexec-support-target', target.host, `${target.host.name} was only the target of IT support.`, 3);
  s.forbidUser('no-psexec-support-admin', admin, `${admin.sam} did authorised remote support.`, 3);
}

/** A user installs Spotify, which autostarts from AppData (run_key_user_writable: false positive). */
export function spotifyRunKey(ctx: Ctx, s: Story, sessions: Session[], t: number): void {
  const { world } = ctx;
  const ses = pickFor(ctx, s, sessions, t, (u) => u.department === 'Sales' || u.department === 'Customer Service');
  const st = world.state(ses.host);
  const exe = `C:\\Users\\${ses.user.sam}\\AppData\\Roaming\\Spotify\\Spotify.exe`;
  const setup = st.spawn(ses.explorer, `C:\\Users\\${ses.user.sam}\\Downloads\\SpotifySetup.exe`, `"C:\\Users\\${ses.user.sam}\\Downloads\\SpotifySetup.exe"`, t, { contentLabel: 'spotify' });
  launch(ctx, setup, t, s.emit);
  s.add(registryEvent(setup, t + 25_000, 'SetValue', `HKU\\${ses.user.sid}\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\Spotify`, `"${exe}" --autostart --minimized`), 'la-spotify');
  s.alert('run_key_user_writable', 'la-spotify', 'false_positive',
    `Spotify's installer set its usual autostart entry for ${ses.user.sam}; per-user apps live in AppData, so the rule needs an allow-list for known software.`, { escalate: false });
  s.forbidHost('no-spotify-host', ses.host, `${ses.host.name} only installed Spotify.`, 3);
}

/** IT schedules an inventory script on the file server (schtasks_create_suspicious: benign). */
export function itMaintenanceTask(ctx: Ctx, s: Story, sessions: Session[], t: number): void {
  const { org, world } = ctx;
  const it = pickFor(ctx, s, sessions, t, (u) => !!u.adminAccount);
  const admin = it.user.adminAccount!;
  const fs = org.fileServer;
  const st = world.state(fs);
  const logonId = remoteLogon(ctx, s.emit, fs, admin, it.host.ip, it.host.name, t - 4 * MINUTE, 10, undefined, 'Negotiate');
  const shell = st.makeProc(st.winlogon, IMAGES.cmd, '"C:\\Windows\\system32\\cmd.exe"', t - 60_000, `${org.domain}\\${admin.sam}`, admin.sid, logonId, 'High', 2);
  const task = st.spawn(shell, IMAGES.schtasks, 'schtasks.exe /create /tn "NBL\\Share inventory" /tr "powershell.exe -NoProfile -File C:\\ProgramData\\NBL\\share-inventory.ps1" /sc weekly /d SUN /st 03:00 /ru SYSTEM', t);
  launch(ctx, task, t, s.emit, { key: 'la-it-task' });
  s.alert('schtasks_create_suspicious', 'la-it-task', 'benign',
    `${admin.sam} (IT) scheduled the weekly share inventory script on ${fs.name} (change ticket CHG-2291).`, { withSecurity: true, escalate: false });
}

/** HR sends an offer letter to a candidate's gmail address (mail_personal_webmail_attachment: benign). */
export function recruiterOfferMail(ctx: Ctx, s: Story, sessions: Session[], t: number): void {
  const hr = pickFor(ctx, s, sessions, t, (u) => u.department === 'HR');
  s.add(mailLog(ctx.org.mailGateway, t, {
    messageId: `<${ctx.rng.hex(20)}@${ctx.org.emailDomain}>`, direction: 'outbound', sender: hr.user.email, senderIp: '10.0.2.25',
    recipient: 'dana.whitfield87@gmail.com', subject: 'Your offer from Northbridge Logistics', spf: 'pass', dkim: 'pass', dmarc: 'pass',
    action: 'delivered', attachments: [{ name: 'Offer_letter_D_Whitfield.pdf', sha256: sha256For('offer', 'hr').toLowerCase(), size: 88211 }],
  }), 'la-offer-mail');
  s.alert('mail_personal_webmail_attachment', 'la-offer-mail', 'benign',
    `${hr.user.sam} (HR) sent an offer letter to a candidate's private address: HR's normal business.`, { escalate: false });
  s.forbidUser('no-hr-sender', hr.user, `${hr.user.sam} only sent an offer letter.`, 3);
}

/** Marketing sends artwork to the print agency by WeTransfer (proxy_upload_file_sharing: benign). */
export function marketingWetransfer(ctx: Ctx, s: Story, sessions: Session[], t: number): void {
  const mk = pickFor(ctx, s, sessions, t, (u) => u.department === 'Marketing');
  const browser = mk.apps.find((p) => p.image === IMAGES.chrome) ?? mk.explorer;
  webRequest(ctx, browser, t, { domain: 'storm-eu-west-1.wetransfer.com', dstIp: '52.19.28.11', path: '/upload/chunk', method: 'POST',
    userAgent: USER_AGENTS.chrome, bytesOut: 41_943_040, bytesIn: 512, contentType: 'application/json', category: 'File Sharing' }, s.emit, 'la-wetransfer');
  s.alert('proxy_upload_file_sharing', 'la-wetransfer:proxy', 'benign',
    `${mk.user.sam} (Marketing) uploaded brochure artwork to WeTransfer for the print agency, as Marketing does weekly.`, { escalate: false });
  s.forbid({ id: 'no-wetransfer', kind: 'indicator', type: 'domain', values: ['wetransfer.com', 'storm-eu-west-1.wetransfer.com'], description: 'The WeTransfer upload was Marketing\'s artwork.', penalty: 3 });
}

/** The mail gateway's anti-virus looks file hashes up over DNS (dns_long_subdomain: false positive). */
export function avHashLookups(ctx: Ctx, s: Story, t: number, n = 3): void {
  const { org, rng } = ctx;
  for (let i = 0; i < n; i++) {
    const key = `la-av-dns-${i}`;
    s.add(dnsLog(org.dc, t + i * 7 * MINUTE + rng.int(0, 60_000), { srcIp: org.mailGateway.ip,
      query: `${rng.hex(40)}.f.sophosxl.net`, answers: ['127.0.0.1'] }), key);
    s.alert('dns_long_subdomain', key, 'false_positive',
      'The mail gateway\'s Sophos engine looks attachment hashes up over DNS (sophosxl.net); the label is a SHA-1, not tunnelled data. Allow-list sophosxl.net.', { escalate: false });
  }
  s.forbid({ id: 'no-sophosxl', kind: 'indicator', type: 'domain', values: ['sophosxl.net', 'f.sophosxl.net'], description: 'sophosxl.net is the anti-virus reputation service.', penalty: 3 });
  s.forbidHost('no-mx01', org.mailGateway, 'The mail gateway only ran anti-virus lookups.', 3);
}
