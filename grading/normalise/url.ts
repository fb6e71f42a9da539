// URLs: refanged; scheme and host lower-cased (the path keeps its case); default ports, a trailing
// slash and the fragment dropped; http and https treated as the same resource; a missing scheme read
// as http ("evil.com/payload.ps1").
import { refang } from '../defang.js';
import { normaliseDomain } from './domain.js';
import { normaliseIp } from './ip.js';

export interface NormalUrl {
  /** Comparable form: host[:port]/path[?query], without the http(s) scheme. */
  key: string;
  /** Canonical host (domain or IP). */
  host: string;
}

/** Canonical URL, or null when `value` is not a URL. */
export function normaliseUrl(value: string): NormalUrl | null {
  let s = refang(value).trim();
  if (!s || /\s/.test(s)) return null;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) {
    if (!/^[^/?#]+\.[^/?#]+\//.test(s) && !/^[^/?#]+\.[a-z]{2,}$/i.test(s)) return null;
    s = 'http://' + s;
  }
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return null;
  }
  const scheme = u.protocol.replace(/:$/, '').toLowerCase();
  const rawHost = u.hostname.replace(/^\[|\]$/g, '');
  const host = normaliseIp(rawHost) ?? normaliseDomain(rawHost);
  if (!host) return null;
  let path = u.pathname;
  if (path.length > 1 && path.endsWith('/')) path = path.replace(/\/+$/, '');
  if (path === '/') path = '';
  const port = u.port ? `:${u.port}` : '';
  const prefix = scheme === 'http' || scheme === 'https' ? '' : `${scheme}://`;
  return { key: `${prefix}${host}${port}${path}${u.search}`, host };
}
