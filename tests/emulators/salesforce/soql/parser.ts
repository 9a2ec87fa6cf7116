/**
 * A recursive-descent parser for SELECT … FROM … [WHERE …] [ORDER BY …] [LIMIT n] [OFFSET n]. Like Salesforce it
 * refuses AND and OR mixed at one level without parentheses. Clauses it does not support (GROUP BY, semi-joins,
 * TYPEOF, …) are MALFORMED_QUERY, so a connector never silently gets a different answer than from a real org.
 */
import type { ComparisonOperator, Condition, FieldPath, Literal, OrderItem, Query, Subquery } from './ast.js';
import { soqlError } from './errors.js';
import { tokenize, type Token } from './lexer.js';
import { parseDateTime } from '../values.js';

export const DATE_LITERALS = new Set([
  'TODAY', 'YESTERDAY', 'TOMORROW', 'LAST_WEEK', 'THIS_WEEK', 'NEXT_WEEK', 'LAST_MONTH', 'THIS_MONTH', 'NEXT_MONTH',
  'LAST_90_DAYS', 'NEXT_90_DAYS', 'THIS_YEAR', 'LAST_YEAR',
]);
export const DATE_LITERALS_WITH_N = new Set(['LAST_N_DAYS', 'NEXT_N_DAYS', 'N_DAYS_AGO', 'LAST_N_WEEKS', 'LAST_N_MONTHS']);

class Parser {
  private index = 0;
  private readonly tokens: Token[];

  constructor(private readonly soql: string) {
    this.tokens = tokenize(soql);
  }

  parse(): Query {
    const query = this.queryBody(false);
    const rest = this.peek();
    if (rest.kind !== 'eof') throw this.unexpected(rest);
    return query;
  }

  /** SELECT … FROM … [WHERE] [ORDER BY] [LIMIT] [OFFSET]; a nested one (a subquery) has no subqueries of its own. */
  private queryBody(nested: boolean): Query {
    this.expectKeyword('SELECT');
    const { count, fields, subqueries } = this.selectList(nested);
    this.expectKeyword('FROM');
    const fromToken = this.expect('ident');
    const query: Query = { count, fields, subqueries, from: { name: fromToken.text, position: fromToken.position }, where: null, orderBy: [], limit: null, offset: null };
    if (this.acceptKeyword('WHERE')) query.where = this.condition();
    if (this.acceptKeyword('ORDER')) {
      this.expectKeyword('BY');
      query.orderBy = this.orderList();
    }
    if (this.acceptKeyword('LIMIT')) query.limit = this.nonNegativeInteger();
    if (this.acceptKeyword('OFFSET')) query.offset = this.nonNegativeInteger();
    return query;
  }

  private selectList(nested: boolean): { count: boolean; fields: FieldPath[]; subqueries: Subquery[] } {
    const first = this.peek();
    if (isKeyword(first, 'COUNT') && this.peek(1).text === '(') {
      this.index += 2;
      if (this.peek().text !== ')') throw this.unexpected(this.peek(), 'only COUNT() is supported by the emulator; aggregate queries are not');
      this.index += 1;
      return { count: true, fields: [], subqueries: [] };
    }
    const fields: FieldPath[] = [];
    const subqueries: Subquery[] = [];
    do {
      const token = this.peek();
      if (token.kind === 'punct' && token.text === '(') {
        if (nested) throw this.unexpected(token, 'a subquery cannot contain another subquery');
        this.index += 1;
        const query = this.queryBody(true);
        this.expectPunct(')');
        subqueries.push({ relationship: query.from.name, position: token.position, query });
      } else fields.push(this.fieldPath());
    } while (this.acceptPunct(','));
    return { count: false, fields, subqueries };
  }

  private fieldPath(): FieldPath {
    const start = this.expect('ident');
    if (isKeyword(start, 'FROM') || isKeyword(start, 'TYPEOF')) throw this.unexpected(start);
    const parts = [start.text];
    while (this.acceptPunct('.')) parts.push(this.expect('ident').text);
    if (this.peek().text === '(') throw this.unexpected(this.peek(), `function ${start.text}() is not supported by the emulator`);
    return { parts, position: start.position };
  }

  private condition(): Condition {
    const first = this.unary();
    const joiner = this.peek();
    if (!isKeyword(joiner, 'AND') && !isKeyword(joiner, 'OR')) return first;
    const kind = joiner.text.toUpperCase() === 'AND' ? 'and' : 'or';
    const items = [first];
    while (isKeyword(this.peek(), kind)) {
      this.index += 1;
      items.push(this.unary());
    }
    const other = this.peek();
    if (isKeyword(other, kind === 'and' ? 'OR' : 'AND')) throw this.unexpected(other);
    return { kind, items };
  }

  private unary(): Condition {
    if (this.acceptKeyword('NOT')) return { kind: 'not', item: this.unary() };
    if (this.acceptPunct('(')) {
      const inner = this.condition();
      this.expectPunct(')');
      return inner;
    }
    return this.fieldExpression();
  }

  private fieldExpression(): Condition {
    const field = this.fieldPath();
    const token = this.peek();
    if (token.kind === 'op') {
      this.index += 1;
      return { kind: 'compare', field, op: token.text as ComparisonOperator, value: this.literal() };
    }
    if (isKeyword(token, 'LIKE')) {
      this.index += 1;
      return { kind: 'like', field, pattern: this.literal() };
    }
    const negated = this.acceptKeyword('NOT');
    if (this.acceptKeyword('IN')) return { kind: 'in', field, negated, values: this.literalList() };
    if (!negated && (isKeyword(this.peek(), 'INCLUDES') || isKeyword(this.peek(), 'EXCLUDES'))) {
      const excludes = this.expect('ident').text.toUpperCase() === 'EXCLUDES';
      return { kind: 'includes', field, negated: excludes, values: this.literalList() };
    }
    throw this.unexpected(this.peek());
  }

  private literalList(): Literal[] {
    this.expectPunct('(');
    if (isKeyword(this.peek(), 'SELECT')) throw this.unexpected(this.peek(), 'semi-join subqueries are not supported by the emulator');
    const values = [this.literal()];
    while (this.acceptPunct(',')) values.push(this.literal());
    this.expectPunct(')');
    return values;
  }

  private literal(): Literal {
    const token = this.next();
    const position = token.position;
    switch (token.kind) {
      case 'string':
        return { kind: 'string', value: token.text, likeValue: token.likeText ?? token.text, position };
      case 'number':
        return { kind: 'number', value: Number(token.text), position };
      case 'date':
        return { kind: 'date', value: token.text, position };
      case 'datetime': {
        const ms = parseDateTime(token.text);
        if (ms === null) throw soqlError(this.soql, position, 'MALFORMED_QUERY', `line 1:${position} no viable alternative at character '${token.text}'`);
        return { kind: 'datetime', ms, position };
      }
      case 'ident':
        return this.namedLiteral(token);
      default:
        throw this.unexpected(token);
    }
  }

  private namedLiteral(token: Token): Literal {
    const upper = token.text.toUpperCase();
    if (upper === 'TRUE' || upper === 'FALSE') return { kind: 'boolean', value: upper === 'TRUE', position: token.position };
    if (upper === 'NULL') return { kind: 'null', position: token.position };
    if (DATE_LITERALS.has(upper)) return { kind: 'dateLiteral', name: upper, n: null, position: token.position };
    if (DATE_LITERALS_WITH_N.has(upper)) {
      this.expectPunct(':');
      return { kind: 'dateLiteral', name: upper, n: this.nonNegativeInteger(), position: token.position };
    }
    throw this.unexpected(token);
  }

  private orderList(): OrderItem[] {
    const items: OrderItem[] = [];
    do {
      const field = this.fieldPath();
      let descending = false;
      if (this.acceptKeyword('DESC')) descending = true;
      else this.acceptKeyword('ASC');
      let nullsLast = descending;
      if (this.acceptKeyword('NULLS')) {
        if (this.acceptKeyword('LAST')) nullsLast = true;
        else {
          this.expectKeyword('FIRST');
          nullsLast = false;
        }
      }
      items.push({ field, descending, nullsLast });
    } while (this.acceptPunct(','));
    return items;
  }

  private nonNegativeInteger(): number {
    const token = this.expect('number');
    const value = Number(token.text);
    if (!Number.isInteger(value) || value < 0) throw this.unexpected(token);
    return value;
  }

  // ---- token helpers ----

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const token = this.peek();
    this.index += 1;
    return token;
  }

  private expect(kind: Token['kind']): Token {
    const token = this.peek();
    if (token.kind !== kind) throw this.unexpected(token);
    this.index += 1;
    return token;
  }

  private expectKeyword(word: string): void {
    if (!this.acceptKeyword(word)) throw this.unexpected(this.peek());
  }

  private acceptKeyword(word: string): boolean {
    if (!isKeyword(this.peek(), word)) return false;
    this.index += 1;
    return true;
  }

  private acceptPunct(text: string): boolean {
    const token = this.peek();
    if (token.kind !== 'punct' || token.text !== text) return false;
    this.index += 1;
    return true;
  }

  private expectPunct(text: string): void {
    if (!this.acceptPunct(text)) throw this.unexpected(this.peek());
  }

  private unexpected(token: Token, reason?: string): Error {
    return soqlError(this.soql, token.position, 'MALFORMED_QUERY', reason ?? `unexpected token: '${token.kind === 'string' ? `'${token.text}'` : token.text}'`);
  }
}

function isKeyword(token: Token, word: string): boolean {
  return token.kind === 'ident' && token.text.toUpperCase() === word.toUpperCase();
}

export function parseSoql(soql: string): Query {
  if (soql.trim() === '') throw soqlError(soql, 0, 'MALFORMED_QUERY', 'unexpected token: <EOF>');
  return new Parser(soql).parse();
}
