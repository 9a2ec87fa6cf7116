/** SOQL string literals: the documented escapes decode to exactly the value that was escaped, over the lexer and HTTP. */
import fc from 'fast-check';
import { tokenize } from '../soql/lexer.js';
import { connect, withEmulator } from './helpers.js';

/** The escaping a connector must do (Salesforce "Quoted String Escape Sequences"). */
function soqlQuote(value: string): string {
  const escaped = value.replace(/[\\'"\n\r\t\b\f]/g, (ch) => ({ '\\': '\\\\', "'": "\\'", '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' })[ch] ?? ch);
  return `'${escaped}'`;
}

test('every escaped string decodes back to itself and stays one literal', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (value) => {
      const tokens = tokenize(`SELECT Id FROM Account WHERE Name = ${soqlQuote(value)} AND Name != null`);
      const strings = tokens.filter((t) => t.kind === 'string');
      expect(strings.map((t) => t.text)).toEqual([value]);
      expect(tokens.map((t) => t.text).slice(-4)).toEqual(['Name', '!=', 'null', '<EOF>']);
    }),
    { numRuns: 2000, seed: 7 },
  );
});

test('\\uXXXX escapes decode; unknown escapes are errors', () => {
  expect(tokenize("SELECT Id FROM A WHERE N = 'caf\\u00e9'").find((t) => t.kind === 'string')?.text).toBe('café');
  expect(() => tokenize("SELECT Id FROM A WHERE N = 'a\\qb'")).toThrow(expect.objectContaining({ errorCode: 'MALFORMED_QUERY' }));
  expect(() => tokenize("SELECT Id FROM A WHERE N = 'open")).toThrow(expect.objectContaining({ errorCode: 'MALFORMED_QUERY' }));
});

const TRICKY = ["O'Brien & Sons", 'back\\slash', 'line\nbreak', 'tab\there', 'quote"double', "it's 100% ok_ish", 'SELECT Id FROM Account', "x' OR Name != '", 'naïve ☃ 日本'];

test('names with quotes, backslashes, newlines, unicode and SOQL keywords round-trip through a real query', async () => {
  await withEmulator({ org: { setup: (org) => TRICKY.forEach((name) => org.insert('Account', { Name: name })) } }, async (emulator) => {
    const conn = await connect(emulator);
    for (const name of TRICKY) {
      const res = await conn.query<{ Name: string }>(`SELECT Name FROM Account WHERE Name = ${soqlQuote(name)}`);
      expect(res.records.map((r) => r.Name)).toEqual([name]);
    }
    const like = await conn.query<{ Name: string }>("SELECT Name FROM Account WHERE Name LIKE '%100\\% ok\\_%'");
    expect(like.records.map((r) => r.Name)).toEqual(["it's 100% ok_ish"]);
  });
});
