// The rule library: first load, reload swaps only an error-free set, diagnostics for the
// instructor, watching the folder, and the project's own rules folder loading cleanly.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, errorCode, startLab, tempDir, userClient, type TestLab } from './helpers.js';
import { RuleLibrary } from '../../server/rules/library.js';

const rule = (id: string, title: string, extra = '') => `title: ${title}
id: ${id}
status: test
level: high
logsource:
  product: windows
  category: process_creation
detection:
  selection:
    Image|endswith: '\\\\evil.exe'${extra}
  condition: selection
`;
const BROKEN = `title: Broken
id: 9f2b3c4d-0000-4000-8000-000000000099
logsource:
  product: windows
detection:
  selection:
    Image|nosuchmodifier: x
  condition: selection
`;

/** A Sysmon process-creation event (the shipped mappings route process_creation rules by channel + EventID). */
const sysmon = (image: string) => ({ Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 1, Image: image });

const ID_A = '5f2b3c4d-0000-4000-8000-000000000001';
const ID_B = '5f2b3c4d-0000-4000-8000-000000000002';

const dirs: string[] = [];
const libraries: RuleLibrary[] = [];
function rulesDir(files: Record<string, string>): string {
  const dir = tempDir();
  dirs.push(dir);
  const rules = join(dir, 'rules');
  mkdirSync(rules);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(rules, name), text);
  return rules;
}
afterEach(async () => {
  for (const l of libraries.splice(0)) await l.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('RuleLibrary', () => {
  it('first load takes what compiles and reports the rest', async () => {
    const dir = rulesDir({ 'a.yml': rule(ID_A, 'Evil A'), 'broken.yml': BROKEN });
    const lib = new RuleLibrary({ rulesDir: dir });
    libraries.push(lib);
    const status = await lib.reload('start');
    expect(status.loaded).toMatchObject({ rules: 1, failed: 1, files: 2 });
    expect(status.lastReload).toMatchObject({ trigger: 'start', swapped: true, errors: 1 });
    expect(status.lastReload!.diagnostics.find((d) => d.severity === 'error')).toMatchObject({ file: expect.stringContaining('broken.yml') });
    expect(lib.ruleSet!.match(sysmon('C:\\x\\evil.exe')).map((h) => h.rule.id)).toEqual([ID_A]);
  });

  it('a reload with errors keeps the last good set; an error-free one is swapped in', async () => {
    const dir = rulesDir({ 'a.yml': rule(ID_A, 'Evil A') });
    const lib = new RuleLibrary({ rulesDir: dir });
    libraries.push(lib);
    await lib.reload('start');
    const good = lib.ruleSet;

    writeFileSync(join(dir, 'b.yml'), rule(ID_B, 'Evil B'));
    writeFileSync(join(dir, 'broken.yml'), BROKEN);
    const kept = await lib.reload('manual');
    expect(lib.ruleSet).toBe(good);
    expect(kept.lastReload).toMatchObject({ swapped: false, errors: 1, message: expect.stringContaining('kept the previous rule set') });
    expect(kept.loaded!.rules).toBe(1);

    rmSync(join(dir, 'broken.yml'));
    const swapped = await lib.reload('manual');
    expect(swapped.lastReload).toMatchObject({ swapped: true, errors: 0, message: null });
    expect(lib.ruleSet!.match(sysmon('C:\\evil.exe')).map((h) => h.rule.id).sort()).toEqual([ID_A, ID_B]);
  });

  it('an unreadable folder keeps the last good set and says why', async () => {
    const dir = rulesDir({ 'a.yml': rule(ID_A, 'Evil A') });
    const lib = new RuleLibrary({ rulesDir: dir });
    libraries.push(lib);
    await lib.reload('start');
    rmSync(dir, { recursive: true });
    const status = await lib.reload('manual');
    expect(status.lastReload).toMatchObject({ swapped: false, message: expect.stringMatching(/no such file/) });
    expect(status.loaded!.rules).toBe(1);
  });

  it('watching: a changed file leads to a reload', async () => {
    const dir = rulesDir({ 'a.yml': rule(ID_A, 'Evil A') });
    const lib = new RuleLibrary({ rulesDir: dir });
    libraries.push(lib);
    await lib.reload('start');
    await lib.watch(50);
    expect(lib.status().watching).toBe(true);
    writeFileSync(join(dir, 'b.yml'), rule(ID_B, 'Evil B'));
    await expect.poll(() => lib.status().loaded?.rules, { timeout: 30_000, interval: 100 }).toBe(2);
    expect(lib.status().lastReload?.trigger).toBe('watch');
  });

  it("the project's own rules folder loads without errors", async () => {
    const lib = new RuleLibrary({ rulesDir: 'rules' });
    libraries.push(lib);
    const status = await lib.reload('start');
    expect(status.lastReload?.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(status.loaded!.rules).toBeGreaterThan(0);
  });
});

describe('rules API', () => {
  let lab: TestLab;
  let instructor: Client;
  let dir: string;
  beforeAll(async () => {
    dir = rulesDir({ 'a.yml': rule(ID_A, 'Evil A') });
    lab = await startLab({ rulesDir: dir, loadRules: true });
    instructor = (await userClient(lab, 'ines', 'instructor')).client;
  });
  afterAll(async () => lab.dispose());

  it('shows the rule set in use; reload reports diagnostics and is audited', async () => {
    const status = await instructor.get('/api/rules');
    expect(status.statusCode).toBe(200);
    expect(status.json()).toMatchObject({ rulesDir: dir, loaded: { rules: 1 }, lastReload: { trigger: 'start', swapped: true }, watching: false });
    writeFileSync(join(dir, 'broken.yml'), BROKEN);
    const res = await instructor.post('/api/rules/reload');
    expect(res.statusCode).toBe(200);
    expect(res.json().lastReload).toMatchObject({ trigger: 'manual', swapped: false, errors: 1 });
    expect(res.json().lastReload.diagnostics[0]).toMatchObject({ severity: 'error', file: expect.stringContaining('broken.yml') });
    const audit = lab.app.soclab.store.db.prepare("SELECT action FROM audit_log WHERE action = 'rules.reload'").all();
    expect(audit).toHaveLength(1);
  });

  it('is for instructors only', async () => {
    const { client: trainee } = await userClient(lab, 'tia', 'trainee');
    const res = await trainee.post('/api/rules/reload');
    expect(res.statusCode).toBe(403);
    expect(errorCode(res)).toBe('forbidden');
    expect((await trainee.get('/api/rules')).statusCode).toBe(403);
  });
});
