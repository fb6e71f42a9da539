// Perimeter firewall connection log (`log_source: firewall`, Sigma `category: firewall`).
import { isoTime, type GenEvent } from '../core/events.js';

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
