// Logsource mapping and field-map profile files: parsing, diagnostics with paths and lines, resolution.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFieldMapProfile, parseMapping, resolveVariants } from '../../engine/index.js';
import { LogsourceRouter } from '../../engine/logsource/index.js';
import { repoRoot } from '../helpers/shared.js';

describe('parseMapping', () => {
  it('reports malformed entries with their path and line, and keeps the good ones', () => {
    const text = `name: broken
logsources:
  - id: good
    match: { category: process_creation, product: windows }
    conditions: { EventID: 1 }
  - id: good
    match: { product: windows }
  - match: { product: windows }
  - id: bad_match
    match: { os: windows }
  - id: bad_conditions
    match: { product: windows }
    conditions: { EventID: [] }
  - id: bad_fieldmap
    match: { product: windows }
    fieldmap: { Image: [a, b] }
  - just a string
`;
    const { mapping, diagnostics } = parseMapping(text, 'broken.yml');
    expect(mapping?.logsources.map((e) => [e.id, e.conditions])).toEqual([['good', { EventID: [1] }]]);
    expect(diagnostics.map((d) => [d.code, d.path, d.line])).toEqual([
      ['INVALID_MAPPING', 'logsources[1].id', 6],
      ['INVALID_MAPPING', 'logsources[2].id', 8],
      ['INVALID_MAPPING', 'logsources[3].match.os', 9],
      ['INVALID_MAPPING', 'logsources[4].conditions.EventID', 11],
      ['INVALID_MAPPING', 'logsources[5].fieldmap.Image', 14],
      ['INVALID_MAPPING', 'logsources[6]', 17],
    ]);
    expect(diagnostics.every((d) => d.file === 'broken.yml' && d.severity === 'error')).toBe(true);
  });

  it('rejects files that are not a mapping at all', () => {
    expect(parseMapping('name: x\n', 'a.yml').diagnostics.map((d) => [d.code, d.path])).toEqual([['INVALID_MAPPING', 'logsources']]);
    expect(parseMapping('logsources: []\n', 'a.yml').diagnostics.map((d) => [d.code, d.path])).toEqual([['INVALID_MAPPING', 'name']]);
    expect(parseMapping('- a\n', 'a.yml').diagnostics.map((d) => d.code)).toEqual(['INVALID_MAPPING']);
    expect(parseMapping('name: [x\n', 'a.yml').diagnostics.map((d) => d.code)).toEqual(['YAML_SYNTAX']);
    expect(parseMapping('kind: fieldmap-profile\nname: x\nlogsources: []\n', 'a.yml').diagnostics.map((d) => [d.code, d.path])).toEqual([['INVALID_MAPPING', 'kind']]);
  });

  it('the repository windows mapping parses cleanly and serves process_creation with two variants', () => {
    const file = path.join(repoRoot, 'rules/mappings/windows.yml');
    const { mapping, diagnostics } = parseMapping(readFileSync(file, 'utf8'), file);
    expect(diagnostics).toEqual([]);
    const variants = resolveVariants({ category: 'process_creation', product: 'windows' }, [mapping!]);
    expect(variants.map((v) => v.conditions.EventID)).toEqual(expect.arrayContaining([[1], [4688]]));
    expect(variants.find((v) => v.conditions.EventID?.[0] === 4688)?.fieldmap).toMatchObject({ Image: 'NewProcessName' });
  });
});

describe('resolveVariants', () => {
  const { mapping } = parseMapping(`name: m
logsources:
  - { id: product, match: { product: windows } }
  - { id: service, match: { product: windows, service: security } }
  - { id: category, match: { category: process_creation, product: windows } }
  - { id: category2, match: { category: process_creation, product: windows } }
  - { id: other, match: { product: linux } }
`, 'm.yml');

  it.each([
    [{ product: 'windows' }, ['product']],
    [{ product: 'Windows', service: 'Security' }, ['service']],
    [{ product: 'windows', service: 'system' }, ['product']],
    [{ category: 'process_creation', product: 'windows' }, ['category', 'category2']],
    [{ category: 'process_creation' }, []],
    [{ product: 'macos' }, []],
  ])('%j -> %j', (logsource, ids) => {
    expect(resolveVariants(logsource, [mapping!]).map((e) => e.id)).toEqual(ids);
  });
});

describe('parseFieldMapProfile', () => {
  it('parses a profile', () => {
    const { profile, diagnostics } = parseFieldMapProfile('kind: fieldmap-profile\nname: ecs\nprefix: winlog.event_data.\nfields:\n  Image: process.executable\n', 'ecs.yml');
    expect(diagnostics).toEqual([]);
    expect(profile).toEqual({ name: 'ecs', file: 'ecs.yml', fields: { Image: 'process.executable' }, prefix: 'winlog.event_data.', description: undefined });
  });

  it('reports every problem with its path and line', () => {
    const { profile, diagnostics } = parseFieldMapProfile('name: 3\nprefix: [a]\nfields:\n  Image: 5\n', 'bad.yml');
    expect(profile).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, d.path, d.line])).toEqual([
      ['INVALID_MAPPING', 'kind', 1],
      ['INVALID_MAPPING', 'name', 1],
      ['INVALID_MAPPING', 'prefix', 2],
      ['INVALID_MAPPING', 'fields.Image', 3],
    ]);
  });
});

describe('LogsourceRouter', () => {
  it('routes by condition values; unconditioned targets always; one lookup group per field set', () => {
    const router = new LogsourceRouter<string>();
    router.add({ Channel: ['Security'], EventID: [4688, 4689] }, 'sec');
    router.add({ EventID: ['1'] }, 'id1');
    router.add({}, 'all');
    expect(router.route({ Channel: 'security', EventID: '4689' })).toEqual(['all', 'sec']);
    expect(router.route({ Channel: 'System', EventID: 1 })).toEqual(['all', 'id1']);
    expect(router.route({ EventID: 4688 })).toEqual(['all']);
    expect(router.route({ Channel: ['Security'], EventID: 4688 })).toEqual(['all']);
  });

  it('conditions with too many value combinations to index are tested directly, with the same result', () => {
    const router = new LogsourceRouter<string>();
    const ids = Array.from({ length: 100 }, (_, i) => 1000 + i);
    const channels = Array.from({ length: 100 }, (_, i) => `Channel-${i}`);
    router.add({ Channel: channels, EventID: ids }, 'wide');
    router.add({ Channel: ['Channel-5'], EventID: [1005] }, 'narrow');
    expect(router.route({ Channel: 'channel-5', EventID: '1005' })).toEqual(['narrow', 'wide']);
    expect(router.route({ Channel: 'Channel-99', EventID: 1099 })).toEqual(['wide']);
    expect(router.route({ Channel: 'Channel-100', EventID: 1099 })).toEqual([]);
    expect(router.route({ EventID: 1099 })).toEqual([]);
  });

  it('accepts(event) says whether route(event) is non-empty, for indexed, tested and unconditioned targets', () => {
    const router = new LogsourceRouter<string>();
    router.add({ Channel: ['Security'], EventID: [4688] }, 'sec');
    router.add({ Channel: Array.from({ length: 100 }, (_, i) => `C-${i}`), EventID: Array.from({ length: 100 }, (_, i) => i) }, 'wide');
    const events = [
      { Channel: 'SECURITY', EventID: '4688' },
      { Channel: 'Security', EventID: 4689 },
      { Channel: 'c-7', EventID: 99 },
      { Channel: 'c-7', EventID: 100 },
      { EventID: 4688 },
      { Channel: '', EventID: '' },
    ];
    expect(events.map((e) => router.accepts(e))).toEqual([true, false, true, false, false, false]);
    for (const e of events) expect(router.accepts(e)).toBe(router.route(e).length > 0);
    router.add({}, 'all');
    expect(events.every((e) => router.accepts(e))).toBe(true);
  });
});

describe('repository field-map profiles', () => {
  const dir = path.join(repoRoot, 'rules/fieldmaps');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.yml')) : [];
  it.each(files)('rules/fieldmaps/%s parses cleanly', (name) => {
    const file = path.join(dir, name);
    const { profile, diagnostics } = parseFieldMapProfile(readFileSync(file, 'utf8'), file);
    expect(diagnostics).toEqual([]);
    expect(profile?.name).toBeTruthy();
  });
});
