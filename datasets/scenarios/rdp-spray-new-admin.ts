// Scenario: an app server's RDP was left open to the internet. At night an attacker sprays common
// passwords over many accounts, gets into a weak service account, and creates a domain admin.
// Look-alikes: the service desk creating a new starter's account; IT granting local admin for an install.
import { IMAGES } from '../core/binaries.js';
import { launch } from '../activity/process.js';
import { remoteLogon } from '../activity/lateral.js';
import { computerSubject, credentialValidation, groupMemberAdded, logonFailure, userAccountChange, userSubject } from '../sources/security.js';
import { firewallLog } from '../sources/firewall.js';
import { ACTIONS, Story } from './story.js';
import { at } from './common.js';
import { localAdminForInstall, newHireAccount, spotifyRunKey } from './lookalikes.js';
import type { Scenario } from './types.js';

const ATTACKER_IP = '203.0.113.99';
const ATTACKER_HOST = 'kali';
const NEW_ADMIN = 'helpdesk.support';
const WORDS = ['administrator', 'admin', 'backup', 'scanner', 'test', 'sql', 'user1', 'reception', 'training', 'guest'];

export const rdpSprayNewAdmin: Scenario = {
  id: 'rdp-spray-new-admin',
  version: '1.0.0',
  title: 'Night-time password spray on exposed RDP, then a new domain admin',
  summary: 'Failed logons from one public IP across many accounts, one success on a service account, a new Domain Admin.',
  difficulty: 'medium',
  techniques: ['T1110.003', 'T1078.002', 'T1021.001', 'T1136.002', 'T1098'],
  start: '2026-03-11T00:00:00Z',
  hours: 24,
  build(ctx, sessions) {
    const { org, rng, world } = ctx;
    const s = new Story(org);
    const day = ctx.start;
    const app = org.servers.find((h) => h.role === 'app_server')!;
    const victim = org.serviceAccounts.find((u) => u.sam === 'svc-scan')!;
    s.involve(victim);
    const names = rng.shuffle([...WORDS, ...org.staff.slice(0, 12).map((u) => u.sam), 'svc-backup', 'svc-sql', victim.sam]);
    const tSpray = at(day, 2, 7, 12);
    let t = tSpray;
    names.forEach((name, i) => {
      const port = rng.int(40000, 60000);
      s.add(firewallLog('fw01', t - 50, { srcIp: ATTACKER_IP, srcPort: port, dstIp: app.ip, dstPort: 3389, action: 'accept',
        direction: 'inbound', rule: 'nat-rdp-app01-TEMP' }));
      const key = `spray-${i}`;
      s.add(logonFailure(app, t, computerSubject(org, app), { targetName: name, domain: org.domain, logonType: 3, ip: ATTACKER_IP,
        port, workstation: ATTACKER_HOST, subStatus: org.users.some((u) => u.sam === name) ? '0xc000006a' : '0xc0000064' }), key);
      s.add(credentialValidation(org.dc, t + 5, name, ATTACKER_HOST, org.users.some((u) => u.sam === name) ? '0xc000006a' : '0xc0000064'));
      s.alert('failed_logon_external', key, 'true_positive', `Password spray from ${ATTACKER_IP}: failed logon for "${name}" on ${app.name}.`);
      t += rng.int(9_000, 24_000);
    });
    const tIn = t + 40_000;
    s.add(firewallLog('fw01', tIn - 60, { srcIp: ATTACKER_IP, srcPort: 51002, dstIp: app.ip, dstPort: 3389, action: 'accept',
      direction: 'inbound', rule: 'nat-rdp-app01-TEMP', bytes: 4_812_000 }));
    s.add(credentialValidation(org.dc, tIn - 20, victim.sam, ATTACKER_HOST));
    const logonId = remoteLogon(ctx, s.emit, app, victim, ATTACKER_IP, ATTACKER_HOST, tIn, 10, 'rdp-in', 'Negotiate');
    s.alert('rdp_logon_external', 'rdp-in', 'true_positive', `The spray worked: ${victim.sam} logged on over RDP from ${ATTACKER_IP}.`);

    const st = world.state(app);
    const explorer = st.makeProc(st.winlogon, IMAGES.explorer, 'C:\\Windows\\Explorer.EXE', tIn + 9000, `${org.domain}\\${victim.sam}`, victim.sid, logonId, 'High', 3);
    launch(ctx, explorer, tIn + 9000, s.emit);
    const cmd = st.spawn(explorer, IMAGES.cmd, '"C:\\Windows\\system32\\cmd.exe"', tIn + 60_000);
    launch(ctx, cmd, tIn + 60_000, s.emit);
    const run = (offset: number, image: string, line: string, key?: string) => {
      const p = st.spawn(cmd, image, line, tIn + offset);
      launch(ctx, p, tIn + offset, s.emit, key ? { key } : {});
      return p;
    };
    run(75_000, IMAGES.whoami, 'whoami /groups');
    run(98_000, IMAGES.net, 'net group "Domain Admins" /domain');
    run(140_000, IMAGES.net, `net user ${NEW_ADMIN} Winter2026!! /add /domain`, 'net-user-add');
    const newSid = `${org.domainSid}-${5100 + rng.int(0, 99)}`;
    const subj = userSubject(org, victim, logonId);
    const tCreate = tIn + 141_000;
    s.add(userAccountChange(org.dc, tCreate, subj, { sid: newSid, sam: NEW_ADMIN }, org.domain, 'created'), 'user-created');
    s.alert('user_account_created', 'user-created', 'true_positive', `${victim.sam}, just logged on from the internet, created ${NEW_ADMIN} at night.`);
    run(170_000, IMAGES.net, `net group "Domain Admins" ${NEW_ADMIN} /add /domain`);
    const tGroup = tIn + 171_000;
    s.add(groupMemberAdded(org.dc, tGroup, subj, { sid: newSid, dn: `CN=${NEW_ADMIN},CN=Users,DC=nbl,DC=local` },
      { name: 'Domain Admins', sid: `${org.domainSid}-512`, domain: org.domain }, 4728), 'group-add');
    s.alert('admin_group_member_added', 'group-add', 'true_positive', `${NEW_ADMIN} was added to Domain Admins by ${victim.sam}: the attacker's persistence.`);
    run(200_000, IMAGES.net, `net localgroup Administrators ${org.domain}\\${NEW_ADMIN} /add`);
    s.add(groupMemberAdded(app, tIn + 201_000, subj, { sid: newSid, dn: `${org.domain}\\${NEW_ADMIN}` },
      { name: 'Administrators', sid: 'S-1-5-32-544', domain: 'Builtin' }, 4732), 'local-admin-add');
    s.alert('admin_group_member_added', 'local-admin-add', 'true_positive', `${NEW_ADMIN} was also made local administrator of ${app.name}.`);

    newHireAccount(ctx, s, sessions, at(day, 9, 41, 7));
    localAdminForInstall(ctx, s, sessions, at(day, 11, 15, 30));
    spotifyRunKey(ctx, s, sessions, at(day, 14, 40, 3));

    s.verdictAndSeverity('true_positive', 'critical', 'True positive: a successful password spray led to a rogue Domain Admin account.');
    s.host('host-app', 8, app, `${app.name}: RDP exposed to the internet, where the attacker logged on.`);
    s.user('user-svc-scan', 6, victim, `${victim.sam}: the service account whose weak password was guessed.`);
    s.facts.push({ id: 'user-new-admin', kind: 'user', weight: 6, description: `${NEW_ADMIN}: the attacker's new Domain Admin.`, values: [`${org.domain}\\${NEW_ADMIN}`, NEW_ADMIN] });
    s.indicator('ioc-ip', 6, 'ip', [ATTACKER_IP], 'The attacker\'s address (spray and RDP logon).');
    s.indicator('ioc-workstation', 2, 'host', [ATTACKER_HOST], 'Workstation name the attacker\'s client reported.');
    s.technique('T1110.003', 4, 'Password spraying.', ['T1110']);
    s.technique('T1078.002', 2, 'Valid (domain) accounts.', ['T1078']);
    s.technique('T1021.001', 2, 'Remote Desktop Protocol.');
    s.technique('T1136.002', 3, 'Create account: domain account.', ['T1136']);
    s.technique('T1098', 2, 'Account manipulation (added to Domain Admins).');
    s.timeline('tl-spray', 3, tSpray, `Spray from ${ATTACKER_IP} against ${names.length} accounts on ${app.name}.`, [['spray', 'spraying', 'brute', 'failed', 'guess', 'guessing']]);
    s.timeline('tl-logon', 3, tIn, `${victim.sam} logged on over RDP from ${ATTACKER_IP}.`, [['logon', 'login', 'logged', 'rdp', 'remote desktop', 'success', 'successful']]);
    s.timeline('tl-create', 3, tCreate, `${NEW_ADMIN} created.`, [['created', 'create', 'new account', 'new user', NEW_ADMIN]]);
    s.timeline('tl-group', 3, tGroup, `${NEW_ADMIN} added to Domain Admins.`, [['domain admins', 'admin group', 'administrators', 'privilege', 'added']]);
    s.action('act-disable-new', 5, `Disable and delete ${NEW_ADMIN}; review what it did.`, [['disable', 'delete', 'remove', 'lock'], [NEW_ADMIN, 'new account', 'rogue account', 'created account']]);
    s.action('act-reset', 4, `Reset ${victim.sam}'s password (a strong, managed secret).`, ACTIONS.reset);
    s.action('act-rdp', 4, `Close RDP from the internet to ${app.name} (firewall rule nat-rdp-app01-TEMP).`, [['close', 'block', 'remove', 'disable', 'restrict'], ['rdp', '3389', 'remote desktop', 'firewall', 'nat']]);
    s.action('act-block', 2, `Block ${ATTACKER_IP}.`, ACTIONS.block([ATTACKER_IP, 'ip', 'address', 'attacker']));
    return {
      events: s.events, verdict: 'true_positive', severity: 'critical', alerts: s.alerts, facts: s.facts, forbidden: s.forbidden,
      summary: `From 02:07 UTC ${ATTACKER_IP} sprayed passwords against ${names.length} accounts over RDP on ${app.name}, which a temporary NAT rule exposed to the internet. `
        + `${victim.sam} had a guessable password; the attacker logged on, created ${NEW_ADMIN} and added it to Domain Admins and to ${app.name}'s Administrators. `
        + `Disable ${NEW_ADMIN}, reset ${victim.sam}, close the RDP exposure and hunt for use of the new account. The new starter's account and the install-time local admin are routine; Spotify's Run key is a false positive.`,
    };
  },
};

