// A small catalogue of Windows executables with the PE metadata Sysmon reports, so every process
// event for the same binary carries the same description, company and hashes.
import { stableHex } from './prng.js';

export interface Binary {
  image: string;
  description: string;
  product: string;
  company: string;
  originalFileName: string;
  fileVersion: string;
}

const MS = 'Microsoft Corporation';
const WINOS = 'Microsoft\u00ae Windows\u00ae Operating System';
const SYS32 = 'C:\\Windows\\System32\\';

const CATALOGUE: Binary[] = [
  ['C:\\Windows\\explorer.exe', 'Windows Explorer', WINOS, MS, 'EXPLORER.EXE', '10.0.19041.3636 (WinBuild.160101.0800)'],
  [`${SYS32}svchost.exe`, 'Host Process for Windows Services', WINOS, MS, 'svchost.exe', '10.0.19041.1 (WinBuild.160101.0800)'],
  [`${SYS32}services.exe`, 'Services and Controller app', WINOS, MS, 'services.exe', '10.0.19041.3636'],
  [`${SYS32}lsass.exe`, 'Local Security Authority Process', WINOS, MS, 'lsass.exe', '10.0.19041.3636'],
  [`${SYS32}winlogon.exe`, 'Windows Logon Application', WINOS, MS, 'WINLOGON.EXE', '10.0.19041.3636'],
  [`${SYS32}userinit.exe`, 'Userinit Logon Application', WINOS, MS, 'USERINIT.EXE', '10.0.19041.1'],
  [`${SYS32}cmd.exe`, 'Windows Command Processor', WINOS, MS, 'Cmd.Exe', '10.0.19041.3636 (WinBuild.160101.0800)'],
  [`${SYS32}conhost.exe`, 'Console Window Host', WINOS, MS, 'CONHOST.EXE', '10.0.19041.3636'],
  [`${SYS32}WindowsPowerShell\\v1.0\\powershell.exe`, 'Windows PowerShell', WINOS, MS, 'PowerShell.EXE', '10.0.19041.3570 (WinBuild.160101.0800)'],
  [`${SYS32}taskhostw.exe`, 'Host Process for Windows Tasks', WINOS, MS, 'taskhostw.exe', '10.0.19041.3636'],
  [`${SYS32}backgroundTaskHost.exe`, 'Background Task Host', WINOS, MS, 'backgroundTaskHost.exe', '10.0.19041.1'],
  [`${SYS32}SearchProtocolHost.exe`, 'Microsoft Windows Search Protocol Host', WINOS, MS, 'SearchProtocolHost.exe', '7.0.19041.3636'],
  [`${SYS32}RuntimeBroker.exe`, 'Runtime Broker', WINOS, MS, 'RuntimeBroker.exe', '10.0.19041.3636'],
  [`${SYS32}wbem\\WmiPrvSE.exe`, 'WMI Provider Host', WINOS, MS, 'Wmiprvse.exe', '10.0.19041.3636'],
  [`${SYS32}notepad.exe`, 'Notepad', WINOS, MS, 'NOTEPAD.EXE', '10.0.19041.3636'],
  [`${SYS32}mstsc.exe`, 'Remote Desktop Connection', WINOS, MS, 'mstsc.exe', '10.0.19041.3636'],
  [`${SYS32}rundll32.exe`, 'Windows host process (Rundll32)', WINOS, MS, 'RUNDLL32.EXE', '10.0.19041.3636'],
  [`${SYS32}gpupdate.exe`, 'Microsoft\u00ae Group Policy Update Utility', WINOS, MS, 'gpupdate.exe', '10.0.19041.1'],
  [`${SYS32}net.exe`, 'Net Command', WINOS, MS, 'net.exe', '10.0.19041.1'],
  [`${SYS32}net1.exe`, 'Net Command', WINOS, MS, 'net1.exe', '10.0.19041.1'],
  [`${SYS32}whoami.exe`, 'whoami - displays logged on user information', WINOS, MS, 'whoami.exe', '10.0.19041.1'],
  [`${SYS32}ipconfig.exe`, 'IP Configuration Utility', WINOS, MS, 'ipconfig.exe', '10.0.19041.1'],
  [`${SYS32}schtasks.exe`, 'Task Scheduler Configuration Tool', WINOS, MS, 'schtasks.exe', '10.0.19041.3636'],
  [`${SYS32}reg.exe`, 'Registry Console Tool', WINOS, MS, 'reg.exe', '10.0.19041.1'],
  [`${SYS32}sc.exe`, 'Service Control Manager Configuration Tool', WINOS, MS, 'sc.exe', '10.0.19041.1'],
  [`${SYS32}vssadmin.exe`, 'Command Line Interface for Microsoft\u00ae Volume Shadow Copy Service ', WINOS, MS, 'VSSADMIN.EXE', '10.0.19041.1'],
  [`${SYS32}wbadmin.exe`, 'Command Line Interface for Microsoft\u00ae BLB Backup', WINOS, MS, 'WBADMIN.EXE', '10.0.19041.1'],
  [`${SYS32}bcdedit.exe`, 'Boot Configuration Data Editor', WINOS, MS, 'bcdedit.exe', '10.0.19041.1'],
  [`${SYS32}wbem\\WMIC.exe`, 'WMI Commandline Utility', WINOS, MS, 'wmic.exe', '10.0.19041.1'],
  [`${SYS32}nslookup.exe`, 'nslookup', WINOS, MS, 'nslookup.exe', '10.0.19041.1'],
  [`${SYS32}certutil.exe`, 'CertUtil.exe', WINOS, MS, 'CertUtil.exe', '10.0.19041.1'],
  [`${SYS32}dllhost.exe`, 'COM Surrogate', WINOS, MS, 'dllhost.exe', '10.0.19041.1'],
  [`${SYS32}smartscreen.exe`, 'Windows Defender SmartScreen', WINOS, MS, 'smartscreen.exe', '10.0.19041.3636'],
  ['C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.23110.3-0\\MsMpEng.exe', 'Antimalware Service Executable', WINOS, MS, 'MsMpEng.exe', '4.18.23110.3'],
  ['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', 'Google Chrome', 'Google Chrome', 'Google LLC', 'chrome.exe', '120.0.6099.130'],
  ['C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe', 'Microsoft Edge', 'Microsoft Edge', MS, 'msedge.exe', '120.0.2210.91'],
  ['C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE', 'Microsoft Outlook', 'Microsoft Outlook', MS, 'Outlook.exe', '16.0.17126.20132'],
  ['C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE', 'Microsoft Word', 'Microsoft Office', MS, 'WinWord.exe', '16.0.17126.20132'],
  ['C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE', 'Microsoft Excel', 'Microsoft Office', MS, 'Excel.exe', '16.0.17126.20132'],
  ['C:\\Program Files\\Microsoft Office\\root\\Office16\\POWERPNT.EXE', 'Microsoft PowerPoint', 'Microsoft Office', MS, 'PowerPnt.exe', '16.0.17126.20132'],
  ['C:\\Program Files\\Adobe\\Acrobat DC\\Acrobat\\Acrobat.exe', 'Adobe Acrobat', 'Adobe Acrobat', 'Adobe Systems Incorporated', 'Acrobat.exe', '23.8.20470.0'],
  ['C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe', 'Microsoft OneDrive', 'Microsoft OneDrive', MS, 'OneDrive.exe', '23.246.1127.0002'],
  ['C:\\Program Files\\WindowsApps\\MSTeams_23320.3027.2591.1505_x64__8wekyb3d8bbwe\\ms-teams.exe', 'Microsoft Teams', 'Microsoft Teams', MS, 'ms-teams.exe', '23320.3027.2591.1505'],
  ['C:\\Program Files\\Veeam\\Backup and Replication\\Backup\\Veeam.Backup.Service.exe', 'Veeam Backup Service', 'Veeam Backup & Replication', 'Veeam Software Group GmbH', 'Veeam.Backup.Service.exe', '12.0.0.1420'],
  ['C:\\Program Files\\Microsoft SQL Server\\MSSQL15.MSSQLSERVER\\MSSQL\\Binn\\sqlservr.exe', 'SQL Server Windows NT - 64 Bit', 'Microsoft SQL Server', MS, 'sqlservr.exe', '2019.150.4345.5'],
  ['C:\\Windows\\PSEXESVC.exe', 'PsExec Service', 'Sysinternals PsExec', 'Sysinternals - www.sysinternals.com', 'psexesvc.exe', '2.43'],
  ['C:\\Tools\\SysinternalsSuite\\PsExec64.exe', 'Execute processes remotely', 'Sysinternals PsExec', 'Sysinternals - www.sysinternals.com', 'psexec.c', '2.43'],
  ['C:\\Tools\\SysinternalsSuite\\procdump64.exe', 'Sysinternals process dump utility', 'ProcDump', 'Sysinternals - www.sysinternals.com', 'procdump', '11.0'],
].map(([image, description, product, company, originalFileName, fileVersion]) => ({
  image, description, product, company, originalFileName, fileVersion,
}));

const BY_IMAGE = new Map(CATALOGUE.map((b) => [b.image.toLowerCase(), b]));

/** Metadata of a binary; unknown binaries (attacker tools) get empty-ish metadata like unsigned files. */
export function binary(image: string): Binary {
  return BY_IMAGE.get(image.toLowerCase()) ?? {
    image, description: '-', product: '-', company: '-', originalFileName: '-', fileVersion: '-',
  };
}

/** The Sysmon "Hashes" value for a file, stable per path+content label. */
export function hashesFor(image: string, contentLabel = ''): string {
  const k = `${image.toLowerCase()}|${contentLabel}`;
  let v = hashCache.get(k);
  if (v === undefined) {
    v = computeHashes(image, contentLabel, k);
    if (hashCache.size > 20_000) hashCache.clear();
    hashCache.set(k, v);
  }
  return v;
}

const hashCache = new Map<string, string>();

function computeHashes(image: string, contentLabel: string, k: string): string {
  return `SHA1=${stableHex(`sha1:${k}`, 40)},MD5=${stableHex(`md5:${k}`, 32)},SHA256=${sha256For(image, contentLabel)},IMPHASH=${stableHex(`imp:${k}`, 32)}`;
}

export function sha256For(image: string, contentLabel = ''): string {
  return stableHex(`sha256:${image.toLowerCase()}|${contentLabel}`, 64);
}

export const IMAGES = {
  explorer: 'C:\\Windows\\explorer.exe',
  svchost: `${SYS32}svchost.exe`,
  services: `${SYS32}services.exe`,
  lsass: `${SYS32}lsass.exe`,
  winlogon: `${SYS32}winlogon.exe`,
  userinit: `${SYS32}userinit.exe`,
  cmd: `${SYS32}cmd.exe`,
  conhost: `${SYS32}conhost.exe`,
  powershell: `${SYS32}WindowsPowerShell\\v1.0\\powershell.exe`,
  taskhostw: `${SYS32}taskhostw.exe`,
  backgroundTaskHost: `${SYS32}backgroundTaskHost.exe`,
  searchProtocolHost: `${SYS32}SearchProtocolHost.exe`,
  runtimeBroker: `${SYS32}RuntimeBroker.exe`,
  wmiprvse: `${SYS32}wbem\\WmiPrvSE.exe`,
  notepad: `${SYS32}notepad.exe`,
  mstsc: `${SYS32}mstsc.exe`,
  rundll32: `${SYS32}rundll32.exe`,
  gpupdate: `${SYS32}gpupdate.exe`,
  net: `${SYS32}net.exe`,
  net1: `${SYS32}net1.exe`,
  whoami: `${SYS32}whoami.exe`,
  ipconfig: `${SYS32}ipconfig.exe`,
  schtasks: `${SYS32}schtasks.exe`,
  reg: `${SYS32}reg.exe`,
  sc: `${SYS32}sc.exe`,
  vssadmin: `${SYS32}vssadmin.exe`,
  wbadmin: `${SYS32}wbadmin.exe`,
  bcdedit: `${SYS32}bcdedit.exe`,
  wmic: `${SYS32}wbem\\WMIC.exe`,
  nslookup: `${SYS32}nslookup.exe`,
  certutil: `${SYS32}certutil.exe`,
  dllhost: `${SYS32}dllhost.exe`,
  smartscreen: `${SYS32}smartscreen.exe`,
  msmpeng: 'C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.23110.3-0\\MsMpEng.exe',
  chrome: 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  edge: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
  outlook: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE',
  winword: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE',
  excel: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE',
  powerpnt: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\POWERPNT.EXE',
  acrobat: 'C:\\Program Files\\Adobe\\Acrobat DC\\Acrobat\\Acrobat.exe',
  onedrive: 'C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe',
  teams: 'C:\\Program Files\\WindowsApps\\MSTeams_23320.3027.2591.1505_x64__8wekyb3d8bbwe\\ms-teams.exe',
  veeam: 'C:\\Program Files\\Veeam\\Backup and Replication\\Backup\\Veeam.Backup.Service.exe',
  sqlservr: 'C:\\Program Files\\Microsoft SQL Server\\MSSQL15.MSSQLSERVER\\MSSQL\\Binn\\sqlservr.exe',
  psexesvc: 'C:\\Windows\\PSEXESVC.exe',
  psexec: 'C:\\Tools\\SysinternalsSuite\\PsExec64.exe',
  procdump: 'C:\\Tools\\SysinternalsSuite\\procdump64.exe',
} as const;
