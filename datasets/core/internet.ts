// The benign outside world: popular sites staff visit, with stable addresses, typical paths and
// user agents. Addresses are derived from the name, so they are the same in every scenario.
import { hash128, type Rng } from './prng.js';

export interface Site {
  domain: string;
  weight: number;
  category: string;
  paths: string[];
}

export const SITES: Site[] = [
  { domain: 'www.google.com', weight: 20, category: 'Search Engines', paths: ['/search', '/complete/search', '/'] },
  { domain: 'outlook.office365.com', weight: 18, category: 'Webmail', paths: ['/owa/', '/mapi/emsmdb/', '/EWS/Exchange.asmx'] },
  { domain: 'login.microsoftonline.com', weight: 8, category: 'Business', paths: ['/common/oauth2/v2.0/token', '/common/login'] },
  { domain: 'teams.microsoft.com', weight: 12, category: 'Business', paths: ['/api/chatsvc/emea/v1/users/ME/conversations', '/'] },
  { domain: 'nbl.sharepoint.com', weight: 10, category: 'Business', paths: ['/sites/Operations/Shared Documents/Forms/AllItems.aspx', '/_api/web/lists'] },
  { domain: 'www.linkedin.com', weight: 4, category: 'Social Networking', paths: ['/feed/', '/in/'] },
  { domain: 'www.bbc.co.uk', weight: 3, category: 'News', paths: ['/news', '/news/business'] },
  { domain: 'www.reuters.com', weight: 2, category: 'News', paths: ['/markets/', '/business/'] },
  { domain: 'maps.googleapis.com', weight: 5, category: 'Business', paths: ['/maps/api/js', '/maps/api/directions/json'] },
  { domain: 'www.dhl.com', weight: 3, category: 'Business', paths: ['/gb-en/home/tracking.html'] },
  { domain: 'www.maersk.com', weight: 3, category: 'Business', paths: ['/tracking/', '/schedules/'] },
  { domain: 'salesforce.nbl.my.salesforce.com', weight: 6, category: 'Business', paths: ['/lightning/page/home', '/services/data/v58.0/query'] },
  { domain: 'www.youtube.com', weight: 2, category: 'Streaming Media', paths: ['/watch', '/'] },
  { domain: 'github.com', weight: 1, category: 'Information Technology', paths: ['/', '/login'] },
  { domain: 'stackoverflow.com', weight: 1, category: 'Information Technology', paths: ['/questions'] },
  { domain: 'update.googleapis.com', weight: 2, category: 'Software Updates', paths: ['/service/update2/json'] },
  { domain: 'www.wikipedia.org', weight: 2, category: 'Reference', paths: ['/wiki/Logistics', '/'] },
  { domain: 'cdn.jsdelivr.net', weight: 3, category: 'Content Delivery', paths: ['/npm/bootstrap@5.3.2/dist/js/bootstrap.bundle.min.js'] },
  { domain: 'fonts.gstatic.com', weight: 4, category: 'Content Delivery', paths: ['/s/roboto/v30/KFOmCnqEu92Fr1Mu4mxK.woff2'] },
  { domain: 'www.bing.com', weight: 3, category: 'Search Engines', paths: ['/search', '/'] },
];

export const SITE_PAIRS = SITES.map((s) => [s, s.weight] as const);

/** Services whose addresses must fall in their operator's published ranges (SigmaHQ rules filter on them). */
const KNOWN_RANGES: [string, (h: number[]) => string][] = [
  ['outlook.office365.com', ([a, b]) => `52.${96 + (a % 4)}.${b % 256}.${(a >>> 8) % 254 + 1}`],
  ['login.microsoftonline.com', ([a, b]) => `20.190.${128 + (b % 64)}.${(a >>> 8) % 254 + 1}`],
  ['teams.microsoft.com', ([a]) => `52.113.194.${(a >>> 8) % 254 + 1}`],
  ['nbl.sharepoint.com', ([a]) => `13.107.136.${(a >>> 8) % 254 + 1}`],
];

/** A stable public-looking address for a domain name (deterministic, not a lookup). */
export function addressOf(domain: string): string {
  const known = KNOWN_RANGES.find(([d]) => d === domain);
  if (known) return known[1](hash128(`ip:${domain}`));
  const [a, b, c] = hash128(`ip:${domain}`);
  const firsts = [13, 20, 23, 40, 52, 104, 142, 151, 172, 185];
  const first = firsts[a % firsts.length];
  return `${first}.${b % 256}.${c % 256}.${(a >>> 8) % 254 + 1}`;
}

export const USER_AGENTS = {
  chrome: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  edge: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91',
  outlook: 'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17126; Pro)',
  teams: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0 Teams/23320.3027.2591.1505',
  powershell: 'Mozilla/5.0 (Windows NT; Windows NT 10.0; en-GB) WindowsPowerShell/5.1.19041.3570',
  winhttp: 'Microsoft-CryptoAPI/10.0',
} as const;

/** An ephemeral client port. */
export function ephemeralPort(rng: Rng): number {
  return rng.int(49152, 65535);
}
