// Sigma value matching: compiles one detection item (field, modifiers, values) into a matcher.
// Public surface for engine/compile and the rest of the engine.
export { compileItem, valueText } from './compile-item.js';
export { fieldGetter, getField, scalarText } from './field-access.js';
export { lowerText } from './lower.js';
export { MODIFIERS, isModifier, closestModifier, type Modifier } from './modifiers.js';
