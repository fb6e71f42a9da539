export { compileDetection, withFilters, summarise, type CompiledDetection, type CompileOptions, type DetectionOwner } from './compile-rule.js';
export { resolvePlan, formatPlan, type Plan } from './plan.js';
export { andLiterals, orLiterals, type LiteralSet } from './literals.js';
