// DNS server query log (`log_source: dns`, Sigma `category: dns`): query, record_type, answer, rcode.
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
