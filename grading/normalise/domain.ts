// Domain names: refanged, lower-cased, IDN to punycode, trailing dot and a leading "www." dropped
// (analysts write both forms for the same site).
import { refang } from '../defang.js';

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Canonical domain, or null when `value` is not a domain name. */
export function normaliseDomain(value: string): string | null {
  let s = refang(value).trim().toLowerCase().replace(/\.+$/, '');
  if (!s || s.length > 253 || /[\s/@:]/.test(s)) return null;
  if (/[^\x00-\x7f]/.test(s)) {
    try {
      s = new URL(`http://${s}/`).hostname;
    } catch {
      return null;
    }
  }
  const labels = s.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return null;
  if (/^\d+$/.test(labels[labels.length - 1])) return null; // an IP, not a domain
  if (labels[0] === 'www' && labels.length > 2) labels.shift();
  return labels.join('.');
}

/** True when `sub` is `domain` or a subdomain of it (both canonical). */
export function isSubdomainOf(sub: string, domain: string): boolean {
  return sub === domain || sub.endsWith('.' + domain);
}
