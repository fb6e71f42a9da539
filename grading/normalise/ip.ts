// IP addresses: IPv4 in dotted decimal (leading zeros read as decimal, as analysts mean them),
// IPv6 in RFC 5952 canonical form, IPv4-mapped IPv6 (::ffff:10.0.0.1) as the IPv4 address.
// Brackets ("[2001:db8::1]") and a trailing port ("10.0.0.1:443") are dropped.
import ipaddr from 'ipaddr.js';
import { refang } from '../defang.js';

function parseV4(s: string): string | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return null;
  const parts = m.slice(1).map((p) => Number.parseInt(p, 10));
  return parts.every((n) => n <= 255) ? parts.join('.') : null;
}

/** Canonical IP text, or null when `value` is not an IP address. */
export function normaliseIp(value: string): string | null {
  let s = refang(value).trim();
  const bracketed = /^\[([0-9a-fA-F:.%\w]+)\](?::\d{1,5})?$/.exec(s);
  if (bracketed) s = bracketed[1];
  const v4port = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(s);
  if (v4port) s = v4port[1];
  const v4 = parseV4(s);
  if (v4) return v4;
  if (!s.includes(':')) return null;
  const zoneless = s.replace(/%[\w.-]+$/, '');
  // cheap shape test before the library's parse (which is slow on the many near-misses in logs,
  // such as "07:51:47"): hex groups and colons, with "::" or all eight groups
  if (!/^[0-9a-f:.]{2,45}$/i.test(zoneless)) return null;
  const colons = zoneless.split(':').length - 1;
  if (!zoneless.includes('::') && colons !== 7 && !(colons === 6 && zoneless.includes('.'))) return null;
  if (!ipaddr.IPv6.isValid(zoneless)) return null;
  const addr = ipaddr.IPv6.parse(zoneless);
  if (addr.isIPv4MappedAddress()) return addr.toIPv4Address().toString();
  return addr.toString();
}
