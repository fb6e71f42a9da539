// PowerShell Operational log builders: 4104 (script block logging) and 4103 (module logging).
import type { GenEvent } from '../core/events.js';
import type { Proc } from '../core/world.js';
import type { Rng } from '../core/prng.js';
import { winEvent } from './windows.js';

const CHANNEL = 'Microsoft-Windows-PowerShell/Operational';
const PROVIDER = 'Microsoft-Windows-PowerShell';

export function scriptBlock(p: Proc, ts: number, rng: Rng, text: string, path = ''): GenEvent {
  return {
    ts,
    fields: winEvent(p.host, ts, PROVIDER, CHANNEL, 4104, {
      SecurityUserID: p.userSid, MessageNumber: 1, MessageTotal: 1, ScriptBlockText: text, ScriptBlockId: rng.guid(), Path: path,
    }, '0x0'),
  };
}

export function moduleLog(p: Proc, ts: number, command: string, payload: string): GenEvent {
  const contextInfo = `        Severity = Informational\r\n        Host Name = ConsoleHost\r\n        Host Version = 5.1.19041.3570\r\n        Host ID = 00000000-0000-0000-0000-000000000000\r\n        Host Application = ${p.commandLine}\r\n        Engine Version = 5.1.19041.3570\r\n        Command Name = ${command}\r\n        Command Type = Cmdlet\r\n        User = ${p.user}\r\n        Connected User = \r\n        Shell ID = Microsoft.PowerShell\r\n`;
  return {
    ts,
    fields: winEvent(p.host, ts, PROVIDER, CHANNEL, 4103, {
      SecurityUserID: p.userSid, ContextInfo: contextInfo, UserData: '', Payload: payload,
    }, '0x0'),
  };
}
