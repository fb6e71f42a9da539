// The console in a real Chromium against a real lab server: an instructor creates an exercise and
// starts, pauses and resumes its replay; a trainee sees the replay's alerts, works one from the
// keyboard, closes it with a verdict and reason, and writes and submits a report; a hostile event
// (HTML, script, ANSI escapes in its fields) renders as inert text; new alerts arrive live over SSE.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { techniquesOf } from '../../web/src/pages/alert-detail.js';
import { techniqueName } from '../../grading/normalise/technique.js';
import { browserAvailable, closeContexts, logIn, newContext, openPage, SCREENSHOTS, startE2eLab, type E2eLab } from './browser.js';

const run = browserAvailable();
const SCENARIO = 'runkey-schtask-persistence';

const HOSTILE_IMG = '<img src=x onerror=alert(1)>';
const HOSTILE_SCRIPT = '<script>alert(1)</script>';
const ANSI = '\u001b[31mRED\u001b[0m';

async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

describe.skipIf(!run)('web console in Chromium', () => {
  let lab: E2eLab;
  const users = { instructor: { name: 'ines', password: '' }, trainee: { name: 'tara', password: '' } };
  let cohortId = 0;
  let exerciseId = 0;

  beforeAll(async () => {
    lab = await startE2eLab({ loadRules: true, rulesDir: 'rules', exerciseScale: 0 });
    const accounts = lab.app.soclab.services.accounts;
    users.instructor.password = (await accounts.create({ username: 'ines', role: 'instructor' })).password;
    users.trainee.password = (await accounts.create({ username: 'tara', role: 'trainee', cohort: 'blue' })).password;
    cohortId = lab.app.soclab.store.cohorts.byName('blue')!.id;
  });
  // A failed test leaves no page (and no open SSE stream) behind.
  afterEach(async () => closeContexts(lab));
  afterAll(async () => lab?.close());

  it('rejects a wrong password with the server message, readable', async () => {
    const { context, page } = await openPage(lab);
    await page.goto('/');
    await page.getByLabel('User name').fill('tara');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Log in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect((await alert.textContent())!.length).toBeGreaterThan(5);
    await shot(page, '01-login-error');
    await context.close();
  });

  it('instructor: creates an exercise, starts, pauses and resumes its replay', async () => {
    const { context, page, problems } = await openPage(lab);
    await logIn(page, users.instructor.name, users.instructor.password);
    await page.locator('select#x-scenario').selectOption(SCENARIO);
    await page.getByLabel('Seed').fill('3');
    await page.getByLabel('Title (optional)').fill('Persistence drill');
    await page.getByRole('button', { name: 'Create exercise' }).click();
    await page.getByRole('heading', { name: 'Persistence drill' }).waitFor();
    exerciseId = Number(/#\/exercises\/(\d+)/.exec(page.url())![1]);
    expect(lab.app.soclab.store.exercises.byId(exerciseId)!.scenarioId).toBe(SCENARIO);

    // Slow enough that the replay is still under way when paused.
    await page.getByLabel('Speed (times real time)').fill('2');
    await page.getByRole('button', { name: 'Set speed' }).click();
    await page.locator('#replay-status', { hasText: 'idle at 2x' }).waitFor();
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.locator('#replay-status', { hasText: 'running' }).waitFor();
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.locator('#replay-status', { hasText: 'paused' }).waitFor();
    expect(lab.app.soclab.store.exercises.byId(exerciseId)!.replayStatus).toBe('paused');
    expect(await page.getByRole('button', { name: 'Pause' }).isDisabled()).toBe(true);
    await shot(page, '02-instructor-exercise');

    // Fast forward to the end so the trainee has the scenario's alerts.
    await page.getByLabel('Speed (times real time)').fill('1000');
    await page.getByRole('button', { name: 'Set speed' }).click();
    await page.locator('#replay-status', { hasText: '1000x' }).waitFor();
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.locator('#replay-status', { hasText: 'finished' }).waitFor({ timeout: 120_000 });
    await page.locator('#stream-status', { hasText: '47 events prepared' }).waitFor();
    expect(lab.app.soclab.store.alerts.countForExercise(exerciseId)).toBeGreaterThan(0);
    // Progress shows the cohort's trainee.
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByRole('cell', { name: 'tara' }).waitFor();
    await shot(page, '03-instructor-finished');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('instructor: creates a cohort and a trainee account (password shown once) who can then log in', async () => {
    const { context, page, problems } = await openPage(lab);
    await logIn(page, users.instructor.name, users.instructor.password);
    await page.getByRole('link', { name: 'Cohorts and accounts' }).click();
    await page.getByLabel('Name', { exact: true }).fill('green');
    await page.getByRole('button', { name: 'Create cohort' }).click();
    await page.getByRole('cell', { name: 'green' }).waitFor();
    await page.getByLabel('User name').fill('tom');
    await page.locator('#u-cohort').selectOption({ label: 'green' });
    await page.getByRole('button', { name: 'Create account' }).click();
    const password = (await page.locator('code.password').textContent())!;
    expect(password.length).toBeGreaterThanOrEqual(12);
    await page.getByRole('cell', { name: 'tom' }).waitFor();
    await shot(page, '03b-instructor-cohorts');

    // Rule diagnostics: the rule set the server loaded, as GET /api/rules reports it.
    await page.getByRole('link', { name: 'Rules' }).click();
    const loaded = lab.app.soclab.rules.status().loaded!;
    await page.getByText(`${loaded.rules} rules from ${loaded.files} files (${loaded.failed} failed)`).waitFor();
    await shot(page, '03c-instructor-rules');
    expect(problems).toEqual([]);
    await context.close();

    const second = await openPage(lab);
    await logIn(second.page, 'tom', password);
    await second.page.getByRole('heading', { name: 'My exercises' }).waitFor();
    await second.context.close();
  });

  it('trainee: sees the alerts, opens one from the keyboard, closes it with a verdict and reason', async () => {
    const { context, page, problems } = await openPage(lab);
    await logIn(page, users.trainee.name, users.trainee.password);
    await page.getByRole('link', { name: 'Persistence drill' }).click();
    const rows = page.locator('table.queue tbody tr');
    await rows.first().waitFor();
    const total = lab.app.soclab.store.alerts.countForExercise(exerciseId);
    expect(await rows.count()).toBe(Math.min(total, 50));
    await page.getByText(`${total} of ${total} alerts shown`).waitFor();
    await shot(page, '04-trainee-queue');

    // Keyboard: focus the first row, move down, open with Enter.
    await rows.first().focus();
    let target = rows.first();
    if (total > 1) {
      await page.keyboard.press('ArrowDown');
      target = rows.nth(1);
      expect(await target.evaluate((el) => el === document.activeElement)).toBe(true);
      // Visible focus: the focused row draws the 3 px outline.
      expect(await target.evaluate((el) => getComputedStyle(el).outlineWidth)).toBe('3px');
    }
    const alertId = Number(await target.getAttribute('data-alert-id'));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Why it fired' }).waitFor();
    expect(page.url()).toContain(`/alerts/${alertId}`);
    await page.getByLabel('Raw event').waitFor();
    // The matched fields are marked in the raw event.
    expect(await page.locator('pre.raw mark.hit').count()).toBeGreaterThan(0);
    // The rule's metadata and the structured explanation kept with the replayed alert, shown as text.
    const tara = lab.app.soclab.store.users.byUsername('tara')!;
    const kept = lab.app.soclab.services.alerts.detail(alertId, tara);
    expect(kept.rule).not.toBeNull();
    await page.getByRole('heading', { name: 'The rule' }).waitFor();
    expect(await page.locator('dd.description').textContent()).toBe(kept.rule!.description ?? '-');
    expect(await page.locator('ul.techniques li').allTextContents()).toEqual(
      techniquesOf(kept.rule!.tags).map((id) => (techniqueName(id) ? `${id} ${techniqueName(id)}` : id)),
    );
    const matchRows = kept.match!.selections.reduce((n, s) => n + Math.max(1, s.matches.length), 0);
    expect(await page.locator('table.match tbody tr').count()).toBe(matchRows);
    await page.getByRole('heading', { name: 'Events around this alert' }).waitFor();

    await page.getByLabel('Add a note').fill('Checked the ticket queue first.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByText('Checked the ticket queue first.').waitFor();
    await page.getByRole('button', { name: 'Take this alert' }).click();
    await page.getByRole('radio', { name: /False positive/ }).check();
    await page.getByLabel('Reason (required to close or escalate)').fill('Admin maintenance task, ticket 4411.');
    await page.getByRole('button', { name: 'Close with verdict' }).click();
    await page.getByRole('heading', { name: 'Your decision' }).waitFor();
    // The audit trail lists the trainee's actions, oldest first.
    await page.locator('ol.audit li', { hasText: 'closed it' }).waitFor();
    const trail = await page.locator('ol.audit li').allTextContents();
    expect(trail.map((t) => t.replace(/^.* tara /, ''))).toEqual([
      'added a note',
      'took it',
      'closed it (verdict False positive (detection misfired); reason: Admin maintenance task, ticket 4411.)',
    ]);
    await shot(page, '05-trainee-alert-closed');

    const detail = lab.app.soclab.services.alerts.detail(alertId, lab.app.soclab.store.users.byUsername('tara')!);
    expect(detail.alert.work).toMatchObject({ status: 'closed', verdict: 'false_positive', reason: 'Admin maintenance task, ticket 4411.' });
    expect(detail.notes.map((n) => n.body)).toEqual(['Checked the ticket queue first.']);

    await page.getByRole('link', { name: '← Back to the queue' }).click();
    await page.getByRole('cell', { name: 'Closed' }).first().waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('trainee: writes a report (autosaved), then submits it and it becomes read-only', async () => {
    const { context, page, problems } = await openPage(lab);
    await logIn(page, users.trainee.name, users.trainee.password);
    await page.goto(`/#/exercises/${exerciseId}/report`);
    await page.getByLabel('Summary').fill('Run key and scheduled task persistence on a workstation.');
    await page.getByLabel('Affected hosts').fill('WS-0042');
    await page.getByRole('button', { name: 'Add timeline entry' }).click();
    await page.getByLabel('Time').fill('2024-03-05T14:03:10Z');
    await page.getByLabel('What happened').fill('Run key written');
    await page.getByLabel('ATT&CK techniques').fill('T1547.001\nScheduled Task\nmade up');
    const preview = page.getByRole('list', { name: 'Techniques as the grader reads them' });
    await preview.getByText('T1547.001: T1547.001 (').waitFor();
    await preview.getByText('Scheduled Task: T1053.005').waitFor();
    await preview.getByText('made up: not recognised as an ATT&CK technique').waitFor();
    await page.getByText(/All changes saved \(version \d+\)/).waitFor();
    const tara = lab.app.soclab.store.users.byUsername('tara')!;
    const draft = lab.app.soclab.services.reports.own(exerciseId, tara);
    expect(draft.status).toBe('draft');
    expect(draft.body).toMatchObject({ affectedHosts: ['WS-0042'], timeline: [{ time: '2024-03-05T14:03:10Z', description: 'Run key written' }] });
    await shot(page, '06-trainee-report-draft');

    // A reload keeps the draft.
    await page.reload();
    expect(await page.getByLabel('Summary').inputValue()).toBe('Run key and scheduled task persistence on a workstation.');

    await page.getByRole('button', { name: 'Submit report (final)' }).click();
    await page.getByRole('heading', { name: /read-only/ }).waitFor();
    expect(await page.getByLabel('Summary').count()).toBe(0);
    const submitted = lab.app.soclab.services.reports.own(exerciseId, tara);
    expect(submitted).toMatchObject({ status: 'submitted', body: { summary: 'Run key and scheduled task persistence on a workstation.' } });
    await shot(page, '07-trainee-report-submitted');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('renders a hostile event as inert text, and shows new alerts live', async () => {
    const { store, services } = lab.app.soclab;
    const instructor = store.users.byUsername('ines')!;
    const ex = services.exercises.create({ cohortId, scenarioId: 'quiet-day', seed: 1, title: `Hostile ${HOSTILE_IMG}` }, instructor);
    const data = {
      EventID: 1,
      Computer: `ws-01${HOSTILE_IMG}`,
      User: `CORP\\${HOSTILE_SCRIPT}`,
      Image: 'C:\\Windows\\System32\\cmd.exe',
      CommandLine: `cmd /c echo ${HOSTILE_IMG} ${HOSTILE_SCRIPT} ${ANSI}`,
    };
    store.exerciseEvents.insertMany(ex.id, [
      {
        index: 0, tMs: Date.parse('2024-03-05T14:03:10Z'), time: '2024-03-05T14:03:10Z', host: data.Computer, user: data.User, eventId: 1,
        procCreate: true, processGuid: null, parentProcessGuid: null, pid: 4242, ppid: 4000, json: JSON.stringify(data),
      },
    ]);
    store.exercises.updateReplay(ex.id, { status: 'paused', speed: 1, position: 1 });
    const hostileAlert = (title: string) => ({
      ruleId: `hostile-${title.length}`,
      ruleTitle: title,
      severity: 'high' as const,
      eventIndex: 0,
      eventTime: '2024-03-05T14:03:10Z',
      host: data.Computer,
      user: data.User,
      summary: `selection: CommandLine contains '${HOSTILE_SCRIPT}' (${data.CommandLine})`,
    });
    services.alerts.record(ex.id, [hostileAlert(`Rule ${HOSTILE_IMG} ${ANSI}`)]);

    const { context, page, problems } = await openPage(lab);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await logIn(page, users.trainee.name, users.trainee.password);
    await page.goto(`/#/exercises/${ex.id}`);
    const rows = page.locator('table.queue tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    await page.getByText('live updates: live').waitFor();

    // A new alert recorded by the server appears without a reload (SSE).
    services.alerts.record(ex.id, [hostileAlert(`Second ${HOSTILE_SCRIPT}`)]);
    await page.getByText('2 of 2 alerts shown').waitFor();
    expect(await rows.count()).toBe(2);
    await shot(page, '08-hostile-queue');

    await page.getByRole('cell', { name: `Rule ${HOSTILE_IMG}`, exact: false }).click();
    await page.getByLabel('Raw event').waitFor();
    await page.getByRole('heading', { name: 'Process tree' }).waitFor();
    await shot(page, '09-hostile-detail');

    // Shown literally, as text.
    const text = await page.locator('main').innerText();
    expect(text).toContain(HOSTILE_IMG);
    expect(text).toContain(HOSTILE_SCRIPT);
    // ANSI escapes are shown as visible \u001b text, never passed to the page as control characters.
    expect(await page.locator('h2#alert-title').textContent()).toBe(`Rule ${HOSTILE_IMG} \\u001b[31mRED\\u001b[0m`);
    expect(text).not.toContain('\u001b');
    expect(await page.locator('pre.raw').textContent()).toContain(JSON.stringify(data.CommandLine));
    // Inert: no element came out of the content, no script ran.
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => [...document.scripts].every((s) => s.src !== '' && s.textContent === ''))).toBe(true);
    expect(await page.evaluate(() => document.querySelectorAll('main script, main [onerror]').length)).toBe(0);
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('after the live stream drops, the reconnect re-fetches the queue: alerts announced meanwhile are not lost', async () => {
    const { store, services, events } = lab.app.soclab;
    const ex = services.exercises.create({ cohortId, scenarioId: 'quiet-day', seed: 3, title: 'Reconnect' }, store.users.byUsername('ines')!);
    const alert = (i: number) => ({
      ruleId: 'reconnect-rule', ruleTitle: `Reconnect rule ${i}`, severity: 'low' as const, eventIndex: i,
      eventTime: '2024-03-05T14:03:10Z', host: 'ws-1', user: 'u1', summary: 'selection: Image endswith x',
    });
    services.alerts.record(ex.id, [alert(0)]);
    const { page, problems } = await openPage(lab);
    await logIn(page, users.trainee.name, users.trainee.password);
    await page.goto(`/#/exercises/${ex.id}`);
    await page.getByText('1 of 1 alerts shown · live updates: live').waitFor();

    // Drop every connection (a network blip); the alert recorded now has nobody to be announced to.
    lab.app.server.closeAllConnections();
    while (events.listenerCount(ex.id) > 0) await new Promise((r) => setTimeout(r, 20));
    services.alerts.record(ex.id, [alert(1)]);
    // EventSource reconnects by itself (retry: 3000) and the queue is fetched again.
    await page.getByText('2 of 2 alerts shown · live updates: live').waitFor();
    await page.getByRole('cell', { name: 'Reconnect rule 1' }).waitFor();
    expect(problems.filter((p) => !/ERR_|network/i.test(p))).toEqual([]);
  });

  it('pages a 10,000-alert queue (50 rows rendered), sorts and filters it, and reflows at 200% zoom', async () => {
    const { store, services } = lab.app.soclab;
    const ex = services.exercises.create({ cohortId, scenarioId: 'quiet-day', seed: 2, title: 'Big queue' }, store.users.byUsername('ines')!);
    const severities = ['informational', 'low', 'medium', 'high', 'critical'] as const;
    services.alerts.record(
      ex.id,
      Array.from({ length: 10_000 }, (_, i) => ({
        ruleId: 'bulk-rule',
        ruleTitle: `Bulk rule ${i % 7}`,
        severity: severities[i % 5],
        eventIndex: i,
        eventTime: new Date(Date.UTC(2024, 2, 5, 8) + i * 1000).toISOString(),
        host: `ws-${String(i % 300).padStart(4, '0')}`,
        user: `user${i % 40}`,
        summary: `selection: Image endswith 'x${i}.exe'`,
      })),
    );
    // 200% zoom of a 1280 px wide window: the layout gets 640 CSS px.
    const context = await newContext(lab, { width: 640, height: 450 }, 2);
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    await logIn(page, users.trainee.name, users.trainee.password);
    await page.goto(`/#/exercises/${ex.id}`);
    await page.getByText('10000 of 10000 alerts shown').waitFor();
    const rows = page.locator('table.queue tbody tr');
    expect(await rows.count()).toBe(50);
    await page.getByText('Page 1 of 200').waitFor();
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByText('Page 2 of 200').waitFor();
    expect(await rows.first().getAttribute('data-alert-id')).not.toBe(null);

    // Sort by severity, highest first: the first page is all critical.
    await page.getByRole('button', { name: /^Severity/ }).click();
    await page.getByRole('button', { name: /^Severity/ }).click();
    await page.getByText('Page 1 of 200').waitFor();
    expect(new Set(await page.locator('table.queue tbody .sev').allTextContents())).toEqual(new Set(['critical']));

    await page.locator('#f-severity').selectOption('low');
    await page.getByText('2000 of 10000 alerts shown').waitFor();
    expect(new Set(await page.locator('table.queue tbody .sev').allTextContents())).toEqual(new Set(['low']));
    // No horizontal scrolling of the page at 200% zoom (the table reflows within the width).
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await shot(page, '10-big-queue-zoom200');
    await context.close();
  });
});
