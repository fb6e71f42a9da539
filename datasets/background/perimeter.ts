// Background at the edge: inbound and outbound e-mail through the gateway (mostly clean, some spam
// quarantined), internet scanners dropped by the firewall, and Linux servers (admin SSH sessions,
// sudo, auditd command records, cron). Nothing here may match a lab rule.
import { HOUR, type Emit } from '../core/events.js';
import type { Organisation, User } from '../core/org.js';
import type { Rng } from '../core/prng.js';
import { sha256For } from '../core/binaries.js';
import { activityLevel } from '../core/timeline.js';
import type { Session } from '../core/world.js';
import type { GenContext } from '../activity/context.js';
import { mailLog } from '../sources/mail.js';
import { firewallLog } from '../sources/firewall.js';
import { auditExec } from '../sources/auditd.js';
import { authLog, sshdMessage, sudoMessage } from '../sources/linux.js';

const PARTNERS = ['dhl.com', 'maersk.com', 'kuehne-nagel.com', 'brightfreight.co.uk', 'atlas-insurance.com',
  'harbourbank.com', 'fleetparts-direct.com', 'metro-fuel.com', 'swiftcargo.eu', 'officesupplies-plus.com'];
const NEWSLETTERS = ['news@linkedin.com', 'noreply@salesforce.com', 'updates@logistics-weekly.com', 'no-reply@dhl.com'];
const SUBJECTS = ['Re: delivery schedule for next week', 'Invoice {N} attached', 'Quote request - 40ft containers',
  'RE: Driver availability', 'Meeting notes', 'FW: customs paperwork', 'Your weekly summary', 'Updated rate card',
  'Proof of delivery {N}', 'Re: route change Birmingham depot', 'Signed contract', 'Fuel surcharge update'];
const ATTACHMENTS = ['Invoice_{N}.pdf', 'POD_{N}.pdf', 'rate-card-2026.xlsx', 'contract_signed.pdf', 'schedule.xlsx', 'notes.docx'];
const SPAM = ['You have won a gift card', 'URGENT: account verification needed', 'Cheap cargo insurance - limited offer'];
const SCANNER_PORTS = [22, 23, 445, 3389, 1433, 5900, 8080, 6379];

function msgId(rng: Rng, domain: string): string {
  return `<${rng.hex(16)}.${rng.hex(8)}@${domain}>`;
}

function externalIp(rng: Rng): string {
  return `${rng.pick([45, 61, 80, 91, 103, 176, 185, 193, 212])}.${rng.int(1, 254)}.${rng.int(1, 254)}.${rng.int(1, 254)}`;
}

function inboundMail(ctx: GenContext, ts: number, to: User, emit: Emit): void {
  const { org, rng } = ctx;
  const kind = rng.weighted([['partner', 70], ['newsletter', 20], ['spam', 10]] as const);
  const n = String(rng.int(10000, 99999));
  if (kind === 'spam') {
    const d = `${rng.pick(['promo', 'mail', 'secure'])}-${rng.hex(5)}.${rng.pick(['top', 'xyz', 'info'])}`;
    emit(mailLog(org.mailGateway, ts, { messageId: msgId(rng, d), direction: 'inbound', sender: `info@${d}`,
      senderIp: externalIp(rng), recipient: to.email, subject: rng.pick(SPAM), spf: 'fail', dkim: 'none', dmarc: 'fail',
      action: 'quarantined', spamScore: rng.int(8, 15), urls: [`http://${d}/claim`] }));
    return;
  }
  const sender = kind === 'newsletter' ? rng.pick(NEWSLETTERS) : `${rng.pick(['accounts', 'ops', 'j.murphy', 'sales', 'k.lee', 'billing'])}@${rng.pick(PARTNERS)}`;
  const hasAtt = kind === 'partner' && rng.chance(0.35);
  const attName = rng.pick(ATTACHMENTS).replace('{N}', n);
  emit(mailLog(org.mailGateway, ts, {
    messageId: msgId(rng, sender.split('@')[1]), direction: 'inbound', sender, senderIp: externalIp(rng), recipient: to.email,
    subject: rng.pick(SUBJECTS).replace('{N}', n), spf: 'pass', dkim: 'pass', dmarc: 'pass', action: 'delivered',
    spamScore: rng.int(0, 3),
    attachments: hasAtt ? [{ name: attName, sha256: sha256For(attName, n).toLowerCase(), size: rng.int(20000, 900000) }] : [],
    urls: kind === 'newsletter' ? [`https://${sender.split('@')[1]}/newsletter/${rng.hex(6)}`] : [],
  }));
}

function outboundMail(ctx: GenContext, ts: number, from: User, emit: Emit): void {
  const { org, rng } = ctx;
  const internal = rng.chance(0.5);
  const to = internal ? rng.pick(org.staff).email : `${rng.pick(['ops', 'accounts', 'm.ward', 'dispatch'])}@${rng.pick(PARTNERS)}`;
  emit(mailLog(org.mailGateway, ts, { messageId: msgId(rng, org.emailDomain), direction: internal ? 'internal' : 'outbound',
    sender: from.email, senderIp: '10.0.2.25', recipient: to, subject: rng.pick(SUBJECTS).replace('{N}', String(rng.int(1000, 9999))),
    spf: 'pass', dkim: 'pass', dmarc: 'pass', action: 'delivered' }));
}

function linuxAdmin(ctx: GenContext, org: Organisation, admin: User, ts: number, emit: Emit): void {
  const { rng } = ctx;
  const host = rng.pick(org.linuxServers);
  const ip = admin.workstation!.ip;
  const port = rng.int(49152, 65535);
  const sshdPid = rng.int(1000, 60000);
  emit(authLog(host, ts, 'sshd', sshdPid, sshdMessage('accepted', admin.sam, ip, port, 'publickey'),
    { event: 'accepted', user: admin.sam, src_ip: ip, src_port: port, auth_method: 'publickey' }));
  const cmds = [['/usr/bin/systemctl', 'status', 'nginx'], ['/usr/bin/journalctl', '-u', 'postfix', '--since', 'today'],
    ['/usr/bin/apt', 'list', '--upgradable'], ['/usr/bin/df', '-h'], ['/usr/bin/tail', '-n', '100', '/var/log/syslog']];
  const argv = rng.pick(cmds);
  emit(authLog(host, ts + 20000, 'sudo', rng.int(1000, 60000), sudoMessage(admin.sam, 'pts/0', `/home/${admin.sam}`, argv.join(' ')),
    { event: 'command', user: admin.sam, run_as: 'root', command: argv.join(' '), tty: 'pts/0' }));
  emit(auditExec(host, ts + 20005, rng.int(1000, 999999), { argv: [argv[0].split('/').pop()!, ...argv.slice(1)], exe: argv[0],
    uid: 0, auid: 1000 + (admin.sam.length % 50), pid: rng.int(1000, 60000), ppid: sshdPid + 2, cwd: `/home/${admin.sam}`, tty: 'pts0' }));
}

export function perimeterSlice(ctx: GenContext, sessions: Session[], t0: number, t1: number, emit: Emit): void {
  const { org, rng, scale } = ctx;
  const hours = (t1 - t0) / HOUR;
  const level = activityLevel(t0 + (t1 - t0) / 2);
  const at = () => t0 + Math.floor(rng.next() * (t1 - t0 - 2000));
  const active = sessions.filter((s) => s.start < t1 && s.end > t0);
  for (let n = rng.poisson(org.staff.length * 0.8 * hours * scale * Math.max(level, 0.1)); n > 0; n--) {
    inboundMail(ctx, at(), rng.pick(org.staff), emit);
  }
  for (let n = rng.poisson(active.length * 0.5 * hours * scale * level); n > 0 && active.length; n--) {
    outboundMail(ctx, at(), rng.pick(active).user, emit);
  }
  for (let n = rng.poisson(20 * hours * scale); n > 0; n--) {
    emit(firewallLog('fw01', at(), { srcIp: externalIp(rng), srcPort: rng.int(1024, 65535), dstIp: org.egressIp,
      dstPort: rng.pick(SCANNER_PORTS), action: 'drop', direction: 'inbound' }));
  }
  const admins = active.filter((s) => s.user.adminAccount).map((s) => s.user);
  for (let n = rng.poisson(admins.length * 0.3 * hours * scale * level); n > 0 && admins.length; n--) {
    linuxAdmin(ctx, org, rng.pick(admins), at(), emit);
  }
  // cron on every Linux server, every hour.
  for (const host of org.linuxServers) {
    for (let n = rng.poisson(2 * hours * scale); n > 0; n--) {
      emit(auditExec(host, at(), rng.int(1000, 999999), { argv: ['/bin/sh', '-c', 'run-parts --report /etc/cron.hourly'],
        exe: '/usr/bin/dash', uid: 0, auid: 4294967295, pid: rng.int(1000, 60000), ppid: 1, cwd: '/root', key: 'cron' }));
    }
  }
}
