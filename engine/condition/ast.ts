// Condition syntax tree: a discriminated union on `kind`. Positions are kept out of the tree so that
// trees compare structurally; syntax errors carry the position instead.

/** Quantifiers of "x of": `1` and `any` mean OR, `all` means AND (pySigma accepts `any`). */
export const QUANTIFIERS = ['1', 'any', 'all'] as const;
export type Quantifier = (typeof QUANTIFIERS)[number];

/** The operator words; they are lower case and case-sensitive, as in pySigma's grammar. */
export const CONDITION_KEYWORDS = ['and', 'or', 'not', 'of', 'them'] as const;

export type ConditionNode =
  | { kind: 'identifier'; name: string }
  | { kind: 'not'; operand: ConditionNode }
  | { kind: 'and'; operands: ConditionNode[] }
  | { kind: 'or'; operands: ConditionNode[] }
  | { kind: 'of'; quantifier: Quantifier; target: OfTarget };

/** `them` = every search identifier not starting with `_`; a pattern matches names with `*` wildcards. */
export type OfTarget = { kind: 'them' } | { kind: 'pattern'; pattern: string };

export interface ConditionSyntaxError {
  message: string;
  /** 0-based character offset in the condition text. */
  position: number;
  hint?: string;
}

export type ConditionParseResult = { ok: true; ast: ConditionNode } | { ok: false; error: ConditionSyntaxError };
