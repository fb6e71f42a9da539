// Linux auth.log lines as JSON (sshd, sudo; `log_source: linux_auth`), with the syslog `program`,
// `pid` and the original `message` plus parsed fields.
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
