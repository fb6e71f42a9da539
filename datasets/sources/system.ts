// System log builders: Service Control Manager 7045 (a service was installed).
import type { GenEvent } from '../core/events.js';
import type { Host } from '../core/org.js';
import { winEvent } from './windows.js';

export function serviceInstalled(host: Host, ts: number, s: { serviceName: string; imagePath: string;
  serviceType?: string; startType?: string; accountName?: string; userSid: string }): GenEvent {
  return {
    ts,
    fields: winEvent(host, ts, 'Service Control Manager', 'System', 7045, {
      SecurityUserID: s.userSid, ServiceName: s.serviceName, ImagePath: s.imagePath,
      ServiceType: s.serviceType ?? 'user mode service', StartType: s.startType ?? 'demand start',
      AccountName: s.accountName ?? 'LocalSystem',
    }, '0x8080000000000000'),
  };
}
