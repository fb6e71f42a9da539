// auditd records as JSON (`log_source: auditd`), field names as auditd writes them: type, a0.., exe,
// comm, uid, auid, key.
import { isoTime, type GenEvent } from '../core/events.js';
import type { Host } from '../core/org.js';

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
