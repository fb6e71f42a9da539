// Sysmon event builders (Microsoft-Windows-Sysmon/Operational), with the field names Sysmon writes.
// Used by the background writers and by scenarios alike, so attack events have the same shape.
import { binary, hashesFor } from '../core/binaries.js';
import { isoTime, sysmonTime, type Fields, type GenEvent } from '../core/events.js';
import type { Proc } from '../core/world.js';

export const SYSMON_CHANNEL = 'Microsoft-Windows-Sysmon/Operational';
const PROVIDER = 'Microsoft-Windows-Sysmon';

function sysmon(proc: Proc, ts: number, eventId: number, data: Fields): GenEvent {
  const fields: Fields = {
    timestamp: isoTime(ts), Provider_Name: PROVIDER, EventID: eventId, Channel: SYSMON_CHANNEL, Computer: proc.host.fqdn,
    EventRecordID: 0, Keywords: '0x8000000000000000', SecurityUserID: 'S-1-5-18', RuleName: '-', UtcTime: sysmonTime(ts),
  };
  for (const k in data) fields[k] = data[k];
  return { ts, fields };
}

/** EventID 1: process creation (child `p` of `p.parent`). */
export function processCreate(p: Proc, ts: number): GenEvent {
  const b = binary(p.image);
  const parent = p.parent;
  return sysmon(p, ts, 1, {
    ProcessGuid: p.guid, ProcessId: p.pid, Image: p.image, FileVersion: b.fileVersion, Description: b.description,
    Product: b.product, Company: b.company, OriginalFileName: b.originalFileName, CommandLine: p.commandLine,
    CurrentDirectory: p.cwd, User: p.user, LogonGuid: p.logonGuid, LogonId: p.logonId, TerminalSessionId: p.sessionId,
    IntegrityLevel: p.integrity, Hashes: hashesFor(p.image, p.contentLabel),
    ParentProcessGuid: parent?.guid ?? '-', ParentProcessId: parent?.pid ?? 0, ParentImage: parent?.image ?? '-',
    ParentCommandLine: parent?.commandLine ?? '-', ParentUser: parent?.user ?? '-',
  });
}

/** EventID 3: network connection initiated by `p`. */
export function networkConnect(p: Proc, ts: number, c: { srcIp: string; srcPort: number; dstIp: string; dstPort: number;
  dstHost?: string; protocol?: 'tcp' | 'udp' }): GenEvent {
  return sysmon(p, ts, 3, {
    ProcessGuid: p.guid, ProcessId: p.pid, Image: p.image, User: p.user, Protocol: c.protocol ?? 'tcp', Initiated: 'true',
    SourceIsIpv6: 'false', SourceIp: c.srcIp, SourceHostname: p.host.fqdn, SourcePort: c.srcPort, SourcePortName: '-',
    DestinationIsIpv6: 'false', DestinationIp: c.dstIp, DestinationHostname: c.dstHost ?? '-', DestinationPort: c.dstPort,
    DestinationPortName: c.dstPort === 443 ? 'https' : c.dstPort === 80 ? 'http' : c.dstPort === 445 ? 'microsoft-ds' : '-',
  });
}

/** EventID 7: image (DLL) loaded into `p`. */
export function imageLoad(p: Proc, ts: number, imageLoaded: string, signed = true): GenEvent {
  const b = binary(imageLoaded);
  return sysmon(p, ts, 7, {
    ProcessGuid: p.guid, ProcessId: p.pid, Image: p.image, ImageLoaded: imageLoaded, FileVersion: b.fileVersion,
    Description: b.description, Product: b.product, Company: b.company, OriginalFileName: b.originalFileName,
    Hashes: hashesFor(imageLoaded), Signed: signed ? 'true' : 'false',
    Signature: signed ? 'Microsoft Windows' : '-', SignatureStatus: signed ? 'Valid' : 'Unavailable', User: p.user,
  });
}

/** EventID 8: CreateRemoteThread from `src` into `target`. */
export function createRemoteThread(src: Proc, target: Proc, ts: number, startAddress: string, startModule = '-',
  startFunction = '-'): GenEvent {
  return sysmon(src, ts, 8, {
    SourceProcessGuid: src.guid, SourceProcessId: src.pid, SourceImage: src.image, TargetProcessGuid: target.guid,
    TargetProcessId: target.pid, TargetImage: target.image, NewThreadId: 1000 + (target.pid % 9000),
    StartAddress: startAddress, StartModule: startModule, StartFunction: startFunction, SourceUser: src.user,
    TargetUser: target.user,
  });
}

/** EventID 10: `src` opened a handle to `target`. */
export function processAccess(src: Proc, target: Proc, ts: number, grantedAccess: string, callTrace: string): GenEvent {
  return sysmon(src, ts, 10, {
    SourceProcessGUID: src.guid, SourceProcessId: src.pid, SourceThreadId: 1000 + (src.pid % 7000),
    SourceImage: src.image, TargetProcessGUID: target.guid, TargetProcessId: target.pid, TargetImage: target.image,
    GrantedAccess: grantedAccess, CallTrace: callTrace, SourceUser: src.user, TargetUser: target.user,
  });
}

/** EventID 11: file created by `p`. */
export function fileCreate(p: Proc, ts: number, targetFilename: string): GenEvent {
  return sysmon(p, ts, 11, {
    ProcessGuid: p.guid, ProcessId: p.pid, Image: p.image, TargetFilename: targetFilename,
    CreationUtcTime: sysmonTime(ts), User: p.user,
  });
}

/** EventID 12 (create/delete key) or 13 (set value). */
export function registryEvent(p: Proc, ts: number, kind: 'CreateKey' | 'DeleteKey' | 'SetValue', targetObject: string,
  details?: string): GenEvent {
  const data: Fields = {
    EventType: kind, ProcessGuid: p.guid, ProcessId: p.pid, Image: p.image, TargetObject: targetObject,
  };
  if (kind === 'SetValue') data.Details = details ?? '(Empty)';
  data.User = p.user;
  return sysmon(p, ts, kind === 'SetValue' ? 13 : 12, data);
}

/** EventID 17: named pipe created. */
export function pipeCreated(p: Proc, ts: number, pipeName: string): GenEvent {
  return sysmon(p, ts, 17, {
    EventType: 'CreatePipe', ProcessGuid: p.guid, ProcessId: p.pid, PipeName: pipeName, Image: p.image, User: p.user,
  });
}

/** EventID 22: DNS query by `p`. `results` like "::ffff:93.184.216.34;". */
export function dnsQuery(p: Proc, ts: number, queryName: string, answers: string[], status = '0'): GenEvent {
  return sysmon(p, ts, 22, {
    ProcessGuid: p.guid, ProcessId: p.pid, QueryName: queryName, QueryStatus: status,
    QueryResults: answers.length ? answers.map((a) => `::ffff:${a};`).join('') : '-', Image: p.image, User: p.user,
  });
}
