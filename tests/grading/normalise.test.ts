// Normalisation tables: every indicator kind and every defang form, as a fair human grader reads them.
import { describe, expect, it } from 'vitest';
import { refang, isDefanged } from '../../grading/defang.js';
import { normaliseIp } from '../../grading/normalise/ip.js';
import { normaliseDomain } from '../../grading/normalise/domain.js';
import { normaliseUrl } from '../../grading/normalise/url.js';
import { normaliseHash } from '../../grading/normalise/hash.js';
import { normaliseEmail } from '../../grading/normalise/email.js';
import { comparePaths, compareProcesses } from '../../grading/normalise/path.js';
import { normaliseRegistry } from '../../grading/normalise/registry.js';
import { compareAccounts } from '../../grading/normalise/account.js';
import { compareHosts } from '../../grading/normalise/host.js';
import { compareIndicator } from '../../grading/normalise/index.js';
import { compareTechnique, resolveTechnique, parseTechniqueId } from '../../grading/normalise/technique.js';
import { findTime, findTimes } from '../../grading/normalise/time.js';

describe('refang', () => {
  it.each([
    ['hxxp://evil.com', 'http://evil.com'],
    ['hXXps://evil.com', 'https://evil.com'],
    ['hxxp[:]//evil.com', 'http://evil.com'],
    ['hxxps[://]evil.com', 'https://evil.com'],
    ['evil[.]com', 'evil.com'],
    ['evil(.)com', 'evil.com'],
    ['evil{.}com', 'evil.com'],
    ['evil[dot]com', 'evil.com'],
    ['evil(dot)com', 'evil.com'],
    ['evil [.] com', 'evil.com'],
    ['evil\\.com', 'evil.com'],
    ['10[.]0[.]0[.]1', '10.0.0.1'],
    ['user[@]evil.com', 'user@evil.com'],
    ['user(at)evil(dot)com', 'user@evil.com'],
    ['fe80[:]1', 'fe80:1'],
    ['plain text, no indicators.', 'plain text, no indicators.'],
  ])('%s -> %s', (input, expected) => {
    expect(refang(input)).toBe(expected);
    expect(isDefanged(input)).toBe(input !== expected);
  });
});

describe('IP addresses', () => {
  it.each([
    ['203.0.113.45', '203.0.113.45'],
    ['203.0.113[.]45', '203.0.113.45'],
    ['203.000.113.045', '203.0.113.45'],
    ['203.0.113.45:443', '203.0.113.45'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['2001:db8::0:1', '2001:db8::1'],
    ['[2001:db8::1]:8443', '2001:db8::1'],
    ['::ffff:10.0.0.1', '10.0.0.1'],
    ['fe80::1%eth0', 'fe80::1'],
    ['256.1.1.1', null],
    ['10.0.0', null],
    ['not-an-ip', null],
  ])('%s -> %s', (input, expected) => expect(normaliseIp(input)).toBe(expected));
});

describe('domains', () => {
  it.each([
    ['Evil.COM', 'evil.com'],
    ['evil.com.', 'evil.com'],
    ['www.evil.com', 'evil.com'],
    ['www.com', 'www.com'],
    ['evil[.]com', 'evil.com'],
    ['cdn.evil(dot)com', 'cdn.evil.com'],
    ['bücher.example', 'xn--bcher-kva.example'],
    ['localhost', null],
    ['1.2.3.4', null],
    ['-bad-.com', null],
    ['a b.com', null],
  ])('%s -> %s', (input, expected) => expect(normaliseDomain(input)).toBe(expected));
});

describe('URLs', () => {
  it.each([
    ['http://EVIL.com/Payload.ps1', 'evil.com/Payload.ps1'],
    ['HTTPS://evil.com/Payload.ps1', 'evil.com/Payload.ps1'],
    ['hxxp://evil[.]com/a/', 'evil.com/a'],
    ['http://evil.com:80/a', 'evil.com/a'],
    ['http://evil.com:8080/a', 'evil.com:8080/a'],
    ['http://evil.com/a?x=1#frag', 'evil.com/a?x=1'],
    ['http://www.evil.com/', 'evil.com'],
    ['evil.com/stage2.ps1', 'evil.com/stage2.ps1'],
    ['ftp://files.evil.com/x', 'ftp://files.evil.com/x'],
    ['http://203.0.113[.]45/x', '203.0.113.45/x'],
  ])('%s -> %s', (input, expected) => expect(normaliseUrl(input)?.key).toBe(expected));
  it('rejects non-URLs', () => {
    expect(normaliseUrl('just words')).toBeNull();
    expect(normaliseUrl('stage2.ps1')).toBeNull();
  });
});

describe('hashes', () => {
  const sha256 = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
  it.each([
    [sha256.toUpperCase(), sha256],
    [`SHA256: ${sha256}`, sha256],
    ['d41d8cd98f00b204e9800998ecf8427e', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['da39a3ee5e6b4b0d3255bfef95601890afd80709', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
    ['abc123', null],
    ['z'.repeat(64), null],
  ])('%s -> %s', (input, expected) => expect(normaliseHash(input)).toBe(expected));
});

describe('e-mail addresses', () => {
  it.each([
    ['Billing@Inv0ice-Portal.com', 'billing@inv0ice-portal.com'],
    ['billing[@]inv0ice-portal[.]com', 'billing@inv0ice-portal.com'],
    ['billing(at)inv0ice-portal(dot)com', 'billing@inv0ice-portal.com'],
    ['<billing@inv0ice-portal.com>', 'billing@inv0ice-portal.com'],
    ['mailto:billing@inv0ice-portal.com', 'billing@inv0ice-portal.com'],
    ['not an address', null],
  ])('%s -> %s', (input, expected) => expect(normaliseEmail(input)).toBe(expected));
});

describe('paths, files and processes', () => {
  it.each([
    ['C:\\Users\\jdoe\\upd.exe', 'c:/users/jdoe/UPD.EXE', 'full'],
    ['C:\\Users\\jdoe\\upd.exe', 'C:\\\\Users\\\\jdoe\\\\upd.exe', 'full'],
    ['C:\\Windows\\System32\\evil.dll', '%SystemRoot%\\System32\\evil.dll', 'full'],
    ['C:\\Windows\\System32\\evil.dll', '%windir%\\system32\\EVIL.DLL', 'full'],
    ['invoice_2291.docm', 'C:\\Users\\jdoe\\Downloads\\invoice_2291.docm', 'full'],
    ['C:\\Users\\jdoe\\Downloads\\invoice_2291.docm', 'invoice_2291.docm', 'partial'],
    ['C:\\Users\\jdoe\\upd.exe', 'C:\\Temp\\upd.exe', 'partial'],
    ['C:\\Users\\jdoe\\upd.exe', 'C:\\Users\\jdoe\\other.exe', null],
    ['/tmp/x.sh', '/tmp/x.sh/', 'full'],
  ])('path %s vs %s -> %s', (key, reported, expected) => expect(comparePaths(key, reported)).toBe(expected));
  it.each([
    ['powershell.exe', 'PowerShell', 'full'],
    ['powershell.exe', 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'full'],
    ['rundll32.exe', 'rundll32', 'full'],
    ['rundll32.exe', 'regsvr32.exe', null],
  ])('process %s vs %s -> %s', (key, reported, expected) => expect(compareProcesses(key, reported)).toBe(expected));
});

describe('registry keys', () => {
  it.each([
    ['HKLM\\Software\\Run', 'hklm\\software\\run'],
    ['HKEY_LOCAL_MACHINE\\Software\\Run\\', 'hklm\\software\\run'],
    ['\\REGISTRY\\MACHINE\\Software\\Run', 'hklm\\software\\run'],
    ['HKEY_CURRENT_USER/Software//Run', 'hkcu\\software\\run'],
    ['Software\\Run', null],
  ])('%s -> %s', (input, expected) => expect(normaliseRegistry(input)).toBe(expected));
  it('a value under the key is a partial match', () => {
    expect(compareIndicator('registry', 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run', 'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\upd')).toBe('partial');
  });
});

describe('accounts', () => {
  it.each([
    ['CORP\\jdoe', 'jdoe', 'full'],
    ['CORP\\jdoe', 'JDOE', 'full'],
    ['CORP\\jdoe', 'jdoe@corp.example.com', 'full'],
    ['jdoe@corp.example.com', 'corp\\JDoe', 'full'],
    ['CORP\\jdoe', 'WS-042\\jdoe', null],
    ['CORP\\jdoe', 'jdoe@other.example.com', null],
    ['CORP\\jdoe', 'CORP\\jdoe2', null],
    ['CORP\\svc_backup', 'svc_backup', 'full'],
  ])('%s vs %s -> %s', (key, reported, expected) => expect(compareAccounts(key, reported)).toBe(expected));
});

describe('hosts', () => {
  it.each([
    ['WS-042', 'ws-042', 'full'],
    ['WS-042', 'ws-042.corp.example.com', 'full'],
    ['ws-042.corp.example.com', 'WS-042', 'full'],
    ['ws-042.corp.example.com', 'ws-042.corp.example.com.', 'full'],
    ['ws-042.corp.example.com', 'ws-042.lab.example.org', null],
    ['WS-042', '\\\\WS-042\\C$', 'full'],
    ['WS-042', 'WS-042$', 'full'],
    ['WS-042', 'WS-0421', null],
    ['10.10.4.42', '10.10.4[.]42', 'full'],
    ['10.10.4.42', 'WS-042', null],
  ])('%s vs %s -> %s', (key, reported, expected) => expect(compareHosts(key, reported)).toBe(expected));
});

describe('indicators across types', () => {
  it.each([
    ['domain', 'inv0ice-portal.com', 'cdn.inv0ice-portal[.]com', 'full'],
    ['domain', 'inv0ice-portal.com', 'hxxp://cdn.inv0ice-portal[.]com/x', 'full'],
    ['domain', 'inv0ice-portal.com', 'billing@inv0ice-portal.com', 'full'],
    ['domain', 'cdn.inv0ice-portal.com', 'inv0ice-portal.com', 'partial'],
    ['domain', 'inv0ice-portal.com', 'invoice-portal.com', null],
    ['url', 'http://cdn.x.com/stage2.ps1', 'https://CDN.x.com/stage2.ps1/', 'full'],
    ['url', 'http://cdn.x.com/stage2.ps1', 'http://cdn.x.com/other.ps1', 'partial'],
    ['url', 'http://cdn.x.com/stage2.ps1', 'cdn.x.com', 'partial'],
    ['url', 'http://cdn.x.com/Stage2.ps1', 'http://cdn.x.com/stage2.ps1', 'partial'],
    ['url', 'http://cdn.x.com/stage2.ps1', 'http://cdn.y.com/stage2.ps1', null],
    ['ip', '203.0.113.45', 'http://203.0.113.45/x', 'full'],
    ['hash', 'D41D8CD98F00B204E9800998ECF8427E', 'd41d8cd98f00b204e9800998ecf8427e', 'full'],
  ] as const)('%s: %s vs %s -> %s', (type, key, reported, expected) => expect(compareIndicator(type, key, reported)).toBe(expected));
});

describe('ATT&CK techniques', () => {
  it.each([
    ['T1059.001', 'T1059.001'],
    ['t1059.001', 'T1059.001'],
    ['T1059/001', 'T1059.001'],
    ['T 1059.001', 'T1059.001'],
    ['T1059', 'T1059'],
    ['PowerShell', 'T1059.001'],
    ['Command and Scripting Interpreter: PowerShell', 'T1059.001'],
    ['command and scripting interpreter - powershell', 'T1059.001'],
    ['T1003.001 - LSASS Memory', 'T1003.001'],
    ['LSASS Memory', 'T1003.001'],
    ['Spearphishing Attachment', 'T1566.001'],
    ['Password Spraying', 'T1110.003'],
    ['Brute Force', 'T1110'],
    ['Valid Accounts', 'T1078'],
    ['Create Account', 'T1136'],
    ['Service Execution', 'T1569.002'],
    ['SMB/Windows Admin Shares', 'T1021.002'],
    ['Registry Run Keys / Startup Folder', 'T1547.001'],
    ['Scheduled Task', 'T1053.005'],
    ['Inhibit System Recovery', 'T1490'],
    ['Data Encrypted for Impact', 'T1486'],
    ['Exfiltration Over Alternative Protocol', 'T1048'],
    ['DNS', 'T1071.004'],
    ['Email Collection', 'T1114'],
    ['Ingress Tool Transfer', 'T1105'],
    ['Application Layer Protocol', 'T1071'],
    ['Network Share Discovery', 'T1135'],
    ['Standard Encoding', 'T1132.001'],
    ['Data from Network Shared Drive', 'T1039'],
    ['Domain Account', null],
    ['made-up technique', null],
  ])('%s -> %s', (input, expected) => expect(resolveTechnique(input)).toBe(expected));

  it('compares against a key technique', () => {
    const sub = { technique: 'T1059.001', acceptParent: false };
    expect(compareTechnique(sub, 'T1059.001')).toBe('full');
    expect(compareTechnique(sub, 'T1059')).toBe('partial');
    expect(compareTechnique({ ...sub, acceptParent: true }, 'T1059')).toBe('full');
    expect(compareTechnique(sub, 'T1059.003')).toBeNull();
    expect(compareTechnique({ technique: 'T1071', acceptParent: false }, 'T1071.004')).toBe('full');
    expect(compareTechnique({ technique: 'T1566.001', acceptParent: false, alsoAccept: ['T1204.002'] }, 'T1204.002')).toBe('full');
    expect(parseTechniqueId('T105')).toBeNull();
  });
});

describe('timestamps', () => {
  const ref = Date.parse('2024-03-05T14:00:00Z');
  it.each([
    ['2024-03-05T14:02:11Z', '2024-03-05T14:02:11.000Z', true],
    ['2024-03-05T14:02:11.250Z', '2024-03-05T14:02:11.250Z', true],
    ['2024-03-05T15:02:11+01:00', '2024-03-05T14:02:11.000Z', true],
    ['2024-03-05 14:02:11', '2024-03-05T14:02:11.000Z', false],
    ['2024-03-05 14:02 UTC', '2024-03-05T14:02:00.000Z', true],
    ['2024-03-05 09:02 EST', '2024-03-05T14:02:00.000Z', true],
    ['2024-03-05 15:02 UTC+1', '2024-03-05T14:02:00.000Z', true],
    ['05/03/2024 15:02 +01:00', '2024-03-05T14:02:00.000Z', true],
    ['03/05/2024 14:02', '2024-03-05T14:02:00.000Z', false],
    ['13/03/2024 14:02', '2024-03-13T14:02:00.000Z', false],
    ['5 Mar 2024 3:02 PM CET', '2024-03-05T14:02:00.000Z', true],
    ['March 5, 2024 14:02:11', '2024-03-05T14:02:11.000Z', false],
    ['14:02', '2024-03-05T14:02:00.000Z', false],
    ['2:02 pm', '2024-03-05T14:02:00.000Z', false],
    ['00:30 UTC', '2024-03-06T00:30:00.000Z', true],
    ['10:00 UTC', '2024-03-05T10:00:00.000Z', true],
  ])('%s -> %s', (input, expected, hadZone) => {
    const t = findTime(input, { referenceMs: ref });
    expect(t && new Date(t.ms).toISOString()).toBe(expected);
    expect(t?.hadZone).toBe(hadZone);
  });

  it('applies an assumed zone when none is written', () => {
    const t = findTime('2024-03-05 15:02', { assumeOffsetMinutes: 60 });
    expect(new Date(t!.ms).toISOString()).toBe('2024-03-05T14:02:00.000Z');
  });

  it('finds every time in a line, and not a capitalised word as a zone', () => {
    const line = 'Around 15:20 CET lsass was read, then at 15:31 CET PsExec ran; at 16:00 DNS queries stopped';
    const times = findTimes(line, { referenceMs: ref });
    expect(times.map((t) => line.slice(t.start, t.end))).toEqual(['15:20 CET', '15:31 CET', '16:00']);
  });

  it('rejects impossible times', () => {
    expect(findTime('2024-02-30 10:00')).toBeNull();
    expect(findTime('25:61', { referenceMs: ref })).toBeNull();
  });
});
