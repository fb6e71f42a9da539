// Indicator extraction from free text: URLs, e-mails, IPs (v4/v6), hashes, registry keys, paths,
// domains and file names, in defanged forms too. Spans point into the text as written.
// Patterns are linear (no nested quantifiers) and the report size is bounded by the contract.
import type { IndicatorType } from '../server/contract/report.js';
import { refangWithMap } from './defang.js';
import { normaliseDomain } from './normalise/domain.js';
import { normaliseEmail } from './normalise/email.js';
import { normaliseHash } from './normalise/hash.js';
import { normaliseIp } from './normalise/ip.js';
import { normaliseUrl } from './normalise/url.js';

export interface ExtractedIndicator {
  type: IndicatorType;
  /** The value as written (possibly defanged). */
  raw: string;
  /** The refanged value. */
  value: string;
  start: number;
  end: number;
}

/**
 * Top-level domains accepted for bare (not defanged) domains in running text. Country codes that
 * are also common file extensions (.sh, .py, .ps, .pl, .rs, .md...) are left out so "run.sh" is a
 * file, not a domain; a defanged "evil[.]sh" is still a domain.
 */
const TLDS = new Set(
  (
    'com net org info biz io co me us uk de fr ru cn jp br in it nl es se no fi dk pl cz ch at be eu ca au nz ' +
    'top xyz online site club shop app dev cloud live store tech space website icu vip work link click ' +
    'gov edu mil int local lan corp internal example test onion su tk ml ga cf gq ir kp ua by kz tr ' +
    'ro hu gr pt ie il za mx ar cl kr tw hk sg my id th vn ph pk bd ng ke eg sa ae qa'
  ).split(' '),
);

const FILE_EXT =
  'exe|dll|sys|ps1|psm1|bat|cmd|vbs|vbe|js|jse|hta|lnk|scr|msi|jar|iso|img|zip|rar|7z|gz|tar|doc|docx|docm|' +
  'xls|xlsx|xlsm|ppt|pptm|pdf|rtf|one|py|sh|elf|bin|dat|dmp|tmp|txt|log|csv|ini|cfg|xml|json|php|aspx|asp|jsp|' +
  'eml|msg|html|htm|svg|cab|cpl|ocx|wsf|reg|evtx|kdbx|pfx|key|pem';

const FILE_NAME = new RegExp(String.raw`\.(?:${FILE_EXT})$`, 'i');

interface Pattern {
  type: IndicatorType;
  re: RegExp;
}

const PATTERNS: Pattern[] = [
  { type: 'url', re: /\b(?:https?|ftp):\/\/[^\s<>"'`()[\]{}]{1,2000}/gi },
  { type: 'email', re: /\b[a-z0-9._%+-]{1,64}@(?:[a-z0-9-]{1,63}\.){1,10}[a-z]{2,63}\b/gi },
  { type: 'registry', re: /\b(?:HKLM|HKCU|HKCR|HKU|HKEY_[A-Z_]{4,20})\\[^\s"'`<>|]{1,500}/g },
  { type: 'path', re: /(?:\b[a-z]:\\|%[a-z()0-9_]{2,30}%\\|\\\\[a-z0-9_.$-]{1,63}\\)[^\s"'`<>|*?]{0,500}/gi },
  { type: 'path', re: /(?<![\w.:/])\/(?:tmp|etc|var|usr|home|opt|root|dev\/shm|bin|sbin|srv|mnt)\/[^\s"'`<>|*?]{0,500}/g },
  { type: 'hash', re: /(?<![0-9a-f])(?:[0-9a-f]{128}|[0-9a-f]{64}|[0-9a-f]{40}|[0-9a-f]{32})(?![0-9a-f])/gi },
  { type: 'ip', re: /(?<![\d.])\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![\d]|\.\d)/g },
  { type: 'ip', re: /(?<![\w:.])(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?:\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})?(?![\w:])/gi },
  { type: 'domain', re: /(?<![\w@.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,10}[a-z][a-z0-9-]{1,62}(?![\w-]|\.[a-z0-9])/gi },
  { type: 'file', re: new RegExp(String.raw`(?<![\w.\\/-])[\w\-.$~]{1,200}\.(?:${FILE_EXT})(?![\w-])`, 'gi') },
];

function valid(type: IndicatorType, value: string, defanged: boolean): string | null {
  switch (type) {
    case 'url':
      return normaliseUrl(value.replace(/[.,;:!?]+$/, '')) ? value.replace(/[.,;:!?]+$/, '') : null;
    case 'email':
      return normaliseEmail(value) ? value : null;
    case 'ip':
      return normaliseIp(value) ? value : null;
    case 'hash':
      return normaliseHash(value) ? value : null;
    case 'registry':
    case 'path':
      return value.replace(/[.,;:!?]+$/, '');
    case 'domain': {
      const d = normaliseDomain(value);
      if (!d) return null;
      const tld = d.slice(d.lastIndexOf('.') + 1);
      if (!defanged && !TLDS.has(tld)) return null;
      if (FILE_NAME.test(value) && !defanged) return null;
      return value;
    }
    default:
      return value;
  }
}

/** Every indicator found in `text`, without overlaps (a domain inside a URL is not reported twice). */
export function extractIndicators(text: string): ExtractedIndicator[] {
  const { text: live, map } = refangWithMap(text);
  const taken: [number, number][] = [];
  const out: ExtractedIndicator[] = [];
  const overlaps = (s: number, e: number) => taken.some(([a, b]) => s < b && e > a);
  for (const { type, re } of PATTERNS) {
    for (const m of live.matchAll(re)) {
      const s = m.index;
      const rawStart = map[s];
      const rawEnd0 = map[s + m[0].length];
      const defanged = rawEnd0 - rawStart !== m[0].length || text.slice(rawStart, rawEnd0) !== m[0];
      const value = valid(type, m[0], defanged);
      if (!value) continue;
      const e = s + value.length;
      if (overlaps(s, e)) continue;
      taken.push([s, e]);
      const start = map[s];
      const end = map[e];
      out.push({ type, raw: text.slice(start, end), value, start, end });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
