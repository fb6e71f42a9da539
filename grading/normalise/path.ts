// File paths, file names and process names. Windows paths are case-insensitive, so everything is
// lower-cased; "\\" and "/" separators unified; JSON-doubled backslashes collapsed; common
// environment variables expanded to their usual values; "\\?\" and "\??\" prefixes dropped.
import { refang } from '../defang.js';

const ENV: [RegExp, string][] = [
  [/^%(?:systemroot|windir)%/i, 'c:/windows'],
  [/^%systemdrive%/i, 'c:'],
  [/^%programfiles\(x86\)%/i, 'c:/program files (x86)'],
  [/^%programfiles%/i, 'c:/program files'],
  [/^%programdata%/i, 'c:/programdata'],
  [/^%public%/i, 'c:/users/public'],
];

export interface NormalPath {
  /** Full comparable path (lower-case, "/" separators), or just the name when no folder was given. */
  full: string;
  /** Last component. */
  name: string;
  /** True when a folder was given. */
  hasDir: boolean;
}

/** Canonical path; null for empty input. */
export function normalisePath(value: string): NormalPath | null {
  let s = refang(value).trim().replace(/^["']|["']$/g, '');
  if (!s) return null;
  s = s.replace(/^\\\\\?\\|^\\\?\?\\/, '');
  s = s.replace(/\\+/g, '/');
  for (const [re, to] of ENV) s = s.replace(re, to);
  s = s.toLowerCase().replace(/\/{2,}/g, '/').replace(/\/+$/, '');
  if (!s) return null;
  const slash = s.lastIndexOf('/');
  return { full: s, name: s.slice(slash + 1), hasDir: slash >= 0 };
}

/**
 * Compares a key path/file with a reported one: "full" when equal (or when the key names only a
 * file and the report's path ends in it), "partial" when the key has a folder and the report gives
 * the right file name in another or no folder.
 */
export function comparePaths(key: string, reported: string): 'full' | 'partial' | null {
  const k = normalisePath(key);
  const r = normalisePath(reported);
  if (!k || !r) return null;
  if (k.full === r.full) return 'full';
  if (!k.hasDir) return k.name === r.name ? 'full' : null;
  if (k.name === r.name) return 'partial';
  return null;
}

/** Process names: like paths, and "powershell" equals "powershell.exe". */
export function compareProcesses(key: string, reported: string): 'full' | 'partial' | null {
  const strip = (s: string) => s.replace(/\.exe$/i, '').replace(/\.exe(["'\s])/i, '$1');
  const direct = comparePaths(key, reported);
  if (direct) return direct;
  return comparePaths(strip(key), strip(reported));
}
