// Flattens Windows events as `evtx_dump -o json` writes them ({"Event":{"System":..,"EventData":..}})
// to the flat shape Sigma rules are written against (the shape of ../shared/real-logs):
// EventData / UserData fields at top level, plus the System fields below.
import type { SigmaEvent } from '../api.js';

type Obj = Record<string, unknown>;

export function isPlainObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for `{"Event":{"System":{..}, ...}}`, whatever container it came in. */
export function isEvtxRecord(value: Obj): boolean {
  const ev = value.Event;
  return isPlainObject(ev) && isPlainObject(ev.System);
}

/**
 * System fields copied to the top level. Names follow ../shared/real-logs (and Chainsaw/Hayabusa
 * style): attributes are prefixed by their element (`Provider_Name`, `ExecutionProcessID`,
 * `SecurityUserID`).
 */
const SYSTEM_TEXT_FIELDS = ['Version', 'Level', 'Task', 'Opcode', 'Keywords', 'EventRecordID', 'Channel', 'Computer'] as const;

/**
 * The flat event. Order: System fields first, then EventData, then UserData; a data field with the
 * same name as a System field wins (rules read the data fields).
 */
export function flattenEvtx(record: Obj): SigmaEvent {
  const ev = record.Event as Obj;
  const sys = ev.System as Obj;
  const out: SigmaEvent = {};

  const provider = attributes(sys.Provider);
  if (provider.Name !== undefined) out.Provider_Name = provider.Name;
  if (provider.Guid !== undefined) out.Provider_Guid = provider.Guid;
  if (provider.EventSourceName !== undefined) out.EventSourceName = provider.EventSourceName;

  const eventId = textOf(sys.EventID);
  if (eventId !== undefined) out.EventID = toNumberIfNumeric(eventId);
  for (const key of SYSTEM_TEXT_FIELDS) {
    const v = textOf(sys[key]);
    if (v !== undefined) out[key] = v;
  }
  const time = attributes(sys.TimeCreated).SystemTime;
  if (time !== undefined) out.TimeCreated = time;
  const exec = attributes(sys.Execution);
  if (exec.ProcessID !== undefined) out.ExecutionProcessID = exec.ProcessID;
  if (exec.ThreadID !== undefined) out.ExecutionThreadID = exec.ThreadID;
  const security = attributes(sys.Security);
  if (security.UserID !== undefined) out.SecurityUserID = security.UserID;

  copyEventData(ev.EventData, out);
  copyUserData(ev.UserData, out);
  return out;
}

/** `{"#attributes":{..}}` of an element, or {}. */
function attributes(element: unknown): Obj {
  if (isPlainObject(element) && isPlainObject(element['#attributes'])) return element['#attributes'];
  return {};
}

/** The value of an element: a scalar as is, `{"#text": v}` -> v; undefined for null or no text. */
function textOf(element: unknown): unknown {
  if (element === null || element === undefined) return undefined;
  if (isPlainObject(element)) return '#text' in element ? element['#text'] : undefined;
  return element;
}

function toNumberIfNumeric(value: unknown): unknown {
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value);
  return value;
}

/** A data value: `{"#text": v, "#attributes": ..}` -> v; `{"#attributes"}` alone (empty element) -> ''. */
function dataValue(value: unknown): unknown {
  if (!isPlainObject(value)) return value;
  if ('#text' in value) return value['#text'];
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === '#attributes') return '';
  return value;
}

/**
 * EventData comes as named children ({"Image": ..}), as `Data` with named items
 * ([{"#attributes":{"Name":"Image"},"#text":".."}]), as unnamed `Data` values, or null.
 * Unnamed values are collected in `Data` (one value: a scalar; several: an array).
 */
function copyEventData(eventData: unknown, out: SigmaEvent): void {
  if (!isPlainObject(eventData)) {
    if (typeof eventData === 'string' && eventData !== '') out.Data = eventData;
    return;
  }
  const unnamed: unknown[] = [];
  for (const [key, value] of Object.entries(eventData)) {
    if (key === '#attributes') continue;
    if (key === 'Data') {
      const items = Array.isArray(value) ? value : [value];
      for (const item of items) {
        const name = attributes(item).Name;
        if (typeof name === 'string' && name !== '') out[name] = dataValue(item);
        else if (item !== null && item !== undefined) unnamed.push(dataValue(item));
      }
    } else if (key === '#text') {
      if (value !== null && value !== '') unnamed.push(value);
    } else {
      out[key] = dataValue(value);
    }
  }
  if (unnamed.length === 1) out.Data = unnamed[0];
  else if (unnamed.length > 1) out.Data = unnamed;
}

/** UserData holds one element (e.g. `LogFileCleared`) whose children are the fields. */
function copyUserData(userData: unknown, out: SigmaEvent): void {
  if (!isPlainObject(userData)) return;
  for (const [key, inner] of Object.entries(userData)) {
    if (key === '#attributes') continue;
    if (isPlainObject(inner)) {
      for (const [field, value] of Object.entries(inner)) {
        if (field !== '#attributes') out[field] = dataValue(value);
      }
    } else if (inner !== null && inner !== undefined) {
      out[key] = inner;
    }
  }
}
