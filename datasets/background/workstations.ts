// Background activity of employees' workstations: logon/logoff, applications started from
// Explorer, Windows housekeeping processes, web browsing, files, registry, pipes and handle access.
// Nothing here may match a lab rule (tests check that a quiet background raises no alert).
import { IMAGES } from '../core/binaries.js';
import { HOUR, type Emit } from '../core/events.js';
import { addressOf, SITE_PAIRS, USER_AGENTS } from '../core/internet.js';
import { activityLevel, workSession } from '../core/timeline.js';
import type { Proc, Session } from '../core/world.js';
import type { GenContext } from '../activity/context.js';
import { launch } from '../activity/process.js';
import { webRequest } from '../activity/web.js';
import { createRemoteThread, fileCreate, pipeCreated, processAccess, processCreate, registryEvent } from '../sources/sysmon.js';
import { logoff, logonSuccess, serviceTicketRequested, tgtRequested, computerSubject } from '../sources/security.js';

/** Events per active user per hour at scale 1. */
const RATES = { apps: 1.2, housekeeping: 1.5, browse: 5, registry: 6, registryKey: 1.5, files: 2.5, pipes: 0.8, access: 0.6, consoleCtrl: 0.15 };

const USER_APPS: [string, string, number][] = [
  [IMAGES.chrome, '"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe"', 5],
  [IMAGES.edge, '"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe" --profile-directory=Default', 2],
  [IMAGES.excel, '"C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE"', 3],
  [IMAGES.winword, '"C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE" /n', 2],
  [IMAGES.acrobat, '"C:\\Program Files\\Adobe\\Acrobat DC\\Acrobat\\Acrobat.exe"', 1.5],
  [IMAGES.notepad, '"C:\\Windows\\system32\\notepad.exe"', 1],
  [IMAGES.powerpnt, '"C:\\Program Files\\Microsoft Office\\root\\Office16\\POWERPNT.EXE"', 0.5],
  [IMAGES.mstsc, '"C:\\Windows\\system32\\mstsc.exe"', 0.2],
];
const HOUSEKEEPING: [string, string, number][] = [
  [IMAGES.taskhostw, 'taskhostw.exe', 3],
  [IMAGES.backgroundTaskHost, '"C:\\Windows\\system32\\backgroundTaskHost.exe" -ServerName:BackgroundTaskHost.WebAccountProvider', 2],
  [IMAGES.searchProtocolHost, '"C:\\Windows\\system32\\SearchProtocolHost.exe" Global\\UsGthrFltPipeMssGthrPipe1_ Global\\UsGthrCtrlFltPipeMssGthrPipe1 1 -2147483646 "Software\\Microsoft\\Windows Search" "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT; MS Search 4.0 Robot)" "C:\\ProgramData\\Microsoft\\Search\\Data\\Temp\\usgthrsvc" "DownLevelDaemon"', 2],
  [IMAGES.runtimeBroker, 'C:\\Windows\\System32\\RuntimeBroker.exe -Embedding', 2],
  [IMAGES.dllhost, 'C:\\Windows\\system32\\DllHost.exe /Processid:{AB8902B4-09CA-4BB6-B78D-A8F59079A8D5}', 1],
  [IMAGES.gpupdate, 'gpupdate.exe /target:user', 0.3],
  [IMAGES.smartscreen, 'C:\\Windows\\System32\\smartscreen.exe -Embedding', 0.7],
];
const REG_VALUES: [string, string][] = [
  ['HKU\\{SID}\\Software\\Microsoft\\Office\\16.0\\Common\\Roaming\\Identities\\{ID}\\Settings\\1272\\{00000000-0000-0000-0000-000000000000}\\PendingChanges', 'DWORD (0x00000001)'],
  ['HKU\\{SID}\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\RecentDocs\\.xlsx\\MRUListEx', 'Binary Data'],
  ['HKU\\{SID}\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\UserAssist\\{CEBFF5CD-ACE2-4F4F-9178-9926F41749EA}\\Count\\HRZR_PGYFRFFVBA', 'Binary Data'],
  ['HKLM\\SOFTWARE\\Microsoft\\Windows Defender\\Signature Updates\\SignaturesLastUpdated', 'QWORD (0x01da2f4c-0x8a9b1c00)'],
  ['HKU\\{SID}\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\FeatureUsage\\AppSwitched\\Microsoft.Office.EXCEL.EXE.15', 'DWORD (0x0000002a)'],
  ['HKLM\\System\\CurrentControlSet\\Services\\bam\\State\\UserSettings\\{SID}\\\\Device\\HarddiskVolume3\\Windows\\System32\\notepad.exe', 'Binary Data'],
  ['HKU\\{SID}\\Software\\Microsoft\\OneDrive\\Accounts\\Business1\\LastSignInTime', 'QWORD (0x00000000-0x65a1b2c3)'],
];
const REG_KEYS = [
  'HKU\\{SID}\\Software\\Microsoft\\Office\\16.0\\Excel\\Resiliency\\DocumentRecovery\\{ID}',
  'HKU\\{SID}\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\SessionInfo\\1\\ApplicationViewManagement\\W32:00000000000{ID}',
  'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Schedule\\TaskCache\\Tree\\Microsoft\\Windows\\UpdateOrchestrator\\Schedule Scan',
];
const DOC_NAMES = ['Q3 forecast', 'Route plan', 'Invoice 4471', 'Customer list', 'Timesheet', 'Meeting notes', 'Fleet costs',
  'Shipment schedule', 'Budget 2026', 'Driver roster', 'Contract draft', 'Price list'];

const pickWeighted = (ctx: GenContext, items: [string, string, number][]) =>
  ctx.rng.weighted(items.map((i) => [i, i[2]] as const));

/** Plans every employee's session for each day of the window (call once, before the first slice). */
export function planSessions(ctx: GenContext): Session[] {
  const out: Session[] = [];
  const rng = ctx.rng.fork('sessions');
  for (let day = ctx.start - (ctx.start % (24 * HOUR)); day < ctx.end; day += 24 * HOUR) {
    for (const ws of ctx.org.workstations) {
      const plan = workSession(rng, day);
      if (!plan || !ws.owner) continue;
      out.push(ctx.world.state(ws).openSession(ws.owner, plan.start, plan.end));
    }
  }
  return out;
}

function sessionStart(ctx: GenContext, s: Session, emit: Emit): void {
  const { org, world } = ctx;
  const st = world.state(s.host);
  const t = s.start;
  emit(tgtRequested(org.dc, t - 400, s.user, org.adDomain.toUpperCase(), s.host.ip));
  emit(serviceTicketRequested(org.dc, t - 300, s.user, org.adDomain.toUpperCase(), `${s.host.name}$`, s.host.ip));
  emit(logonSuccess(s.host, t - 200, computerSubject(org, s.host), {
    user: s.user, domain: org.domain, logonType: 2, logonId: s.logonId, ip: '127.0.0.1', workstation: s.host.name,
    processName: IMAGES.winlogon, authPackage: 'Negotiate',
  }, s.logonGuid));
  emit(processCreate(s.explorer.parent!, t - 100));
  launch(ctx, s.explorer, t, emit);
  const startup: [string, string][] = [
    [IMAGES.onedrive, '"C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe" /background'],
    [IMAGES.teams, '"C:\\Program Files\\WindowsApps\\MSTeams_23320.3027.2591.1505_x64__8wekyb3d8bbwe\\ms-teams.exe" msteams:system-initiated'],
    [IMAGES.outlook, '"C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE"'],
  ];
  startup.forEach(([image, cmd], i) => {
    const p = st.spawn(s.explorer, image, cmd, t + 4000 + i * 1500);
    launch(ctx, p, t + 4000 + i * 1500, emit);
    s.apps.push(p);
  });
}

function sessionEnd(ctx: GenContext, s: Session, emit: Emit): void {
  emit(logoff(s.host, s.end, s.user, ctx.org.domain, s.logonId, 2));
}

function userApp(ctx: GenContext, s: Session, ts: number, emit: Emit): void {
  const st = ctx.world.state(s.host);
  const [image, cmd] = pickWeighted(ctx, USER_APPS);
  const p = st.spawn(s.explorer, image, cmd, ts);
  launch(ctx, p, ts, emit);
  s.apps.push(p);
  if (s.apps.length > 10) s.apps.splice(3, 1);
}

function housekeeping(ctx: GenContext, s: Session, ts: number, emit: Emit): void {
  const st = ctx.world.state(s.host);
  const [image, cmd] = pickWeighted(ctx, HOUSEKEEPING);
  const parent = image === IMAGES.taskhostw ? st.scheduler : st.svchosts[0];
  const p = image === IMAGES.taskhostw || image === IMAGES.runtimeBroker || image === IMAGES.backgroundTaskHost
    ? st.makeProc(parent, image, cmd, ts, s.explorer.user, s.user.sid, s.logonId, 'Medium', 1)
    : st.spawn(parent, image, cmd, ts);
  launch(ctx, p, ts, emit);
}

/** The session's browser, started from Explorer first if the user has none open. */
function browser(ctx: GenContext, s: Session, ts: number, emit: Emit): Proc {
  const b = s.apps.find((p) => p.image === IMAGES.chrome || p.image === IMAGES.edge);
  if (b) return b;
  const chrome = ctx.world.state(s.host).spawn(s.explorer, IMAGES.chrome, `"${IMAGES.chrome}"`, ts - 3000);
  launch(ctx, chrome, ts - 3000, emit);
  s.apps.push(chrome);
  return chrome;
}

function browse(ctx: GenContext, s: Session, ts: number, emit: Emit): void {
  const { rng } = ctx;
  const site = rng.weighted(SITE_PAIRS);
  const proc = site.domain.startsWith('teams') ? (s.apps.find((p) => p.image === IMAGES.teams) ?? browser(ctx, s, ts, emit))
    : site.domain.startsWith('outlook') ? (s.apps.find((p) => p.image === IMAGES.outlook) ?? browser(ctx, s, ts, emit))
    : browser(ctx, s, ts, emit);
  const ua = proc.image === IMAGES.edge ? USER_AGENTS.edge : proc.image === IMAGES.outlook ? USER_AGENTS.outlook
    : proc.image === IMAGES.teams ? USER_AGENTS.teams : USER_AGENTS.chrome;
  webRequest(ctx, proc, ts, {
    domain: site.domain, dstIp: addressOf(site.domain), path: rng.pick(site.paths), userAgent: ua, category: site.category,
    resolve: rng.chance(0.5), connect: rng.chance(0.6), method: rng.chance(0.2) ? 'POST' : 'GET',
    status: rng.weighted([[200, 90], [304, 6], [302, 3], [404, 1]] as const),
  }, emit);
}

function registry(ctx: GenContext, s: Session, ts: number, emit: Emit, key: boolean): void {
  const { rng } = ctx;
  const st = ctx.world.state(s.host);
  const sub = (t: string) => t.replace('{SID}', s.user.sid).replace('{ID}', rng.hex(8).toUpperCase());
  if (key) {
    emit(registryEvent(rng.chance(0.5) ? s.explorer : st.svchosts[1], ts, 'CreateKey', sub(rng.pick(REG_KEYS))));
    return;
  }
  const [target, details] = rng.pick(REG_VALUES);
  const proc = target.startsWith('HKLM\\SOFTWARE\\Microsoft\\Windows Defender') ? st.msmpeng
    : target.includes('bam\\State') ? st.svchosts[0] : (s.apps.length ? rng.pick(s.apps) : s.explorer);
  emit(registryEvent(proc, ts, 'SetValue', sub(target), details));
}

function files(ctx: GenContext, s: Session, ts: number, emit: Emit): void {
  const { rng } = ctx;
  const home = `C:\\Users\\${s.user.sam}`;
  const doc = rng.pick(DOC_NAMES);
  const options: [Proc | undefined, string][] = [
    [s.apps.find((p) => p.image === IMAGES.chrome), `${home}\\Downloads\\${doc}.pdf`],
    [s.apps.find((p) => p.image === IMAGES.excel), `${home}\\AppData\\Local\\Microsoft\\Office\\UnsavedFiles\\~$${doc}.xlsx`],
    [s.apps.find((p) => p.image === IMAGES.outlook), `${home}\\AppData\\Local\\Microsoft\\Windows\\INetCache\\Content.Outlook\\${rng.hex(8).toUpperCase()}\\${doc}.pdf`],
    [s.apps.find((p) => p.image === IMAGES.onedrive), `${home}\\OneDrive - Northbridge Logistics\\Documents\\${doc}.docx`],
    [s.explorer, `${home}\\AppData\\Roaming\\Microsoft\\Windows\\Recent\\${doc}.lnk`],
  ];
  const [proc, path] = rng.pick(options);
  emit(fileCreate(proc ?? s.explorer, ts, path));
}

function pipes(ctx: GenContext, s: Session, ts: number, emit: Emit): void {
  const b = browser(ctx, s, ts, emit);
  emit(pipeCreated(b, ts, `\\mojo.${b.pid}.${ctx.rng.int(1000, 9999)}.${ctx.rng.int(1e8, 9e8)}`));
}

function access(ctx: GenContext, s: Session, ts: number, emit: Emit): void {
  const st = ctx.world.state(s.host);
  const target = s.apps.length ? ctx.rng.pick(s.apps) : s.explorer;
  emit(processAccess(st.msmpeng, target, ts, '0x101000',
    'C:\\Windows\\SYSTEM32\\ntdll.dll+9d4c4|C:\\Windows\\System32\\KERNELBASE.dll+2c13e|C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.23110.3-0\\MpSvc.dll+1a2b3'));
}

/** csrss.exe injecting its console control routine (Ctrl+C / window close): the commonest benign Sysmon 8. */
function consoleCtrl(ctx: GenContext, s: Session, ts: number, emit: Emit): void {
  const st = ctx.world.state(s.host);
  const target = s.apps.length ? ctx.rng.pick(s.apps) : s.explorer;
  emit(createRemoteThread(st.csrss, target, ts, `0x00007FF${ctx.rng.hex(9).toUpperCase()}`, 'C:\\Windows\\System32\\KERNELBASE.dll', 'CtrlRoutine'));
}

/** Emits workstation background for the slice [t0, t1). */
export function workstationSlice(ctx: GenContext, sessions: Session[], t0: number, t1: number, emit: Emit): void {
  const { rng, scale } = ctx;
  const hours = (t1 - t0) / HOUR;
  const level = activityLevel(t0 + (t1 - t0) / 2);
  const at = () => t0 + Math.floor(rng.next() * (t1 - t0 - 2000));
  for (const s of sessions) {
    if (s.start >= t0 && s.start < t1) sessionStart(ctx, s, emit);
    if (s.end >= t0 && s.end < t1) sessionEnd(ctx, s, emit);
    if (s.end <= t0 || s.start >= t1) continue;
    const k = hours * scale * level * (s.start < t0 && s.end >= t1 ? 1 : 0.5);
    const repeat = (rate: number, fn: (ts: number) => void) => {
      for (let n = rng.poisson(rate * k); n > 0; n--) fn(at());
    };
    repeat(RATES.apps, (ts) => userApp(ctx, s, ts, emit));
    repeat(RATES.housekeeping, (ts) => housekeeping(ctx, s, ts, emit));
    repeat(RATES.browse, (ts) => browse(ctx, s, ts, emit));
    repeat(RATES.registry, (ts) => registry(ctx, s, ts, emit, false));
    repeat(RATES.registryKey, (ts) => registry(ctx, s, ts, emit, true));
    repeat(RATES.files, (ts) => files(ctx, s, ts, emit));
    repeat(RATES.pipes, (ts) => pipes(ctx, s, ts, emit));
    repeat(RATES.access, (ts) => access(ctx, s, ts, emit));
    repeat(RATES.consoleCtrl, (ts) => consoleCtrl(ctx, s, ts, emit));
  }
}

