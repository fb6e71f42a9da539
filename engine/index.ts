// Public API of the engine. Other parts (CLI, server, web, datasets) import from here only.
export * from './api.js';
export { DIAGNOSTIC_CODES, diag, type DiagnosticCode } from './diagnostics.js';
export type { DetectionItemSpec, ItemContext, CompiledItem, CompileItem } from './detection-item.js';

// Rule sets: load, compile, route, match.
export { compileRuleSet, DEFAULT_LEVEL, UNMAPPED_POLICIES, type RuleSet, type RuleSetOptions, type CompiledRule, type UnmappedPolicy } from './ruleset.js';

// Rule model and parsing.
export { parseRuleFile, type ParsedFile, type Rule, type SigmaDocument, type CorrelationDocument, type FilterDocument, type Detection, type SearchIdentifier, type SearchNode, type Logsource } from './rule/index.js';
export { parseCondition, formatCondition, type ConditionNode, type OfTarget } from './condition/index.js';
export { compileDetection, type CompiledDetection, type Plan } from './compile/index.js';

// Logsource mappings and field-map profiles.
export { parseMapping, parseFieldMapProfile, resolveVariants, type LogsourceMapping, type LogsourceEntry, type FieldMapProfile } from './logsource/index.js';

// Value matching (engine/match).
export { compileItem, getField, scalarText, MODIFIERS, isModifier, type Modifier } from './match/index.js';

// Log input readers: JSON lines / JSON array / evtx_dump JSON -> flat events (Node file access: engine/node/).
export * from './input/index.js';

// Correlation rules (Sigma correlation spec v2.1): compile against loaded rules, stream hits through a Correlator.
export * from './correlation/index.js';
