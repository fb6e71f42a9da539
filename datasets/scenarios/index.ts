// The scenario catalogue: every scenario the lab ships, by id.
import { phishingMacroBeacon } from './phishing-macro-beacon.js';
import { rdpSprayNewAdmin } from './rdp-spray-new-admin.js';
import { lsassCredentialDump } from './lsass-credential-dump.js';
import { psexecLateralMovement } from './psexec-lateral-movement.js';
import { runkeySchtaskPersistence } from './runkey-schtask-persistence.js';
import { ransomwarePrecursors } from './ransomware-precursors.js';
import { dnsTunnelExfiltration } from './dns-tunnel-exfiltration.js';
import { insiderDataTheft } from './insider-data-theft.js';
import { quietDay } from './quiet-day.js';
import type { Scenario } from './types.js';

export const SCENARIOS: readonly Scenario[] = [
  phishingMacroBeacon, rdpSprayNewAdmin, lsassCredentialDump, psexecLateralMovement, runkeySchtaskPersistence,
  ransomwarePrecursors, dnsTunnelExfiltration, insiderDataTheft, quietDay,
];

export function findScenario(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}

export type { Scenario } from './types.js';
