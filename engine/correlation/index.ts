// Sigma correlation rules: compile correlation documents against the loaded rules, then stream hits
// through a Correlator to get correlation alerts. See README.md for the semantics chosen.
export { compileCorrelations, correlationsFromLevel, referencedRuleKeys, type BaseRuleRef, type CompileCorrelationsOptions, type CorrelationSet } from './compile.js';
export {
  Correlator, DEFAULT_MAX_GROUPS, DEFAULT_MAX_EVENTS_PER_GROUP, DEFAULT_LATE_TOLERANCE_MS, DEFAULT_MAX_EVENTS_PER_ALERT,
} from './correlator.js';
export { parseTimespan } from './timespan.js';
export { CorrelatingAlertStream } from './alert-stream.js';
export * from './types.js';
