// File hashes: MD5/SHA-1/SHA-256/SHA-512 hex, compared case-insensitively; an "sha256:" style prefix
// and inner whitespace are dropped.

export const HASH_LENGTHS: Record<number, string> = { 32: 'md5', 40: 'sha1', 64: 'sha256', 128: 'sha512' };

/** Lower-case hex digest, or null when `value` is not a hash of a known length. */
export function normaliseHash(value: string): string | null {
  const s = value
    .trim()
    .replace(/^(?:md5|sha-?1|sha-?256|sha-?512|imphash)\s*[:=]\s*/i, '')
    .replace(/\s+/g, '')
    .toLowerCase();
  return /^[0-9a-f]+$/.test(s) && HASH_LENGTHS[s.length] ? s : null;
}
