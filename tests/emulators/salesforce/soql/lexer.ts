/**
 * SOQL tokens. String literals follow the documented escapes (\n \r \t \b \f \" \' \\ \uXXXX, and \% \_ kept for
 * LIKE); any other backslash is an error, as in Salesforce. Date and date-time literals are unquoted.
 */
import { soqlError } from './errors.js';

export type TokenKind = 'ident' | 'string' | 'number' | 'date' | 'datetime' | 'op' | 'punct' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Identifier text, decoded string value, number text, literal text, operator or punctuation. */
  text: string;
  position: number;
  /** For strings: the value with \% and \_ still escaped, for LIKE patterns. */
  likeText?: string;
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '"': '"', "'": "'", '\\': '\\' };
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})/;
const DATE = /^\d{4}-\d{2}-\d{2}(?![\w:])/;
const NUMBER = /^[+-]?(\d+(\.\d+)?|\.\d+)(?![\w])/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*/;
const OPERATORS = ['!=', '<>', '<=', '>=', '=', '<', '>'];

function readString(soql: string, start: number): { token: Token; end: number } {
  let value = '';
  let like = '';
  let i = start + 1;
  while (i < soql.length) {
    const ch = soql.charAt(i);
    if (ch === "'") return { token: { kind: 'string', text: value, likeText: like, position: start }, end: i + 1 };
    if (ch !== '\\') {
      value += ch;
      like += ch;
      i += 1;
      continue;
    }
    const next = soql.charAt(i + 1);
    if (next in SIMPLE_ESCAPES) {
      const decoded = SIMPLE_ESCAPES[next] ?? '';
      value += decoded;
      like += decoded === '\\' ? '\\\\' : decoded;
      i += 2;
    } else if (next === '%' || next === '_') {
      value += `\\${next}`;
      like += `\\${next}`;
      i += 2;
    } else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(soql.slice(i + 2, i + 6))) {
      const decoded = String.fromCharCode(parseInt(soql.slice(i + 2, i + 6), 16));
      value += decoded;
      like += decoded;
      i += 6;
    } else {
      throw soqlError(soql, i, 'MALFORMED_QUERY', `Invalid string literal '${soql.slice(start + 1, i + 2)}'. Illegal character sequence '\\${next}' in string literal.`);
    }
  }
  throw soqlError(soql, start, 'MALFORMED_QUERY', 'unexpected token: unterminated string literal');
}

export function tokenize(soql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < soql.length) {
    const ch = soql.charAt(i);
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    const rest = soql.slice(i);
    if (ch === "'") {
      const { token, end } = readString(soql, i);
      tokens.push(token);
      i = end;
      continue;
    }
    const literal = DATE_TIME.exec(rest) ?? null;
    if (literal !== null) {
      tokens.push({ kind: 'datetime', text: literal[0], position: i });
      i += literal[0].length;
      continue;
    }
    const date = DATE.exec(rest);
    if (date !== null) {
      tokens.push({ kind: 'date', text: date[0], position: i });
      i += date[0].length;
      continue;
    }
    const number = NUMBER.exec(rest);
    if (number !== null && (/\d|\./.test(ch) || !/[\w)]/.test(tokens.at(-1)?.text.slice(-1) ?? ''))) {
      tokens.push({ kind: 'number', text: number[0], position: i });
      i += number[0].length;
      continue;
    }
    const ident = IDENT.exec(rest);
    if (ident !== null) {
      tokens.push({ kind: 'ident', text: ident[0], position: i });
      i += ident[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => rest.startsWith(o));
    if (op !== undefined) {
      tokens.push({ kind: 'op', text: op === '<>' ? '!=' : op, position: i });
      i += op.length;
      continue;
    }
    if ('(),.:'.includes(ch)) {
      tokens.push({ kind: 'punct', text: ch, position: i });
      i += 1;
      continue;
    }
    throw soqlError(soql, i, 'MALFORMED_QUERY', `unexpected token: '${ch}'`);
  }
  tokens.push({ kind: 'eof', text: '<EOF>', position: soql.length });
  return tokens;
}
