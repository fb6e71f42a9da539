// Scenario: a departing account executive copies the customer base from the Sales share, e-mails it
// to a personal gmail address and uploads it to MEGA.
// Look-alikes: HR sending an offer letter to a candidate's gmail; Marketing's WeTransfer upload.
import { IMAGES, sha256For } from '../core/binaries.js';
import { hexLogonId } from '../core/world.js';
import { USER_AGENTS } from '../core/internet.js';
import { launch } from '../activity/process.js';
import { webRequest } from '../activity/web.js';
import { mailLog } from '../sources/mail.js';
import { logonSuccess, shareObjectChecked, userSubject } from '../sources/security.js';
import { fileCreate } from '../sources/sysmon.js';
import { ACTIONS, Story } from './story.js';
import { at, pickSession } from './common.js';
import { avHashLookups, marketingWetransfer, recruiterOfferMail } from './lookalikes.js';
import type { Scenario } from './types.js';

export const insiderDataTheft: Scenario = {
  id: 'insider-data-theft',
  version: '1.0.0',
  title: 'Departing salesperson takes the customer base',
  summary: 'Bulk reads of the Sales share, a zip mailed to a personal gmail and uploaded to MEGA, late on a Friday.',
  difficulty: 'medium',
  techniques: ['T1039', 'T1560.001', 'T1048.003', 'T1567.002'],
  start: '2026-03-20T00:00:00Z',
  hours: 24,
  build(ctx, sessions) {
    const { org, rng, world } = ctx;
    const s = new Story(org);
    const day = ctx.start;
    const t0 = at(day, 16, 2, 18);
    const insider = pickSession(rng, sessions, t0, (u) => u.department === 'Sales');
    s.involve(insider.user);
    const u = insider.user;
    const fs = org.fileServer;
    const logonId = hexLogonId(rng.int(0x1000000, 0x7fffffff));
    s.add(logonSuccess(fs, t0 - 2000, { sid: 'S-1-0-0', name: '-', domain: '-', logonId: '0x0' }, { user: u, domain: org.adDomain.toUpperCase(),
      logonType: 3, logonId, ip: insider.host.ip, workstation: '-', authPackage: 'Kerberos' }));
    const subj = userSubject(org, u, logonId);
    let t = t0;
    const customers = ['Accounts.xlsx', 'Key accounts 2026.xlsx', 'Pricing agreements.xlsx', 'Contacts export.csv', 'Pipeline Q2.xlsx'];
    for (let i = 0; i < 60; i++) {
      const name = i < customers.length ? customers[i] : `Customer-${rng.int(100, 999)}\\Contract ${rng.int(1000, 9999)}.pdf`;
      s.add(shareObjectChecked(fs, t, subj, insider.host.ip, 'Sales', 'D:\\Shares\\Sales', `Customers\\${name}`), i === 0 ? 'first-read' : undefined);
      t += rng.int(400, 2500);
    }
    const st = world.state(insider.host);
    const zipPath = `C:\\Users\\${u.sam}\\Desktop\\personal_backup.zip`;
    const zipTool = 'C:\\Program Files\\7-Zip\\7z.exe';
    const zip = st.spawn(insider.explorer, zipTool, `"${zipTool}" a "${zipPath}" "C:\\Users\\${u.sam}\\Desktop\\cust\\*"`, t + 60_000);
    launch(ctx, zip, t + 60_000, s.emit, { key: 'zip' });
    s.add(fileCreate(zip, t + 64_000, zipPath), 'zip-file');
    const tMail = t + 4 * 60_000;
    const personal = `${u.givenName}.${u.surname}.${rng.int(70, 99)}@gmail.com`.toLowerCase();
    const zipSha = sha256For(zipPath, 'insider').toLowerCase();
    s.add(mailLog(org.mailGateway, tMail, { messageId: `<${rng.hex(20)}@${org.emailDomain}>`, direction: 'outbound', sender: u.email,
      senderIp: '10.0.2.25', recipient: personal, subject: 'stuff', spf: 'pass', dkim: 'pass', dmarc: 'pass', action: 'delivered',
      attachments: [{ name: 'personal_backup.zip', sha256: zipSha, size: 18_874_368 }] }), 'mail-out');
    s.alert('mail_personal_webmail_attachment', 'mail-out', 'true_positive', `${u.sam} mailed personal_backup.zip (18 MB, customer files) to ${personal}.`);
    const browser = insider.apps.find((p) => p.image === IMAGES.chrome || p.image === IMAGES.edge) ?? insider.explorer;
    const tUp = tMail + 6 * 60_000;
    webRequest(ctx, browser, tUp, { domain: 'gfs302n118.userstorage.mega.co.nz', dstIp: '66.203.125.14', path: '/ul/7Hc9', method: 'POST',
      userAgent: USER_AGENTS.chrome, bytesOut: 18_912_442, bytesIn: 350, contentType: 'application/octet-stream', category: 'File Sharing' }, s.emit, 'mega-up');
    webRequest(ctx, browser, tUp + 4000, { domain: 'g.api.mega.nz', dstIp: '66.203.125.11', path: '/cs', method: 'POST',
      userAgent: USER_AGENTS.chrome, bytesOut: 2048, bytesIn: 900, contentType: 'application/json', category: 'File Sharing' }, s.emit, 'mega-api');
    s.alert('proxy_upload_file_sharing', 'mega-api:proxy', 'true_positive', `${u.sam} uploaded to MEGA right after mailing the zip to a personal address.`);

    recruiterOfferMail(ctx, s, sessions, at(day, 10, 17, 40));
    marketingWetransfer(ctx, s, sessions, at(day, 14, 9, 12));
    avHashLookups(ctx, s, at(day, 16, 20, 0), 2);

    s.verdictAndSeverity('true_positive', 'high', 'True positive: customer data taken by an insider.');
    s.user('user-insider', 8, u, `${u.sam} (${u.displayName}, Sales) took the data.`);
    s.host('host-insider', 4, insider.host, `${insider.host.name}: the insider's workstation.`);
    s.indicator('ioc-personal-mail', 5, 'email', [personal], 'Personal destination mailbox.');
    s.indicator('ioc-zip', 4, 'file', ['personal_backup.zip', zipPath], 'The archive.');
    s.indicator('ioc-zip-hash', 2, 'hash', [zipSha], 'SHA-256 of the archive (mail gateway).');
    s.indicator('ioc-mega', 3, 'domain', ['mega.nz', 'g.api.mega.nz', 'mega.co.nz', 'userstorage.mega.co.nz'], 'MEGA, where it was uploaded.');
    s.technique('T1039', 3, 'Data from network shared drive.');
    s.technique('T1560.001', 2, 'Archive via utility (7-Zip).', ['T1560']);
    s.technique('T1048.003', 2, 'Exfiltration over e-mail.', ['T1048', 'T1567']);
    s.technique('T1567.002', 3, 'Exfiltration to cloud storage.', ['T1567']);
    s.timeline('tl-reads', 3, t0, `${u.sam} read 60 customer files on \\\\${fs.name}\\Sales.`, [['share', 'sales', 'customers', 'read', 'accessed', 'copied']]);
    s.timeline('tl-mail', 3, tMail, `Zip mailed to ${personal}.`, [['mail', 'email', 'e-mail', 'gmail', 'sent']]);
    s.timeline('tl-mega', 3, tUp, 'Upload to MEGA.', [['mega', 'upload', 'uploaded', 'cloud']]);
    s.action('act-hr', 5, 'Escalate to HR/legal and the manager; preserve evidence.', [['hr', 'legal', 'manager', 'human resources', 'insider'], ['escalate', 'inform', 'notify', 'involve', 'contact']]);
    s.action('act-disable', 4, `Suspend ${u.sam}'s access.`, [['disable', 'suspend', 'revoke', 'remove', 'lock'], ['access', 'account', u.sam]]);
    s.action('act-block', 2, 'Block personal webmail/MEGA uploads (DLP).', ACTIONS.block(['mega', 'mega.nz', 'upload', 'file sharing', 'webmail', 'dlp']));
    s.forbid({ id: 'no-isolate-malware', kind: 'technique', values: ['T1486'], description: 'Nothing was encrypted: this is an insider, not ransomware.', penalty: 3 });
    return {
      events: s.events, verdict: 'true_positive', severity: 'high', alerts: s.alerts, facts: s.facts, forbidden: s.forbidden,
      summary: `Late on Friday ${u.sam} (Sales) read 60 customer files on \\\\${fs.name}\\Sales, zipped them into personal_backup.zip with 7-Zip, mailed it to ${personal} `
        + 'and uploaded it to MEGA. No malware is involved: escalate to HR/legal, suspend the account and preserve evidence. '
        + 'HR\'s offer letter to a candidate and Marketing\'s WeTransfer upload are normal business; the sophosxl.net DNS queries are anti-virus lookups.',
    };
  },
};
