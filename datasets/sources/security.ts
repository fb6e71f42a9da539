// Windows Security log builders (Channel "Security", provider Microsoft-Windows-Security-Auditing),
// with the EventData field names the real events carry.
import { isoTime, type Fields, type GenEvent } from '../core/events.js';
import type { Host, Organisation, User } from '../core/org.js';
import { SYSTEM_LOGON_ID, type Proc } from '../core/world.js';
import { winEvent } from './windows.js';

const PROVIDER = 'Microsoft-Windows-Security-Auditing';
const SUCCESS = '0x8020000000000000';
const FAILURE = '0x8010000000000000';

function sec(host: Host, ts: number, eventId: number, data: Fields, ok = true): GenEvent {
  return { ts, fields: winEvent(host, ts, PROVIDER, 'Security', eventId, data, ok ? SUCCESS : FAILURE) };
}

/** The account that performs an action ("subject"): a user or the computer account. */
export interface Subject {
  sid: string;
  name: string;
  domain: string;
  logonId: string;
}

export function computerSubject(org: Organisation, host: Host): Subject {
  return { sid: 'S-1-5-18', name: `${host.name}$`, domain: org.domain, logonId: SYSTEM_LOGON_ID };
}

export function userSubject(org: Organisation, user: User, logonId: string): Subject {
  return { sid: user.sid, name: user.sam, domain: org.domain, logonId };
}

function subjectFields(s: Subject): Fields {
  return { SubjectUserSid: s.sid, SubjectUserName: s.name, SubjectDomainName: s.domain, SubjectLogonId: s.logonId };
}

export interface LogonInfo {
  user: User | { sid: string; sam: string };
  domain: string;
  logonType: number;
  logonId: string;
  ip: string;
  port?: number;
  workstation: string;
  authPackage?: 'Kerberos' | 'NTLM' | 'Negotiate';
  processName?: string;
  elevated?: boolean;
}

/** 4624: an account was successfully logged on. */
export function logonSuccess(host: Host, ts: number, subject: Subject, l: LogonInfo, logonGuid = '{00000000-0000-0000-0000-000000000000}'): GenEvent {
  const pkg = l.authPackage ?? (l.logonType === 3 ? 'Kerberos' : 'Negotiate');
  return sec(host, ts, 4624, {
    ...subjectFields(subject), TargetUserSid: l.user.sid, TargetUserName: l.user.sam, TargetDomainName: l.domain,
    TargetLogonId: l.logonId, LogonType: l.logonType,
    LogonProcessName: pkg === 'Kerberos' ? 'Kerberos' : l.logonType === 2 || l.logonType === 10 || l.logonType === 11 ? 'User32' : 'NtLmSsp',
    AuthenticationPackageName: pkg, WorkstationName: l.workstation, LogonGuid: logonGuid, TransmittedServices: '-',
    LmPackageName: pkg === 'NTLM' ? 'NTLM V2' : '-', KeyLength: 0, ProcessId: l.processName ? '0x2f4' : '0x0',
    ProcessName: l.processName ?? '-', IpAddress: l.ip, IpPort: l.port ?? 0, ImpersonationLevel: '%%1833',
    RestrictedAdminMode: '-', VirtualAccount: '%%1843', ElevatedToken: l.elevated ? '%%1842' : '%%1843',
  });
}

/** 4625: an account failed to log on. Status/SubStatus e.g. 0xc000006d/0xc000006a (bad password). */
export function logonFailure(host: Host, ts: number, subject: Subject, f: { targetName: string; domain: string;
  logonType: number; ip: string; port?: number; workstation: string; status?: string; subStatus?: string;
  authPackage?: string; processName?: string }): GenEvent {
  const subStatus = f.subStatus ?? '0xc000006a';
  return sec(host, ts, 4625, {
    ...subjectFields(subject), TargetUserSid: 'S-1-0-0', TargetUserName: f.targetName, TargetDomainName: f.domain,
    Status: f.status ?? '0xc000006d', FailureReason: subStatus === '0xc0000064' ? '%%2313' : '%%2313', SubStatus: subStatus,
    LogonType: f.logonType, LogonProcessName: 'NtLmSsp ', AuthenticationPackageName: f.authPackage ?? 'NTLM',
    WorkstationName: f.workstation, TransmittedServices: '-', LmPackageName: '-', KeyLength: 0,
    ProcessId: '0x0', ProcessName: f.processName ?? '-', IpAddress: f.ip, IpPort: f.port ?? 0,
  }, false);
}

/** 4634: an account was logged off. */
export function logoff(host: Host, ts: number, user: { sid: string; sam: string }, domain: string, logonId: string, logonType: number): GenEvent {
  return sec(host, ts, 4634, {
    TargetUserSid: user.sid, TargetUserName: user.sam, TargetDomainName: domain, TargetLogonId: logonId, LogonType: logonType,
  });
}

/** 4648: a logon was attempted using explicit credentials. */
export function explicitLogon(host: Host, ts: number, subject: Subject, target: { sam: string; domain: string },
  targetServer: string, processName: string, ip = '-'): GenEvent {
  return sec(host, ts, 4648, {
    ...subjectFields(subject), LogonGuid: '{00000000-0000-0000-0000-000000000000}', TargetUserName: target.sam,
    TargetDomainName: target.domain, TargetLogonGuid: '{00000000-0000-0000-0000-000000000000}',
    TargetServerName: targetServer, TargetInfo: targetServer, ProcessId: '0x1a4c', ProcessName: processName,
    IpAddress: ip, IpPort: ip === '-' ? '-' : 0,
  });
}

/** 4672: special privileges assigned to new logon. */
export function specialPrivileges(host: Host, ts: number, subject: Subject): GenEvent {
  return sec(host, ts, 4672, {
    ...subjectFields(subject),
    PrivilegeList: 'SeSecurityPrivilege\n\t\t\tSeBackupPrivilege\n\t\t\tSeRestorePrivilege\n\t\t\tSeTakeOwnershipPrivilege\n\t\t\tSeDebugPrivilege\n\t\t\tSeSystemEnvironmentPrivilege\n\t\t\tSeLoadDriverPrivilege\n\t\t\tSeImpersonatePrivilege\n\t\t\tSeDelegateSessionUserImpersonatePrivilege',
  });
}

const hexPid = (pid: number) => `0x${pid.toString(16)}`;

/** 4688: a new process has been created (command-line auditing on). */
export function processCreated(p: Proc, ts: number, subject: Subject): GenEvent {
  return sec(p.host, ts, 4688, {
    ...subjectFields(subject), NewProcessId: hexPid(p.pid), NewProcessName: p.image,
    TokenElevationType: p.integrity === 'High' ? '%%1937' : '%%1938', ProcessId: hexPid(p.parent?.pid ?? 0),
    CommandLine: p.commandLine, TargetUserSid: 'S-1-0-0', TargetUserName: '-', TargetDomainName: '-',
    TargetLogonId: '0x0', ParentProcessName: p.parent?.image ?? '-',
    MandatoryLabel: p.integrity === 'System' ? 'S-1-16-16384' : p.integrity === 'High' ? 'S-1-16-12288' : 'S-1-16-8192',
  });
}

/** 4698: a scheduled task was created. */
export function scheduledTaskCreated(host: Host, ts: number, subject: Subject, taskName: string, command: string,
  args: string, author: string): GenEvent {
  const taskContent = `<?xml version="1.0" encoding="UTF-16"?>\n<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">\n  <RegistrationInfo>\n    <Date>${isoTime(ts).slice(0, 19)}</Date>\n    <Author>${author}</Author>\n    <URI>${taskName}</URI>\n  </RegistrationInfo>\n  <Triggers>\n    <LogonTrigger>\n      <Enabled>true</Enabled>\n    </LogonTrigger>\n  </Triggers>\n  <Actions Context="Author">\n    <Exec>\n      <Command>${command}</Command>\n      <Arguments>${args}</Arguments>\n    </Exec>\n  </Actions>\n</Task>`;
  return sec(host, ts, 4698, { ...subjectFields(subject), TaskName: taskName, TaskContent: taskContent });
}

/** 4720 (created) / 4726 (deleted): a user account. */
export function userAccountChange(host: Host, ts: number, subject: Subject, target: { sid: string; sam: string },
  domain: string, kind: 'created' | 'deleted'): GenEvent {
  const base: Fields = { TargetUserName: target.sam, TargetDomainName: domain, TargetSid: target.sid, ...subjectFields(subject) };
  if (kind === 'created') {
    Object.assign(base, { PrivilegeList: '-', SamAccountName: target.sam, DisplayName: '%%1793', UserPrincipalName: '-',
      HomeDirectory: '%%1793', HomePath: '%%1793', ScriptPath: '%%1793', ProfilePath: '%%1793', UserWorkstations: '%%1793',
      PasswordLastSet: '%%1794', AccountExpires: '%%1794', PrimaryGroupId: 513, AllowedToDelegateTo: '-',
      OldUacValue: '0x0', NewUacValue: '0x15', UserAccountControl: '\n\t\t%%2080\n\t\t%%2082\n\t\t%%2084',
      UserParameters: '%%1793', SidHistory: '-', LogonHours: '%%1797' });
  }
  return sec(host, ts, kind === 'created' ? 4720 : 4726, base);
}

/** 4728 (global security group) / 4732 (local/domain-local group, e.g. Administrators): member added. */
export function groupMemberAdded(host: Host, ts: number, subject: Subject, member: { sid: string; dn: string },
  group: { name: string; sid: string; domain: string }, kind: 4728 | 4732): GenEvent {
  return sec(host, ts, kind, {
    MemberName: member.dn, MemberSid: member.sid, TargetUserName: group.name, TargetDomainName: group.domain,
    TargetSid: group.sid, ...subjectFields(subject), PrivilegeList: '-',
  });
}

/** 4740: a user account was locked out (logged on the DC). */
export function accountLockout(dc: Host, ts: number, subject: Subject, target: { sid: string; sam: string }, callerComputer: string): GenEvent {
  return sec(dc, ts, 4740, {
    TargetUserName: target.sam, TargetDomainName: callerComputer, TargetSid: target.sid, ...subjectFields(subject),
  });
}

/** 4768: a Kerberos TGT was requested. */
export function tgtRequested(dc: Host, ts: number, user: { sid: string; sam: string }, realm: string, ip: string, status = '0x0'): GenEvent {
  return sec(dc, ts, 4768, {
    TargetUserName: user.sam, TargetDomainName: realm, TargetSid: user.sid, ServiceName: 'krbtgt',
    ServiceSid: 'S-1-5-21-0-0-0-502', TicketOptions: '0x40810010', Status: status, TicketEncryptionType: '0x12',
    PreAuthType: 2, IpAddress: `::ffff:${ip}`, IpPort: 49152 + (ip.length * 97) % 10000, CertIssuerName: '',
    CertSerialNumber: '', CertThumbprint: '',
  }, status === '0x0');
}

/** 4769: a Kerberos service ticket was requested. */
export function serviceTicketRequested(dc: Host, ts: number, user: { sam: string }, realm: string, service: string,
  ip: string, encryption = '0x12'): GenEvent {
  return sec(dc, ts, 4769, {
    TargetUserName: `${user.sam}@${realm}`, TargetDomainName: realm, ServiceName: service, ServiceSid: 'S-1-5-21-0-0-0-1000',
    TicketOptions: '0x40810000', TicketEncryptionType: encryption, IpAddress: `::ffff:${ip}`, IpPort: 50000 + (service.length * 131) % 10000,
    Status: '0x0', LogonGuid: '{00000000-0000-0000-0000-000000000000}', TransmittedServices: '-',
  });
}

/** 4776: the DC attempted to validate credentials (NTLM). */
export function credentialValidation(dc: Host, ts: number, account: string, workstation: string, status = '0x0'): GenEvent {
  return sec(dc, ts, 4776, {
    PackageName: 'MICROSOFT_AUTHENTICATION_PACKAGE_V1_0', TargetUserName: account, Workstation: workstation, Status: status,
  }, status === '0x0');
}

/** 5140: a network share object was accessed. */
export function shareAccessed(host: Host, ts: number, subject: Subject, ip: string, shareName: string, localPath: string): GenEvent {
  return sec(host, ts, 5140, {
    ...subjectFields(subject), ObjectType: 'File', IpAddress: ip, IpPort: 49000 + (ts % 15000),
    ShareName: `\\\\*\\${shareName}`, ShareLocalPath: localPath, AccessMask: '0x1', AccessList: '%%4416\n\t\t\t\t',
  });
}

/** 5145: a network share object was checked for access (detailed file share). */
export function shareObjectChecked(host: Host, ts: number, subject: Subject, ip: string, shareName: string, localPath: string,
  relativeTarget: string, accessMask = '0x1'): GenEvent {
  return sec(host, ts, 5145, {
    ...subjectFields(subject), ObjectType: 'File', IpAddress: ip, IpPort: 49000 + (ts % 15000),
    ShareName: `\\\\*\\${shareName}`, ShareLocalPath: localPath, RelativeTargetName: relativeTarget,
    AccessMask: accessMask, AccessList: accessMask === '0x1' ? '%%4416\n\t\t\t\t' : '%%4417\n\t\t\t\t%%4418\n\t\t\t\t',
    AccessReason: '-',
  });
}

/** 1102: the audit log was cleared (provider Microsoft-Windows-Eventlog, user data). */
export function auditLogCleared(host: Host, ts: number, subject: Subject): GenEvent {
  return {
    ts,
    fields: winEvent(host, ts, 'Microsoft-Windows-Eventlog', 'Security', 1102, {
      SubjectUserSid: subject.sid, SubjectUserName: subject.name, SubjectDomainName: subject.domain,
      SubjectLogonId: subject.logonId,
    }, '0x4020000000000000'),
  };
}
