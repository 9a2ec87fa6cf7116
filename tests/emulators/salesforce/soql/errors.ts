/**
 * SOQL errors as the REST API reports them: the query, a caret under the offending column, the position and the
 * reason, with errorCode MALFORMED_QUERY, INVALID_FIELD, INVALID_TYPE or INVALID_QUERY_FILTER_OPERATOR.
 */
import { RequestError } from '../org/save-errors.js';

export type SoqlErrorCode = 'MALFORMED_QUERY' | 'INVALID_FIELD' | 'INVALID_TYPE' | 'INVALID_QUERY_FILTER_OPERATOR';

export function soqlError(soql: string, position: number, code: SoqlErrorCode, reason: string): RequestError {
  const before = soql.slice(0, position);
  const row = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const column = position - lineStart + 1;
  const line = soql.split('\n')[row - 1] ?? '';
  const caret = `${' '.repeat(Math.max(0, column - 1))}^`;
  return new RequestError(400, code, `\n${line}\n${caret}\nERROR at Row:${row}:Column:${column}\n${reason}`);
}
