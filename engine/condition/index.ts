export * from './ast.js';
export { parseCondition } from './parser.js';
export { tokenize, type Token } from './lexer.js';
export { identifiersOf, checkReferences, usedIdentifiers, formatCondition, type ReferenceProblem } from './identifiers.js';
