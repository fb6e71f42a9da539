// One entry point per indicator type: compare a key's accepted form with what a report says, and a
// canonical form for set look-ups (the "known data values").
import type { IndicatorType } from '../../server/contract/report.js';
import { compareAccounts, parseAccount } from './account.js';
import { isSubdomainOf, normaliseDomain } from './domain.js';
import { normaliseEmail } from './email.js';
import { normaliseHash } from './hash.js';
import { compareHosts, parseHost } from './host.js';
import { normaliseIp } from './ip.js';
import { comparePaths, compareProcesses, normalisePath } from './path.js';
import { normaliseRegistry } from './registry.js';
import { normaliseUrl } from './url.js';

export type Closeness = 'full' | 'partial' | null;

/** The domain a reported value names, if any: a domain, a URL's host or an e-mail's domain. */
function domainOf(value: string): string | null {
  return normaliseDomain(value) ?? normaliseUrl(value)?.host ?? normaliseEmail(value)?.split('@')[1] ?? null;
}

/** How closely `reported` matches the key's accepted form `key` of an indicator of type `type`. */
export function compareIndicator(type: IndicatorType, key: string, reported: string): Closeness {
  switch (type) {
    case 'ip': {
      const k = normaliseIp(key);
      return k !== null && (k === normaliseIp(reported) || k === normaliseUrl(reported)?.host) ? 'full' : null;
    }
    case 'domain': {
      const k = normaliseDomain(key);
      const r = domainOf(reported);
      if (!k || !r) return null;
      if (isSubdomainOf(r, k)) return 'full';
      return isSubdomainOf(k, r) ? 'partial' : null;
    }
    case 'url': {
      const k = normaliseUrl(key);
      if (!k) return null;
      const r = normaliseUrl(reported);
      if (r && r.key === k.key) return 'full';
      const host = r?.host ?? normaliseDomain(reported) ?? normaliseIp(reported);
      return host === k.host ? 'partial' : null;
    }
    case 'hash': {
      const k = normaliseHash(key);
      return k !== null && k === normaliseHash(reported) ? 'full' : null;
    }
    case 'email': {
      const k = normaliseEmail(key);
      return k !== null && k === normaliseEmail(reported) ? 'full' : null;
    }
    case 'file':
    case 'path':
      return comparePaths(key, reported);
    case 'process':
      return compareProcesses(key, reported);
    case 'registry': {
      const k = normaliseRegistry(key);
      const r = normaliseRegistry(reported);
      if (!k || !r) return null;
      if (k === r) return 'full';
      return r.startsWith(k + '\\') || k.startsWith(r + '\\') ? 'partial' : null;
    }
    case 'account':
      return compareAccounts(key, reported);
    case 'host':
      return compareHosts(key, reported);
  }
}

/**
 * Canonical forms of a value for set membership ("is this reported indicator anywhere in the
 * data?"): every reading of the value that parses, prefixed by its type.
 */
export function canonicalForms(value: string): string[] {
  const out: string[] = [];
  const add = (type: string, v: string | null | undefined) => {
    if (v) out.push(`${type}:${v}`);
  };
  // cheap shape checks first: this runs over every distinct value of a scenario's data
  const dotted = value.includes('.') || value.includes('[');
  if (dotted || value.includes(':')) add('ip', normaliseIp(value));
  if (dotted) add('domain', normaliseDomain(value));
  if (dotted && value.includes('/')) add('url', normaliseUrl(value)?.key);
  if (value.length >= 32) add('hash', normaliseHash(value));
  if (value.includes('@') || value.includes('[at]') || value.includes('(at)')) add('email', normaliseEmail(value));
  const path = normalisePath(value);
  if (path && /[\\/]/.test(value)) add('path', path.full);
  if (path) add('name', path.name);
  if (/^\s*["']?(?:hk|\\?registry)/i.test(value)) add('registry', normaliseRegistry(value));
  const host = parseHost(value);
  add('host', host?.short ?? host?.ip);
  const acct = parseAccount(value);
  if (acct && !/[\\/:]/.test(acct.user)) add('user', acct.user);
  return [...new Set(out)];
}
