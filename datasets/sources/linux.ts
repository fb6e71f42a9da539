// Linux host logs: auth.log lines as JSON (sshd, sudo; `log_source: linux_auth`, with the syslog
// `program`, `pid`, and the original `message` plus parsed fields) and auditd records
// (`log_source: auditd`, field names as auditd writes them: type, a0.., exe, comm, uid, auid, key).
import { isoTime, type GenEvent } from '../core/events.js';
import type { Host } from '../core/org.js';

export function authLog(host: Host, ts: number, program: 'sshd' | 'sudo' | 'useradd' | 'usermod' | 'passwd', pid: number,
  message: string, parsed: Record<string, string | number> = {}): GenEvent {
  return {
    ts,
    fields: { timestamp: isoTime(ts), log_source: 'linux_auth', host: host.name, program, pid, message, ...parsed },
  };
}

/** sshd outcomes in OpenSSH's own words. */
export function sshdMessage(kind: 'accepted' | 'failed' | 'invalid' | 'closed', user: string, ip: string, port: number,
  method: 'password' | 'publickey' = 'password'): string {
  switch (kind) {
    case 'accepted': return `Accepted ${method} for ${user} from ${ip} port ${port} ssh2`;
    case 'failed': return `Failed password for ${user} from ${ip} port ${port} ssh2`;
    case 'invalid': return `Failed password for invalid user ${user} from ${ip} port ${port} ssh2`;
    case 'closed': return `Connection closed by authenticating user ${user} ${ip} port ${port} [preauth]`;
  }
}

export function sudoMessage(user: string, tty: string, cwd: string, command: string): string {
  return `${user} : TTY=${tty} ; PWD=${cwd} ; USER=root ; COMMAND=${command}`;
}

/** An auditd EXECVE record with its arguments (a0..aN) and the SYSCALL context merged in. */
export function auditExec(host: Host, ts: number, serial: number, e: { argv: string[]; exe: string; uid: number;
  auid: number; pid: number; ppid: number; cwd: string; key?: string; tty?: string }): GenEvent {
  const fields: Record<string, unknown> = {
    timestamp: isoTime(ts), log_source: 'auditd', host: host.name, type: 'EXECVE',
    msg: `audit(${(ts / 1000).toFixed(3)}:${serial})`, argc: e.argv.length,
  };
  e.argv.forEach((a, i) => { fields[`a${i}`] = a; });
  Object.assign(fields, {
    syscall: 59, success: 'yes', exit: 0, pid: e.pid, ppid: e.ppid, uid: e.uid, auid: e.auid, euid: e.uid,
    tty: e.tty ?? '(none)', comm: e.exe.split('/').pop(), exe: e.exe, cwd: e.cwd, key: e.key ?? '(null)',
  });
  return { ts, fields };
}
