// Transparent web proxy access log (`log_source: proxy`, Sigma `category: proxy`) with the W3C field
// names SigmaHQ's proxy rules use (c-uri, cs-host, c-useragent, cs-method, sc-status, ...).
import { isoTime, type GenEvent } from '../core/events.js';
import type { Host } from '../core/org.js';

export interface ProxyRequest {
  srcIp: string;
  user: string;
  method: string;
  scheme: 'http' | 'https';
  host: string;
  path: string;
  query?: string;
  status: number;
  dstIp: string;
  userAgent: string;
  bytesOut: number;
  bytesIn: number;
  contentType?: string;
  referrer?: string;
  category?: string;
  action?: 'allowed' | 'blocked';
}

/** Web proxy access log with W3C/SigmaHQ proxy field names. */
export function proxyLog(proxy: Host, ts: number, r: ProxyRequest): GenEvent {
  const stem = r.path;
  const ext = /\.([a-z0-9]{1,6})$/i.exec(stem)?.[1] ?? '';
  const uri = `${r.scheme}://${r.host}${stem}${r.query ? `?${r.query}` : ''}`;
  return {
    ts,
    fields: {
      timestamp: isoTime(ts), log_source: 'proxy', host: proxy.name, src_ip: r.srcIp, 'cs-username': r.user,
      'cs-method': r.method, 'c-uri': uri, 'cs-host': r.host, 'c-uri-stem': stem, 'c-uri-query': r.query ?? '',
      'c-uri-extension': ext, 'sc-status': r.status, 'c-useragent': r.userAgent, 'cs-bytes': r.bytesOut,
      'sc-bytes': r.bytesIn, 'cs-referrer': r.referrer ?? '-', 'rs-content-type': r.contentType ?? 'text/html',
      dst_ip: r.dstIp, 'r-dns': r.host, 'cs-version': 'HTTP/1.1', category: r.category ?? 'Business',
      action: r.action ?? 'allowed',
    },
  };
}
