export type { LogsourceEntry, LogsourceMapping, FieldMapProfile } from './types.js';
export { parseMapping, parseFieldMapProfile } from './parse.js';
export { resolveVariants, profileField, variantFieldMap, profileConditions } from './resolve.js';
export { LogsourceRouter, normaliseConditionValue } from './router.js';
