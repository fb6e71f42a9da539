// The shipped logsource mapping data (rules/mappings/*.yml) and field-map profiles (rules/fieldmaps/*.yml):
// they parse without a diagnostic, and every logsource that SigmaHQ's Windows rules use resolves to
// the events it means.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compileRuleSet,
  parseFieldMapProfile,
  parseMapping,
  parseRuleFile,
  resolveVariants,
  type Logsource,
  type LogsourceMapping,
} from '../../engine/index.js';
import yaml from 'js-yaml';
import { repoRoot, sharedDir } from '../helpers/shared.js';
import { describeShared } from '../helpers/shared.js';
import { sigmaHqRuleSources } from './sigmahq-rules.js';

const mappingDir = path.join(repoRoot, 'rules', 'mappings');
const fieldmapDir = path.join(repoRoot, 'rules', 'fieldmaps');
const ymlIn = (dir: string) => readdirSync(dir).filter((n) => n.endsWith('.yml')).sort().map((n) => path.join(dir, n));

function loadShippedMappings(): LogsourceMapping[] {
  return ymlIn(mappingDir).map((file) => {
    const { mapping, diagnostics } = parseMapping(readFileSync(file, 'utf8'), file);
    expect(diagnostics, file).toEqual([]);
    expect(mapping, file).toBeDefined();
    return mapping!;
  });
}

const SYSMON = 'microsoft-windows-sysmon/operational';
const ids = (logsource: Logsource, mappings: LogsourceMapping[]) => resolveVariants(logsource, mappings).map((e) => e.id).sort();

describe('shipped mapping data', () => {
  it('every mapping file parses without diagnostics, with unique ids', () => {
    const mappings = loadShippedMappings();
    expect(mappings.map((m) => m.name)).toEqual(expect.arrayContaining(['windows', 'linux']));
    for (const m of mappings) expect(new Set(m.logsources.map((e) => e.id)).size).toBe(m.logsources.length);
  });

  it('every field-map profile parses without diagnostics', () => {
    const files = ymlIn(fieldmapDir);
    expect(files.map((f) => path.basename(f))).toContain('ecs-winlogbeat.yml');
    for (const file of files) {
      const { profile, diagnostics } = parseFieldMapProfile(readFileSync(file, 'utf8'), file);
      expect(diagnostics, file).toEqual([]);
      expect(profile?.name).toBe(path.basename(file, '.yml'));
    }
  });

  // The logsource -> variants table a reader of windows.yml should expect (thor.yml + taxonomy).
  const table: [Logsource, string[]][] = [
    [{ category: 'process_creation', product: 'windows' }, ['security_process_creation', 'sysmon_process_creation']],
    [{ category: 'registry_set', product: 'windows' }, ['sysmon_registry_set']],
    [{ category: 'registry_event', product: 'windows' }, ['sysmon_registry_event']],
    [{ category: 'ps_script', product: 'windows' }, ['powershell_script']],
    [{ category: 'ps_classic_start', product: 'windows' }, ['powershell_classic_start']],
    [{ category: 'antivirus' }, ['defender_antivirus']],
    [{ product: 'windows', service: 'security' }, ['security']],
    [{ product: 'windows', service: 'windefend' }, ['windefend']],
    [{ product: 'windows' }, ['windows_any']],
    [{ category: 'process_creation', product: 'linux' }, ['linux_sysmon_process_creation']],
    // Case-insensitive, and extra logsource keys do not matter.
    [{ category: 'Process_Creation', product: 'Windows', definition: 'Requirements: Sysmon' } as Logsource, ['security_process_creation', 'sysmon_process_creation']],
  ];
  it.each(table)('%j resolves to %j', (logsource, expected) => {
    expect(ids(logsource, loadShippedMappings())).toEqual(expected);
  });

  it('process creation reads Image from NewProcessName in Security 4688 only', () => {
    const variants = resolveVariants({ category: 'process_creation', product: 'windows' }, loadShippedMappings());
    const byId = Object.fromEntries(variants.map((v) => [v.id, v]));
    expect(byId.security_process_creation.conditions).toEqual({ Channel: ['Security'], EventID: [4688] });
    expect(byId.security_process_creation.fieldmap).toEqual({ Image: 'NewProcessName', ParentImage: 'ParentProcessName' });
    expect(byId.sysmon_process_creation.fieldmap).toEqual({});
  });

  it('every Sysmon category entry names the Sysmon channel and at least one EventID', () => {
    const windows = loadShippedMappings().find((m) => m.name === 'windows')!;
    const sysmon = windows.logsources.filter((e) => e.id.startsWith('sysmon_'));
    expect(sysmon.length).toBeGreaterThanOrEqual(28);
    for (const e of sysmon) {
      expect(e.conditions.Channel?.map((c) => String(c).toLowerCase()), e.id).toEqual([SYSMON]);
      if (e.id !== 'sysmon') expect(e.conditions.EventID?.length, e.id).toBeGreaterThan(0);
    }
  });

  it('routes each event to the rules of its own product: Sysmon for Linux vs Windows Sysmon, Security vs Sysmon', () => {
    const rule = (product: string) => ({
      file: `${product}.yml`,
      text: `title: curl ${product}\nid: 00000000-0000-4000-8000-00000000000${product === 'linux' ? 1 : 2}\nlogsource: { category: process_creation, product: ${product} }\ndetection:\n  sel: { CommandLine|contains: 'curl ' }\n  condition: sel\n`,
    });
    const set = compileRuleSet([rule('linux'), rule('windows')], { mappings: loadShippedMappings() });
    expect(set.diagnostics).toEqual([]);
    const fired = (event: Record<string, unknown>) => set.match(event).map((h) => h.rule.title);
    const cmd = { CommandLine: 'curl http://203.0.113.5/x' };
    expect(fired({ Channel: 'Linux-Sysmon/Operational', EventID: 1, ...cmd })).toEqual(['curl linux']);
    expect(fired({ Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 1, ...cmd })).toEqual(['curl windows']);
    expect(fired({ Channel: 'Security', EventID: '4688', ...cmd })).toEqual(['curl windows']);
    expect(fired({ Channel: 'Security', EventID: 4624, ...cmd })).toEqual([]);
    expect(fired({ Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 3, ...cmd })).toEqual([]);
  });

  it('registry_add / registry_delete narrow Sysmon 12 by EventType', () => {
    const m = loadShippedMappings();
    const [add] = resolveVariants({ category: 'registry_add', product: 'windows' }, m);
    const [del] = resolveVariants({ category: 'registry_delete', product: 'windows' }, m);
    expect(add.conditions.EventType).toEqual(['CreateKey']);
    expect(del.conditions.EventType).toEqual(['DeleteKey', 'DeleteValue']);
    expect(add.conditions.EventID).toEqual([12]);
  });
});

describeShared('SigmaHQ Windows rules against the shipped mappings', () => {
  it('transcribes every Windows entry of SigmaHQ tests/thor.yml (EventIDs, channels, field mappings)', () => {
    const mappings = loadShippedMappings();
    const thor = yaml.load(readFileSync(path.join(sharedDir, 'sigmahq', 'tests', 'thor.yml'), 'utf8')) as {
      logsources: Record<string, { category?: string; product?: string; service?: string; conditions?: Record<string, unknown>; rewrite?: { product?: string }; fieldmappings?: Record<string, string>; sources?: string[] }>;
    };
    const problems: string[] = [];
    let checked = 0;
    for (const [name, t] of Object.entries(thor.logsources)) {
      const windows = t.product === 'windows' || t.rewrite?.product === 'windows';
      if (!windows) continue;
      const logsource: Logsource = {};
      if (t.category) logsource.category = t.category;
      if (t.product) logsource.product = t.product;
      if (t.service) logsource.service = t.service;
      const variants = resolveVariants(logsource, mappings);
      checked++;
      if (variants.length === 0) { problems.push(`${name}: no entry`); continue; }
      const lower = (v: unknown) => String(v).toLowerCase();
      if (t.conditions) {
        // Some variant accepts every condition value thor.yml names and carries its field mappings.
        const ok = variants.some((v) => Object.entries(t.conditions!).every(([field, values]) =>
          (Array.isArray(values) ? values : [values]).every((x) => v.conditions[field]?.map(lower).includes(lower(x))))
          && Object.entries(t.fieldmappings ?? {}).every(([from, to]) => lower(v.fieldmap[from]).replace(/\s/g, '') === lower(to)));
        if (!ok) problems.push(`${name}: no variant with ${JSON.stringify(t.conditions)} ${JSON.stringify(t.fieldmappings ?? {})}`);
      }
      for (const src of t.sources ?? []) {
        const channel = src.replace(/^WinEventLog:/, '').toLowerCase();
        if (!variants.some((v) => v.conditions.Channel?.map(lower).includes(channel))) problems.push(`${name}: channel ${channel} missing`);
      }
    }
    expect(checked).toBeGreaterThan(80);
    expect(problems).toEqual([]);
  });

  it('every logsource used by a SigmaHQ Windows (or antivirus) rule resolves to at least one entry', () => {
    const mappings = loadShippedMappings();
    const used = new Map<string, { logsource: Logsource; rules: number }>();
    let windowsRules = 0;
    for (const source of sigmaHqRuleSources()) {
      for (const doc of parseRuleFile(source).documents) {
        if (doc.kind !== 'rule') continue;
        const ls = doc.logsource;
        if (ls.product?.toLowerCase() !== 'windows' && ls.category?.toLowerCase() !== 'antivirus') continue;
        windowsRules++;
        const key = JSON.stringify({ category: ls.category, product: ls.product, service: ls.service });
        const seen = used.get(key);
        if (seen) seen.rules++;
        else used.set(key, { logsource: ls, rules: 1 });
      }
    }
    // SigmaHQ publishes ~2,850 Windows rules over ~65 distinct logsources.
    expect(windowsRules).toBeGreaterThan(2500);
    expect(used.size).toBeGreaterThan(50);
    const unmapped = [...used.entries()].filter(([, u]) => resolveVariants(u.logsource, mappings).length === 0).map(([k, u]) => `${k} (${u.rules} rules)`);
    expect(unmapped).toEqual([]);
    // And none of them falls back to the catch-all: a category or service gets its own entry.
    const generic = [...used.entries()]
      .filter(([, u]) => u.logsource.category !== undefined || u.logsource.service !== undefined)
      .filter(([, u]) => resolveVariants(u.logsource, mappings).some((e) => e.id === 'windows_any'))
      .map(([k]) => k);
    expect(generic).toEqual([]);
  });
});
