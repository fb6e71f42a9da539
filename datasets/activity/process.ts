// Starting a Windows process as the logs see it: Sysmon 1, Security 4688, and a few Sysmon 7
// image loads just after, all for the same process.
import type { Emit } from '../core/events.js';
import type { Proc } from '../core/world.js';
import { SYSTEM_USER } from '../core/world.js';
import { imageLoad, processCreate } from '../sources/sysmon.js';
import { computerSubject, processCreated } from '../sources/security.js';
import type { GenContext } from './context.js';

const COMMON_DLLS = ['C:\\Windows\\System32\\ntdll.dll', 'C:\\Windows\\System32\\kernel32.dll',
  'C:\\Windows\\System32\\KernelBase.dll', 'C:\\Windows\\System32\\advapi32.dll', 'C:\\Windows\\System32\\user32.dll',
  'C:\\Windows\\System32\\combase.dll', 'C:\\Windows\\System32\\ole32.dll', 'C:\\Windows\\System32\\crypt32.dll',
  'C:\\Windows\\System32\\winhttp.dll', 'C:\\Windows\\System32\\bcrypt.dll'];

/** Emits the creation of `proc` (already built by HostState.spawn) at `ts`. */
export function launch(ctx: GenContext, proc: Proc, ts: number, emit: Emit, opts: { key?: string; imageLoads?: number } = {}): void {
  const ev = processCreate(proc, ts);
  if (opts.key) ev.key = opts.key;
  emit(ev);
  const org = ctx.org;
  const subject = proc.user === SYSTEM_USER
    ? computerSubject(org, proc.host)
    : { sid: proc.userSid, name: proc.user.split('\\')[1], domain: org.domain, logonId: proc.logonId };
  const sec = processCreated(proc, ts + 1, subject);
  if (opts.key) sec.key = `${opts.key}#4688`;
  emit(sec);
  const loads = opts.imageLoads ?? ctx.rng.int(2, 5);
  for (let i = 0; i < loads; i++) {
    emit(imageLoad(proc, ts + 5 + i * ctx.rng.int(1, 40), COMMON_DLLS[(i + proc.pid) % COMMON_DLLS.length]));
  }
}

