// The envelope every Windows event shares (the flat evtx form: Provider_Name, EventID, Channel,
// Computer, EventRecordID, then the EventData fields at top level). EventRecordID is a placeholder
// here: the writer numbers records per computer and channel in time order.
import { isoTime, type Fields } from '../core/events.js';
import type { Host } from '../core/org.js';

export function winEvent(host: Host, ts: number, provider: string, channel: string, eventId: number, data: Fields,
  keywords = '0x8000000000000000'): Fields {
  const out: Fields = {
    timestamp: isoTime(ts), Provider_Name: provider, EventID: eventId, Channel: channel, Computer: host.fqdn,
    EventRecordID: 0, Keywords: keywords,
  };
  for (const k in data) out[k] = data[k];
  return out;
}
