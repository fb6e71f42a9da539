// The scenario catalogue: every scenario the lab ships, by id.
import { phishingMacroBeacon } from './phishing-macro-beacon.js';
import { rdpSprayNewAdmin } from './rdp-spray-new-admin.js';
import type { Scenario } from './types.js';

export const SCENARIOS: readonly Scenario[] = [phishingMacroBeacon, rdpSprayNewAdmin];

export function findScenario(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}

export type { Scenario } from './types.js';
