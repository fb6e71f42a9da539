// Recursive-descent parser for Sigma conditions. Precedence, loosest first: or, and, not, "x of",
// parentheses. Chains of one operator become one n-ary node: `a and b and c` -> and[a, b, c].
import { CONDITION_KEYWORDS, QUANTIFIERS, type ConditionNode, type ConditionParseResult, type ConditionSyntaxError, type Quantifier } from './ast.js';
import { tokenize, type Token } from './lexer.js';

/** Identifiers: letters, digits, `_`, `-` and `.`; patterns may add `*` wildcards. */
const IDENTIFIER = /^[A-Za-z0-9_.\-]+$/;
const PATTERN = /^[A-Za-z0-9_.\-*]+$/;

class SyntaxFailure extends Error {
  constructor(readonly detail: ConditionSyntaxError) {
    super(detail.message);
  }
}

export function parseCondition(text: string): ConditionParseResult {
  if (text.includes('|')) {
    const position = text.indexOf('|');
    return {
      ok: false,
      error: {
        message: `aggregation after "|" at position ${position} is the deprecated Sigma v1 syntax`,
        position,
        hint: 'write a correlation rule instead',
      },
    };
  }
  const parser = new Parser(tokenize(text));
  try {
    const ast = parser.parseOr();
    const next = parser.peek();
    if (next.type !== 'end') parser.fail(next, next.type === 'rparen' ? 'unbalanced ")"' : `expected "and", "or" or the end`);
    return { ok: true, ast };
  } catch (err) {
    if (err instanceof SyntaxFailure) return { ok: false, error: err.detail };
    throw err;
  }
}

class Parser {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(): Token {
    return this.tokens[this.index];
  }

  private next(): Token {
    return this.tokens[this.index++];
  }

  private isWord(token: Token, text: string): boolean {
    return token.type === 'word' && token.text === text;
  }

  fail(token: Token, expectation: string): never {
    const found = token.type === 'end' ? 'the end of the condition' : token.type === 'word' ? `"${token.text}"` : `"${token.type === 'lparen' ? '(' : ')'}"`;
    let hint: string | undefined;
    if (token.type === 'word' && isKeyword(token.text.toLowerCase()) && !isKeyword(token.text)) {
      hint = `operators are lower case: write "${token.text.toLowerCase()}"`;
    }
    throw new SyntaxFailure({ message: `${expectation}, found ${found} at position ${token.pos}`, position: token.pos, hint });
  }

  parseOr(): ConditionNode {
    const operands = [this.parseAnd()];
    while (this.isWord(this.peek(), 'or')) {
      this.next();
      operands.push(this.parseAnd());
    }
    return operands.length === 1 ? operands[0] : { kind: 'or', operands };
  }

  private parseAnd(): ConditionNode {
    const operands = [this.parseNot()];
    while (this.isWord(this.peek(), 'and')) {
      this.next();
      operands.push(this.parseNot());
    }
    return operands.length === 1 ? operands[0] : { kind: 'and', operands };
  }

  private parseNot(): ConditionNode {
    if (this.isWord(this.peek(), 'not')) {
      this.next();
      return { kind: 'not', operand: this.parseNot() };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): ConditionNode {
    const token = this.next();
    if (token.type === 'lparen') {
      const inner = this.parseOr();
      const close = this.next();
      if (close.type !== 'rparen') this.fail(close, 'expected ")"');
      return inner;
    }
    if (token.type !== 'word') this.fail(token, 'expected a search identifier, "x of", "not" or "("');
    const following = this.peek();
    if (this.isWord(following, 'of')) {
      if (!(QUANTIFIERS as readonly string[]).includes(token.text)) {
        this.fail(token, 'expected "1", "any" or "all" before "of"');
      }
      this.next();
      const target = this.next();
      if (target.type !== 'word' || isKeyword(target.text) && target.text !== 'them') {
        this.fail(target, 'expected "them" or an identifier pattern after "of"');
      }
      if (target.text === 'them') return { kind: 'of', quantifier: token.text as Quantifier, target: { kind: 'them' } };
      if (!PATTERN.test(target.text)) this.fail(target, 'expected an identifier pattern (letters, digits, _ - . and *)');
      return { kind: 'of', quantifier: token.text as Quantifier, target: { kind: 'pattern', pattern: target.text } };
    }
    if (isKeyword(token.text) || (QUANTIFIERS as readonly string[]).includes(token.text)) {
      this.fail(token, token.text === 'all' || token.text === '1' || token.text === 'any' ? 'expected "of" after a quantifier' : 'expected a search identifier');
    }
    if (!IDENTIFIER.test(token.text)) {
      if (token.text.includes('*')) this.fail(token, 'a wildcard pattern needs "1 of" or "all of"');
      this.fail(token, 'expected a search identifier (letters, digits, _ - .)');
    }
    if (isKeyword(token.text.toLowerCase()) && !isKeyword(token.text) && token.text !== token.text.toLowerCase()) {
      this.fail(token, 'expected a search identifier');
    }
    return { kind: 'identifier', name: token.text };
  }
}

function isKeyword(text: string): boolean {
  return (CONDITION_KEYWORDS as readonly string[]).includes(text);
}
