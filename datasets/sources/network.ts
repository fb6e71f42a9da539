// Network log builders: DNS server query log, transparent web proxy (W3C field names as SigmaHQ's
// proxy rules use them), and the perimeter firewall. Each carries `log_source` for routing.
import { isoTime, type GenEvent } from '../core/events.js';
import type { Host } from '../core/org.js';

/** DNS server query log (category dns): query, record_type, answer, rcode. */
export function dnsLog(server: Host, ts: number, q: { srcIp: string; query: string; recordType?: string;
  answers: string[]; rcode?: 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' }): GenEvent {
  return {
    ts,
    fields: {
      timestamp: isoTime(ts), log_source: 'dns', host: server.name, src_ip: q.srcIp, query: q.query,
      record_type: q.recordType ?? 'A', rcode: q.rcode ?? (q.answers.length ? 'NOERROR' : 'NXDOMAIN'),
      answer: q.answers.join(','),
    },
  };
}

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

/** Perimeter firewall connection log. `action` accept/drop; `blocked` mirrors it as a string. */
export function firewallLog(fw: string, ts: number, c: { srcIp: string; srcPort: number; dstIp: string; dstPort: number;
  protocol?: 'tcp' | 'udp'; action: 'accept' | 'drop'; bytes?: number; rule?: string; direction?: 'inbound' | 'outbound' }): GenEvent {
  return {
    ts,
    fields: {
      timestamp: isoTime(ts), log_source: 'firewall', host: fw, src_ip: c.srcIp, src_port: c.srcPort, dst_ip: c.dstIp,
      dst_port: c.dstPort, protocol: c.protocol ?? 'tcp', action: c.action, blocked: c.action === 'drop' ? 'true' : 'false',
      direction: c.direction ?? 'outbound', bytes: c.bytes ?? 0, rule: c.rule ?? (c.action === 'accept' ? 'allow-outbound-web' : 'default-deny'),
    },
  };
}
