// Splits a condition into parentheses and words. A word is any run of characters other than blanks and
// parentheses; the parser decides whether it is an operator, a quantifier, an identifier or a pattern.

export type Token =
  | { type: 'lparen'; pos: number }
  | { type: 'rparen'; pos: number }
  | { type: 'word'; text: string; pos: number }
  | { type: 'end'; pos: number };

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(') {
      tokens.push({ type: 'lparen', pos: i++ });
    } else if (c === ')') {
      tokens.push({ type: 'rparen', pos: i++ });
    } else {
      const start = i;
      while (i < text.length && !/[\s()]/.test(text[i])) i++;
      tokens.push({ type: 'word', text: text.slice(start, i), pos: start });
    }
  }
  tokens.push({ type: 'end', pos: text.length });
  return tokens;
}
