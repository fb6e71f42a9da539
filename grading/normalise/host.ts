// Host names: case-insensitive; "WS-042" equals "ws-042.corp.example.com" (short name vs FQDN) but
// two different FQDNs do not match; UNC "\\host" prefixes and trailing dots dropped; IPs compared
// canonically.
import { refang } from '../defang.js';
import { normaliseIp } from './ip.js';

export interface HostName {
  /** Canonical IP when the value is an address. */
  ip: string | null;
  fqdn: string | null;
  short: string | null;
}

export function parseHost(value: string): HostName | null {
  const s = refang(value)
    .trim()
    .replace(/^\\\\|^\/\//, '')
    .replace(/[\\/].*$/, '')
    .replace(/\.+$/, '')
    .toLowerCase();
  if (!s) return null;
  const ip = normaliseIp(s);
  if (ip) return { ip, fqdn: null, short: null };
  if (!/^[a-z0-9_][a-z0-9_.$-]*$/.test(s)) return null;
  const short = s.split('.')[0].replace(/\$$/, '');
  return { ip: null, fqdn: s.includes('.') ? s : null, short };
}

/** "full" when both name the same host, null otherwise. */
export function compareHosts(key: string, reported: string): 'full' | null {
  const k = parseHost(key);
  const r = parseHost(reported);
  if (!k || !r) return null;
  if (k.ip || r.ip) return k.ip === r.ip ? 'full' : null;
  if (k.fqdn && r.fqdn) return k.fqdn === r.fqdn ? 'full' : null;
  return k.short === r.short ? 'full' : null;
}
