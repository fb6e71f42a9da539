// Remote logons and PsExec as the logs see them, for attackers and administrators alike:
// explicit-credential logon on the source, network logon + admin share + service install on the
// target, the PSEXESVC process and the command it runs as SYSTEM.
import { IMAGES } from '../core/binaries.js';
import type { Emit } from '../core/events.js';
import type { Host, User } from '../core/org.js';
import { hexLogonId, type Proc } from '../core/world.js';
import { explicitLogon, logonSuccess, shareAccessed, shareObjectChecked, specialPrivileges, userSubject } from '../sources/security.js';
import { networkConnect, pipeCreated } from '../sources/sysmon.js';
import { serviceInstalled } from '../sources/system.js';
import type { GenContext } from './context.js';
import { launch } from './process.js';

/** A network (type 3) or RDP (type 10) logon of `user` on `target` from `srcIp`; returns the new LogonId. */
export function remoteLogon(ctx: GenContext, emit: Emit, target: Host, user: User, srcIp: string, srcName: string, ts: number,
  logonType: 3 | 10, key?: string, authPackage: 'NTLM' | 'Kerberos' | 'Negotiate' = 'NTLM'): string {
  const logonId = hexLogonId(ctx.rng.int(0x1000000, 0x7fffffff));
  const ev = logonSuccess(target, ts, { sid: 'S-1-0-0', name: '-', domain: '-', logonId: '0x0' }, {
    user, domain: ctx.org.domain, logonType, logonId, ip: srcIp, port: ctx.rng.int(49152, 65535), workstation: srcName,
    authPackage, elevated: user.isAdmin,
  });
  if (key) ev.key = key;
  emit(ev);
  if (user.isAdmin) emit(specialPrivileges(target, ts + 1, userSubject(ctx.org, user, logonId)));
  return logonId;
}

export interface PsexecResult {
  /** The command's process on the target (child of PSEXESVC). */
  command: Proc;
  /** Keys: `${key}:cmdline` (source PsExec), `${key}:logon`, `${key}:share-write`, `${key}:service`, `${key}:svc-proc`, `${key}:command`. */
  key: string;
}

/** `source` (a shell) runs PsExec with `account` against `target` to run `command` as SYSTEM. */
export function psexec(ctx: GenContext, emit: Emit, source: Proc, target: Host, account: User, command: string, ts: number,
  key: string, psexecPath: string = IMAGES.psexec): PsexecResult {
  const { org, rng, world } = ctx;
  const srcState = world.state(source.host);
  const tool = srcState.spawn(source, psexecPath,
    `${psexecPath.split('\\').pop()} \\\\${target.name} -u ${org.domain}\\${account.sam} -p ******** -accepteula -s cmd.exe /c "${command}"`, ts);
  launch(ctx, tool, ts, emit, { key: `${key}:cmdline` });
  emit(explicitLogon(source.host, ts + 300, { sid: source.userSid, name: source.user.split('\\')[1], domain: org.domain, logonId: source.logonId },
    { sam: account.sam, domain: org.domain }, target.fqdn, psexecPath, target.ip));
  emit(networkConnect(tool, ts + 350, { srcIp: source.host.ip, srcPort: rng.int(49152, 65535), dstIp: target.ip, dstPort: 445, dstHost: target.fqdn }));
  const logonId = remoteLogon(ctx, emit, target, account, source.host.ip, source.host.name, ts + 400, 3, `${key}:logon`);
  const subj = userSubject(org, account, logonId);
  emit(shareAccessed(target, ts + 500, subj, source.host.ip, 'ADMIN$', 'C:\\Windows'));
  const write = shareObjectChecked(target, ts + 520, subj, source.host.ip, 'ADMIN$', 'C:\\Windows', 'PSEXESVC.exe', '0x2');
  write.key = `${key}:share-write`;
  emit(write);
  const svc = serviceInstalled(target, ts + 900, { serviceName: 'PSEXESVC', imagePath: '%SystemRoot%\\PSEXESVC.exe', userSid: account.sid });
  svc.key = `${key}:service`;
  emit(svc);
  const tState = world.state(target);
  const svcProc = tState.spawn(tState.services, IMAGES.psexesvc, 'C:\\Windows\\PSEXESVC.exe', ts + 1000);
  launch(ctx, svcProc, ts + 1000, emit, { key: `${key}:svc-proc` });
  emit(pipeCreated(svcProc, ts + 1100, '\\PSEXESVC'));
  emit(pipeCreated(svcProc, ts + 1110, `\\PSEXESVC-${source.host.name}-${rng.int(1000, 9999)}-stdin`));
  const cmd = tState.spawn(svcProc, IMAGES.cmd, `cmd.exe /c "${command}"`, ts + 1500);
  launch(ctx, cmd, ts + 1500, emit, { key: `${key}:command` });
  return { command: cmd, key };
}

