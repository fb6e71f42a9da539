// Mail gateway log builder: one event per message with sender, recipient, subject, verdicts
// (SPF/DKIM/DMARC), action, attachments (name + SHA-256) and URLs found in the body.
// Schema documented in datasets/README.md.
import { isoTime, type GenEvent } from '../core/events.js';
import type { Host } from '../core/org.js';

export interface MailMessage {
  messageId: string;
  direction: 'inbound' | 'outbound' | 'internal';
  sender: string;
  senderIp: string;
  recipient: string;
  subject: string;
  spf: 'pass' | 'fail' | 'softfail' | 'none';
  dkim: 'pass' | 'fail' | 'none';
  dmarc: 'pass' | 'fail' | 'none';
  action: 'delivered' | 'quarantined' | 'rejected';
  attachments?: { name: string; sha256: string; size: number }[];
  urls?: string[];
  spamScore?: number;
  replyTo?: string;
}

export function mailLog(gateway: Host, ts: number, m: MailMessage): GenEvent {
  const att = m.attachments ?? [];
  return {
    ts,
    fields: {
      timestamp: isoTime(ts), log_source: 'mail', host: gateway.name, message_id: m.messageId, direction: m.direction,
      sender: m.sender, sender_domain: m.sender.split('@')[1] ?? '', sender_ip: m.senderIp, reply_to: m.replyTo ?? '',
      recipient: m.recipient, subject: m.subject, spf: m.spf, dkim: m.dkim, dmarc: m.dmarc, action: m.action,
      spam_score: m.spamScore ?? 0, attachment_count: att.length, attachment_names: att.map((a) => a.name),
      attachment_sha256: att.map((a) => a.sha256), attachment_size: att.reduce((n, a) => n + a.size, 0),
      urls: m.urls ?? [],
    },
  };
}
