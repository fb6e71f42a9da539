// Accounts: "DOMAIN\user", "user@domain.tld" and "user" name the same account when the user parts
// are equal and the domains, where both are given, agree (a NetBIOS name agrees with a DNS name
// whose first label it is: CORP = corp.example.com). A bare name matches any domain.
import { refang } from '../defang.js';

export interface Account {
  user: string;
  domain: string | null;
}

/** Parses an account name; null for empty input. */
export function parseAccount(value: string): Account | null {
  const s = refang(value).trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (!s) return null;
  const bs = s.indexOf('\\');
  if (bs >= 0) {
    const user = s.slice(bs + 1).replace(/^\\+/, '');
    return user ? { user, domain: s.slice(0, bs) || null } : null;
  }
  const at = s.lastIndexOf('@');
  if (at > 0 && at < s.length - 1) return { user: s.slice(0, at), domain: s.slice(at + 1) };
  return { user: s, domain: null };
}

function domainsAgree(a: string, b: string): boolean {
  if (a === b) return true;
  const dotA = a.includes('.');
  const dotB = b.includes('.');
  if (dotA && !dotB) return a.split('.')[0] === b;
  if (dotB && !dotA) return b.split('.')[0] === a;
  return false;
}

/** "full" when the accounts are the same, null otherwise. */
export function compareAccounts(key: string, reported: string): 'full' | null {
  const k = parseAccount(key);
  const r = parseAccount(reported);
  if (!k || !r || k.user !== r.user) return null;
  if (k.domain && r.domain && !domainsAgree(k.domain, r.domain)) return null;
  return 'full';
}
