// One web request as every log source sees it: the workstation's DNS query (Sysmon 22 and the DNS
// server log), the TCP connection (Sysmon 3 and the perimeter firewall), and the proxy access log.
import type { Emit } from '../core/events.js';
import { ephemeralPort } from '../core/internet.js';
import type { Proc } from '../core/world.js';
import { dnsLog } from '../sources/dns.js';
import { firewallLog } from '../sources/firewall.js';
import { proxyLog, type ProxyRequest } from '../sources/proxy.js';
import { dnsQuery, networkConnect } from '../sources/sysmon.js';
import type { GenContext } from './context.js';

export interface WebRequestSpec {
  domain: string;
  dstIp: string;
  path: string;
  query?: string;
  method?: string;
  status?: number;
  userAgent: string;
  bytesOut?: number;
  bytesIn?: number;
  contentType?: string;
  category?: string;
  /** Resolve the name first (a fresh DNS query); false when the client has it cached. */
  resolve?: boolean;
  /** Open a new TCP connection (Sysmon 3 + firewall); false for keep-alive reuse. */
  connect?: boolean;
  action?: 'allowed' | 'blocked';
}

/** Keys given to the scenario events: `${key}:dns`, `${key}:dnslog`, `${key}:conn`, `${key}:fw`, `${key}:proxy`. */
export function webRequest(ctx: GenContext, proc: Proc, ts: number, r: WebRequestSpec, emit: Emit, key?: string): void {
  const { org, rng } = ctx;
  const srcIp = proc.host.ip;
  const tag = (ev: ReturnType<typeof proxyLog>, suffix: string) => {
    if (key) ev.key = `${key}:${suffix}`;
    emit(ev);
  };
  let t = ts;
  if (r.resolve !== false) {
    tag(dnsQuery(proc, t, r.domain, [r.dstIp]), 'dns');
    tag(dnsLog(org.dc, t + 2, { srcIp, query: r.domain, answers: [r.dstIp] }), 'dnslog');
    t += 20;
  }
  const srcPort = ephemeralPort(rng);
  if (r.connect !== false) {
    tag(networkConnect(proc, t, { srcIp, srcPort, dstIp: r.dstIp, dstPort: 443, dstHost: r.domain }), 'conn');
    tag(firewallLog('fw01', t + 1, { srcIp, srcPort, dstIp: r.dstIp, dstPort: 443, action: 'accept',
      bytes: (r.bytesIn ?? 4000) + (r.bytesOut ?? 600) }), 'fw');
  }
  const req: ProxyRequest = {
    srcIp, user: proc.user.split('\\')[1] ?? '-', method: r.method ?? 'GET', scheme: 'https', host: r.domain,
    path: r.path, query: r.query, status: r.status ?? 200, dstIp: r.dstIp, userAgent: r.userAgent,
    bytesOut: r.bytesOut ?? rng.int(300, 1500), bytesIn: r.bytesIn ?? rng.int(2000, 90000), contentType: r.contentType,
    category: r.category, action: r.action,
  };
  tag(proxyLog(org.proxy, t + rng.int(30, 400), req), 'proxy');
}
