// Mutable per-host state while a scenario is generated: running processes (so Sysmon process
// trees stay consistent: ProcessGuid/ParentProcessGuid, PIDs, users, LogonId) and user sessions.
import { IMAGES } from './binaries.js';
import type { Host, Organisation, User } from './org.js';
import type { Rng } from './prng.js';

export interface Proc {
  host: Host;
  guid: string;
  pid: number;
  image: string;
  commandLine: string;
  /** "NBL\\jsmith" or "NT AUTHORITY\\SYSTEM". */
  user: string;
  userSid: string;
  logonId: string;
  logonGuid: string;
  integrity: 'Low' | 'Medium' | 'High' | 'System';
  sessionId: number;
  cwd: string;
  parent?: Proc;
  /** Label mixed into the file hash: attacker payloads get their own hashes. */
  contentLabel: string;
}

export interface Session {
  user: User;
  host: Host;
  logonId: string;
  logonGuid: string;
  /** Logon and logoff times, epoch ms. */
  start: number;
  end: number;
  explorer: Proc;
  /** Processes the user started recently (browser, Office...), for network/file/registry noise. */
  apps: Proc[];
}

export const SYSTEM_SID = 'S-1-5-18';
export const SYSTEM_LOGON_ID = '0x00000000000003e7';
export const SYSTEM_USER = 'NT AUTHORITY\\SYSTEM';

export function hexLogonId(n: number): string {
  return `0x${n.toString(16).padStart(16, '0')}`;
}

export class HostState {
  readonly system: Proc;
  readonly services: Proc;
  readonly lsass: Proc;
  readonly winlogon: Proc;
  readonly svchosts: Proc[];
  readonly msmpeng: Proc;
  readonly csrss: Proc;
  readonly sessions: Session[] = [];
  private pidInUse = new Set<number>();

  constructor(
    readonly host: Host,
    readonly org: Organisation,
    private readonly rng: Rng,
    bootTime: number,
  ) {
    const sys = (image: string, commandLine: string, parent?: Proc): Proc =>
      this.makeProc(parent, image, commandLine, bootTime, SYSTEM_USER, SYSTEM_SID, SYSTEM_LOGON_ID, 'System', 0);
    this.system = sys('System', 'System');
    this.system.pid = 4;
    const wininit = sys('C:\\Windows\\System32\\wininit.exe', 'wininit.exe', this.system);
    this.services = sys(IMAGES.services, 'C:\\Windows\\system32\\services.exe', wininit);
    this.lsass = sys(IMAGES.lsass, 'C:\\Windows\\system32\\lsass.exe', wininit);
    this.winlogon = sys(IMAGES.winlogon, 'winlogon.exe', this.system);
    this.csrss = sys('C:\\Windows\\System32\\csrss.exe', '%SystemRoot%\\system32\\csrss.exe ObjectDirectory=\\Windows SharedSection=1024,20480,768 Windows=On SubSystemType=Windows ServerDll=basesrv,1 ServerDll=winsrv:UserServerDllInitialization,3 ServerDll=sxssrv,4 ProfileControl=Off MaxRequestThreads=16', this.system);
    this.svchosts = ['-k DcomLaunch -p', '-k netsvcs -p -s Schedule', '-k LocalService -p -s EventLog', '-k NetworkService -p -s Dnscache', '-k netsvcs -p -s gpsvc', '-k LocalSystemNetworkRestricted -p -s SysMain']
      .map((args) => sys(IMAGES.svchost, `C:\\Windows\\system32\\svchost.exe ${args}`, this.services));
    this.msmpeng = sys(IMAGES.msmpeng, `"${IMAGES.msmpeng}"`, this.services);
  }

  /** The svchost hosting the Task Scheduler (parent of scheduled-task processes). */
  get scheduler(): Proc {
    return this.svchosts[1];
  }

  newPid(): number {
    for (;;) {
      const pid = this.rng.int(200, 16000) * 4;
      if (!this.pidInUse.has(pid)) {
        this.pidInUse.add(pid);
        if (this.pidInUse.size > 4000) this.pidInUse.clear();
        return pid;
      }
    }
  }

  newGuid(): string {
    const r = this.rng;
    return `{${this.host.guidPrefix}-${r.hex(4)}-${r.hex(4)}-${r.hex(4)}-${r.hex(4)}00000000}`;
  }

  makeProc(parent: Proc | undefined, image: string, commandLine: string, _ts: number, user: string, userSid: string,
    logonId: string, integrity: Proc['integrity'], sessionId: number, contentLabel = '', logonGuid?: string): Proc {
    const proc: Proc = {
      host: this.host, guid: this.newGuid(), pid: this.newPid(), image, commandLine, user, userSid, logonId,
      logonGuid: logonGuid ?? parent?.logonGuid ?? `{${this.host.guidPrefix}-${this.rng.hex(4)}-${this.rng.hex(4)}-e703-000000000000}`,
      integrity, sessionId, cwd: 'C:\\Windows\\system32\\', parent, contentLabel,
    };
    return proc;
  }

  /** A child of `parent` running as the parent's user unless told otherwise. */
  spawn(parent: Proc, image: string, commandLine: string, ts: number, opts: Partial<Pick<Proc, 'integrity' | 'cwd' | 'contentLabel'>> = {}): Proc {
    const p = this.makeProc(parent, image, commandLine, ts, parent.user, parent.userSid, parent.logonId,
      opts.integrity ?? parent.integrity, parent.sessionId, opts.contentLabel ?? '');
    p.cwd = opts.cwd ?? (parent.user === SYSTEM_USER ? 'C:\\Windows\\system32\\' : `C:\\Users\\${parent.user.split('\\')[1]}\\`);
    return p;
  }

  /** Starts an interactive session: userinit -> explorer, with a fresh LogonId. */
  openSession(user: User, start: number, end: number): Session {
    const logonId = hexLogonId(this.rng.int(0x100000, 0x7fffffff));
    const logonGuid = `{${this.host.guidPrefix}-${this.rng.hex(4)}-${this.rng.hex(4)}-${this.rng.hex(4)}-${this.rng.hex(12)}}`;
    const acct = `${this.org.domain}\\${user.sam}`;
    const userinit = this.makeProc(this.winlogon, IMAGES.userinit, 'C:\\Windows\\system32\\userinit.exe', start, acct,
      user.sid, logonId, 'Medium', 1, '', logonGuid);
    const explorer = this.makeProc(userinit, IMAGES.explorer, 'C:\\Windows\\Explorer.EXE', start, acct, user.sid,
      logonId, 'Medium', 1, '', logonGuid);
    explorer.cwd = `C:\\Users\\${user.sam}\\`;
    const session: Session = { user, host: this.host, logonId, logonGuid, start, end, explorer, apps: [] };
    this.sessions.push(session);
    return session;
  }

  sessionAt(ts: number): Session | undefined {
    for (const s of this.sessions) if (s.start <= ts && ts < s.end) return s;
    return undefined;
  }
}

export class World {
  private readonly states = new Map<string, HostState>();

  constructor(
    readonly org: Organisation,
    private readonly rng: Rng,
    readonly bootTime: number,
  ) {}

  state(host: Host): HostState {
    let s = this.states.get(host.name);
    if (!s) {
      s = new HostState(host, this.org, this.rng.fork(`host:${host.name}`), this.bootTime);
      this.states.set(host.name, s);
    }
    return s;
  }
}

