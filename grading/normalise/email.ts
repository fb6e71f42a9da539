// E-mail addresses: refanged ([@], (at), [.]), "mailto:" and angle brackets dropped, lower-cased
// (local parts are case-insensitive in every mail system a SOC meets).
import { refang } from '../defang.js';
import { normaliseDomain } from './domain.js';

/** Canonical address, or null when `value` is not an e-mail address. */
export function normaliseEmail(value: string): string | null {
  const s = refang(value)
    .trim()
    .replace(/^mailto:/i, '')
    .replace(/^<|>$/g, '')
    .toLowerCase();
  const at = s.lastIndexOf('@');
  if (at <= 0) return null;
  const local = s.slice(0, at);
  if (!/^[a-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}$/.test(local)) return null;
  const domain = normaliseDomain(s.slice(at + 1));
  return domain ? `${local}@${domain}` : null;
}
