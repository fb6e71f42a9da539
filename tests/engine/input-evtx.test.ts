// evtx_dump JSON flattening (inline shapes and SigmaHQ regression_data) and event timestamps.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventTimestamp, flattenEvtx, parseEvents, toIsoTime } from '../../engine/input/index.js';
import { describeShared, sharedDir } from '../helpers/shared.js';

describe('flattenEvtx', () => {
  it('copies System fields with the real-logs names and EventData children', () => {
    const flat = flattenEvtx({
      Event: {
        System: {
          Provider: { '#attributes': { Name: 'Microsoft-Windows-Security-Auditing', Guid: '{5478}' } },
          EventID: { '#text': 4688, '#attributes': { Qualifiers: '' } },
          Version: 2,
          Level: 0,
          Task: 13312,
          Opcode: 0,
          Keywords: '0x8020000000000000',
          TimeCreated: { '#attributes': { SystemTime: '2021-10-20T13:39:12.731903Z' } },
          EventRecordID: 67099,
          Correlation: null,
          Execution: { '#attributes': { ProcessID: 4, ThreadID: 88 } },
          Channel: 'Security',
          Computer: 'FS03.offsec.lan',
          Security: { '#attributes': { UserID: 'S-1-5-18' } },
        },
        EventData: { NewProcessName: 'C:\\Windows\\System32\\cmd.exe', Level: 'data wins' },
      },
    });
    expect(flat).toEqual({
      Provider_Name: 'Microsoft-Windows-Security-Auditing',
      Provider_Guid: '{5478}',
      EventID: 4688,
      Version: 2,
      Level: 'data wins',
      Task: 13312,
      Opcode: 0,
      Keywords: '0x8020000000000000',
      TimeCreated: '2021-10-20T13:39:12.731903Z',
      EventRecordID: 67099,
      ExecutionProcessID: 4,
      ExecutionThreadID: 88,
      Channel: 'Security',
      Computer: 'FS03.offsec.lan',
      SecurityUserID: 'S-1-5-18',
      NewProcessName: 'C:\\Windows\\System32\\cmd.exe',
    });
  });

  it('reads EventData.Data arrays of named and unnamed items, and numeric-string EventIDs', () => {
    const named = flattenEvtx({
      Event: {
        System: { EventID: '7045' },
        EventData: {
          Data: [
            { '#attributes': { Name: 'ServiceName' }, '#text': 'evil' },
            { '#attributes': { Name: 'ImagePath' }, '#text': 'C:\\evil.exe' },
            { '#attributes': { Name: 'Empty' } },
          ],
        },
      },
    });
    expect(named).toEqual({ EventID: 7045, ServiceName: 'evil', ImagePath: 'C:\\evil.exe', Empty: '' });

    const unnamed = flattenEvtx({ Event: { System: { EventID: 1 }, EventData: { Data: ['a', 'b'] } } });
    expect(unnamed).toEqual({ EventID: 1, Data: ['a', 'b'] });
    const single = flattenEvtx({ Event: { System: { EventID: 1 }, EventData: { Data: { '#text': 'only' } } } });
    expect(single).toEqual({ EventID: 1, Data: 'only' });
    const nullData = flattenEvtx({ Event: { System: { EventID: 1 }, EventData: null } });
    expect(nullData).toEqual({ EventID: 1 });
  });

  it("puts UserData's inner element children at top level", () => {
    const flat = flattenEvtx({
      Event: {
        System: { EventID: 1102, Channel: 'Security' },
        UserData: {
          LogFileCleared: {
            '#attributes': { xmlns: 'http://manifests.microsoft.com/win/2004/08/windows/eventlog' },
            SubjectUserSid: 'S-1-5-21-1',
            SubjectUserName: 'admmig',
          },
        },
      },
    });
    expect(flat).toEqual({ EventID: 1102, Channel: 'Security', SubjectUserSid: 'S-1-5-21-1', SubjectUserName: 'admmig' });
  });

  it('leaves objects that are not evtx-shaped alone', () => {
    const { records } = parseEvents('{"Event":{"Name":"x"}}\n{"Event":"text"}\n', { file: 'f' });
    expect(records.map((r) => r.event)).toEqual([{ Event: { Name: 'x' } }, { Event: 'text' }]);
  });
});

describe('eventTimestamp', () => {
  it.each([
    [{ TimeCreated: '2021-10-20 13:39:12.731903' }, '2021-10-20T13:39:12.731Z'],
    [{ TimeCreated: '2025-11-27T07:40:10.165324Z' }, '2025-11-27T07:40:10.165Z'],
    [{ TimeCreated: { '#attributes': { SystemTime: '2025-11-27T07:40:10Z' } } }, '2025-11-27T07:40:10.000Z'],
    [{ UtcTime: '2025-11-27 07:40:10.132' }, '2025-11-27T07:40:10.132Z'],
    [{ '@timestamp': '2024-01-02T03:04:05+02:00' }, '2024-01-02T01:04:05.000Z'],
    [{ timestamp: 1700000000 }, '2023-11-14T22:13:20.000Z'],
    [{ time: 1700000000123 }, '2023-11-14T22:13:20.123Z'],
    [{ EventTime: '2024-02-29 00:00:00' }, '2024-02-29T00:00:00.000Z'],
    [{ TimeCreated: 'not a time', UtcTime: '2025-01-01 00:00:00.000' }, '2025-01-01T00:00:00.000Z'],
    [{ TimeCreated: '2021-02-30 00:00:00' }, null],
    [{ Image: 'x' }, null],
  ])('%j -> %s', (event, iso) => {
    expect(eventTimestamp(event)).toBe(iso);
  });

  it('prefers TimeCreated over UtcTime', () => {
    expect(eventTimestamp({ UtcTime: '2020-01-01 00:00:00', TimeCreated: '2021-01-01 00:00:00' })).toBe('2021-01-01T00:00:00.000Z');
    expect(toIsoTime(null)).toBeNull();
  });
});

function jsonFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...jsonFilesUnder(p));
    else if (name.endsWith('.json')) out.push(p);
  }
  return out;
}

describeShared('SigmaHQ regression_data (evtx_dump JSON)', () => {
  const files = jsonFilesUnder(path.join(sharedDir, 'sigmahq/regression_data'));

  it('reads every file as concatenated evtx objects and flattens every event', () => {
    expect(files.length).toBeGreaterThan(50);
    let events = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const objects = (text.match(/^\{$/gm) ?? []).length; // each pretty-printed object opens on its own line
      const { records, parser } = parseEvents(text, { file });
      expect(parser.format, file).toBe('evtx-json');
      expect(parser.stats.malformed, file).toBe(0);
      expect(records.length, file).toBe(objects);
      for (const { event } of records) {
        expect(typeof event.EventID, file).toBe('number');
        expect(typeof event.Channel, file).toBe('string');
        expect(typeof event.Provider_Name, file).toBe('string');
        expect(eventTimestamp(event), file).toMatch(/^\d{4}-\d\d-\d\dT/);
        expect(event.Event, file).toBeUndefined();
        expect(event.System, file).toBeUndefined();
      }
      events += records.length;
    }
    expect(events).toBeGreaterThanOrEqual(files.length);
  });

  it('matches the flat shape of a known Sysmon image-load sample', () => {
    const file = files.find((f) => f.includes('image_load_win_werfaultsecure_dbgcore_dbghelp_load'));
    expect(file).toBeDefined();
    const { records } = parseEvents(readFileSync(file!, 'utf8'), { file: file! });
    expect(records[0].event).toMatchObject({
      Provider_Name: 'Microsoft-Windows-Sysmon',
      EventID: 7,
      Channel: 'Microsoft-Windows-Sysmon/Operational',
      Computer: 'swachchhanda',
      Image: 'C:\\Windows\\System32\\WerFaultSecure.exe',
      ImageLoaded: 'C:\\Windows\\System32\\dbgcore.dll',
      SecurityUserID: 'S-1-5-18',
      ExecutionProcessID: 3544,
    });
  });
});
