// Scenario: a user runs a fake "PDF viewer" downloaded from a lure site; it installs itself under
// AppData with a Run key and a logon scheduled task that runs hidden PowerShell.
// Look-alikes: Spotify's autostart entry (false positive); IT's scheduled inventory script (benign).
import { IMAGES, sha256For } from '../core/binaries.js';
import { USER_AGENTS } from '../core/internet.js';
import { launch } from '../activity/process.js';
import { webRequest } from '../activity/web.js';
import { fileCreate, registryEvent } from '../sources/sysmon.js';
import { scheduledTaskCreated } from '../sources/security.js';
import { ACTIONS, Story } from './story.js';
import { at, pickSession } from './common.js';
import { itMaintenanceTask, spotifyRunKey } from './lookalikes.js';
import type { Scenario } from './types.js';

const LURE = 'pdf-viewer-free.com';
const LURE_IP = '203.0.113.200';

export const runkeySchtaskPersistence: Scenario = {
  id: 'runkey-schtask-persistence',
  version: '1.0.0',
  title: 'Fake PDF viewer installs a Run key and a logon task',
  summary: 'A download from a lure site persists through an AppData Run key and a hidden-PowerShell scheduled task.',
  difficulty: 'easy',
  techniques: ['T1204.002', 'T1547.001', 'T1053.005', 'T1036.005'],
  start: '2026-03-16T00:00:00Z',
  hours: 24,
  build(ctx, sessions) {
    const { org, rng, world } = ctx;
    const s = new Story(org);
    const day = ctx.start;
    const t0 = at(day, 11, 26, 40);
    const victim = pickSession(rng, sessions, t0, (u) => u.department === 'Operations');
    s.involve(victim.user);
    const st = world.state(victim.host);
    const home = `C:\\Users\\${victim.user.sam}`;
    const browser = victim.apps.find((p) => p.image === IMAGES.chrome || p.image === IMAGES.edge) ?? victim.explorer;
    webRequest(ctx, browser, t0, { domain: LURE, dstIp: LURE_IP, path: '/download/PDFViewerSetup.exe', userAgent: USER_AGENTS.chrome,
      bytesIn: 2_811_904, contentType: 'application/octet-stream', category: 'Uncategorized' }, s.emit, 'download');
    const setupPath = `${home}\\Downloads\\PDFViewerSetup.exe`;
    s.add(fileCreate(browser, t0 + 3000, setupPath), 'setup-file');
    const setup = st.spawn(victim.explorer, setupPath, `"${setupPath}"`, t0 + 21_000, { contentLabel: 'fake-pdf' });
    launch(ctx, setup, t0 + 21_000, s.emit, { key: 'setup-run' });
    const dir = `${home}\\AppData\\Roaming\\PDFViewer`;
    const agent = `${dir}\\pdfupdater.exe`;
    s.add(fileCreate(setup, t0 + 24_000, agent), 'agent-file');
    s.add(fileCreate(setup, t0 + 24_500, `${dir}\\update.ps1`), 'script-file');
    const tRun = t0 + 26_000;
    s.add(registryEvent(setup, tRun, 'SetValue', `HKU\\${victim.user.sid}\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\PDFViewerUpdate`, `"${agent}" /background`), 'run-key');
    s.alert('run_key_user_writable', 'run-key', 'true_positive', `The fake PDF viewer made ${agent} start at every logon.`);
    const tTask = t0 + 29_000;
    const taskName = '\\Microsoft\\Windows\\PDFViewer\\Update';
    const psLine = `powershell.exe -w hidden -nop -ep bypass -f ${dir}\\update.ps1`;
    const schtasks = st.spawn(setup, IMAGES.schtasks, `schtasks.exe /create /tn "${taskName}" /tr "${psLine}" /sc onlogon /rl highest /f`, tTask);
    launch(ctx, schtasks, tTask, s.emit, { key: 'task-create' });
    s.alert('schtasks_create_suspicious', 'task-create', 'true_positive', 'A logon task that runs hidden PowerShell from AppData, created by the fake installer.', { withSecurity: true });
    s.add(scheduledTaskCreated(victim.host, tTask + 150, { sid: victim.user.sid, name: victim.user.sam, domain: org.domain, logonId: victim.logonId },
      taskName, 'powershell.exe', `-w hidden -nop -ep bypass -f ${dir}\\update.ps1`, `${org.domain}\\${victim.user.sam}`), 'task-4698');
    const agentProc = st.spawn(setup, agent, `"${agent}" /background`, t0 + 33_000, { contentLabel: 'fake-pdf-agent' });
    launch(ctx, agentProc, t0 + 33_000, s.emit);
    webRequest(ctx, agentProc, t0 + 40_000, { domain: `api.${LURE}`, dstIp: LURE_IP, path: '/v2/register', method: 'POST', userAgent: USER_AGENTS.chrome,
      bytesOut: 1200, bytesIn: 300, contentType: 'application/json', category: 'Uncategorized' }, s.emit, 'register');

    spotifyRunKey(ctx, s, sessions, at(day, 13, 52, 5));
    itMaintenanceTask(ctx, s, sessions, at(day, 16, 3, 30));

    const v = victim.user;
    const agentSha = sha256For(agent, 'fake-pdf-agent');
    s.verdictAndSeverity('true_positive', 'medium', 'True positive: unwanted software with persistence (Run key and logon task running hidden PowerShell).');
    s.host('host-victim', 8, victim.host, `${victim.host.name}: where the fake installer ran.`);
    s.user('user-victim', 5, v, `${v.sam} downloaded and ran it.`);
    s.indicator('ioc-lure', 4, 'domain', [LURE, `api.${LURE}`], 'Lure and registration domain.');
    s.indicator('ioc-ip', 3, 'ip', [LURE_IP], 'Lure server address.');
    s.indicator('ioc-setup', 3, 'file', ['PDFViewerSetup.exe', setupPath], 'The fake installer.');
    s.indicator('ioc-agent', 3, 'file', [agent, 'pdfupdater.exe'], 'The persistent agent.');
    s.indicator('ioc-agent-hash', 2, 'hash', [agentSha, agentSha.toLowerCase()], 'SHA-256 of the agent.');
    s.indicator('ioc-runkey', 3, 'registry', [`HKU\\${v.sid}\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\PDFViewerUpdate`, 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\PDFViewerUpdate', 'PDFViewerUpdate'], 'The Run value.');
    s.indicator('ioc-task', 3, 'path', ['C:\\Windows\\System32\\Tasks\\Microsoft\\Windows\\PDFViewer\\Update', taskName], 'The scheduled task (its file under System32\\Tasks).');
    s.technique('T1547.001', 4, 'Registry Run keys.');
    s.technique('T1053.005', 4, 'Scheduled task.');
    s.technique('T1204.002', 2, 'User execution: malicious file.');
    s.timeline('tl-download', 2, t0, `${v.sam} downloaded PDFViewerSetup.exe from ${LURE}.`, [['download', 'downloaded', 'pdfviewersetup', LURE]]);
    s.timeline('tl-run', 3, tRun, 'Run key PDFViewerUpdate set.', [['run key', 'registry', 'autostart', 'pdfviewerupdate']]);
    s.timeline('tl-task', 3, tTask, 'Logon task created to run hidden PowerShell.', [['scheduled task', 'schtasks', 'task']]);
    s.action('act-remove', 5, 'Remove the Run value, the task and the PDFViewer folder (or reimage).', [['remove', 'delete', 'clean', 'reimage', 'rebuild'], ['run key', 'task', 'registry', 'pdfviewer', 'persistence', 'machine', 'workstation']]);
    s.action('act-isolate', 3, `Isolate ${victim.host.name} while it is cleaned.`, ACTIONS.isolate([victim.host.name.toLowerCase(), 'host', 'workstation', 'machine']));
    s.action('act-block', 2, `Block ${LURE}.`, ACTIONS.block([LURE, LURE_IP, 'domain', 'site']));
    return {
      events: s.events, verdict: 'true_positive', severity: 'medium', alerts: s.alerts, facts: s.facts, forbidden: s.forbidden,
      summary: `${v.sam} downloaded PDFViewerSetup.exe from ${LURE} and ran it on ${victim.host.name}. It copied pdfupdater.exe and update.ps1 to ${dir}, `
        + `set the Run value PDFViewerUpdate and created the logon task ${taskName} running hidden PowerShell, then registered with api.${LURE}. `
        + 'Remove the persistence (or reimage), block the domain and check what update.ps1 fetched. Spotify\'s Run key is a false positive; IT\'s inventory task is authorised.',
    };
  },
};
