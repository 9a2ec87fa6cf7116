import fc from 'fast-check';
import type { DescribeSObjectResult } from 'jsforce';
import { buildSelect, dateTimeLiteral, fieldName, objectSchema, stringLiteral } from '../../connectors/salesforce/soql.js';
import { tokenize } from '../emulators/salesforce/soql/lexer.js';

const account = objectSchema({
  name: 'Account',
  queryable: true,
  fields: [
    { name: 'Id', type: 'id' },
    { name: 'Name', type: 'string' },
    { name: 'SystemModstamp', type: 'datetime' },
    { name: 'OwnerId', type: 'reference', relationshipName: 'Owner', referenceTo: ['User'] },
  ],
  childRelationships: [{ relationshipName: 'Contacts', childSObject: 'Contact', field: 'AccountId' }],
} as unknown as DescribeSObjectResult);
const user = objectSchema({ name: 'User', queryable: true, fields: [{ name: 'Username', type: 'string' }], childRelationships: [] } as unknown as DescribeSObjectResult);

/** Values that try to break out of a literal: quotes, backslashes, escapes, newlines, SOQL keywords, any Unicode. */
const hostile = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc
    .array(
      fc.constantFrom("'", '\\', '"', '\n', '\r', '\t', '\b', '\f', '\\n', "\\'", '%', '_', ' OR ', ' AND ', 'SELECT', 'FROM', 'WHERE', "' OR Name != '", '--', ';', '\u0000', '\u2028', '😀', 'é', ')', '('),
      { maxLength: 12 },
    )
    .map((parts) => parts.join('')),
);

describe('SOQL literals', () => {
  it('every generated value stays exactly one string literal (10,000 values through the emulator lexer)', () => {
    fc.assert(
      fc.property(hostile, (value) => {
        const soql = buildSelect({ schema: account, fields: ['Id'], where: [{ field: 'Name', op: '=', literal: stringLiteral(value) }] });
        const tokens = tokenize(soql);
        expect(tokens.map((t) => t.kind)).toEqual(['ident', 'ident', 'ident', 'ident', 'ident', 'ident', 'op', 'string', 'eof']);
        expect(tokens[7]?.text).toBe(value);
      }),
      { numRuns: 10_000, seed: 7 },
    );
  });

  it('date-times are normalised instants, never pasted text', () => {
    expect(dateTimeLiteral('2025-03-01T10:00:00+02:00')).toBe('2025-03-01T08:00:00.000Z');
    expect(() => dateTimeLiteral("2025-01-01' OR Name != '")).toThrow(/not a date-time/);
  });
});

describe('field names', () => {
  it('only names describe lists, spelled as Salesforce spells them', () => {
    expect(fieldName(account, 'systemmodstamp')).toBe('SystemModstamp');
    expect(fieldName(account, 'Owner.Username', new Map([['User', user]]))).toBe('Owner.Username');
    expect(() => fieldName(account, 'Secret__c')).toThrow(/Account\.Secret__c is not a field the integration user can read/);
    expect(() => fieldName(account, 'Name FROM User --')).toThrow(/not a field/);
    expect(() => fieldName(account, 'Owner.Password', new Map([['User', user]]))).toThrow(/User\.Password/);
  });

  it('builds a full query with a checked subquery and order', () => {
    const soql = buildSelect({
      schema: account,
      fields: ['Id', 'Name', 'name'],
      where: [{ field: 'SystemModstamp', op: '>=', literal: dateTimeLiteral('2025-01-01T00:00:00Z') }],
      orderBy: ['SystemModstamp', 'Id'],
      children: { relationship: 'Contacts', fields: ['Id'], schema: objectSchema({ name: 'Contact', queryable: true, fields: [{ name: 'Id' }], childRelationships: [] } as unknown as DescribeSObjectResult) },
    });
    expect(soql).toBe('SELECT Id, Name, (SELECT Id FROM Contacts) FROM Account WHERE SystemModstamp >= 2025-01-01T00:00:00.000Z ORDER BY SystemModstamp, Id');
    expect(() => buildSelect({ schema: account, fields: ['Id'], children: { relationship: 'Cases', fields: ['Id'], schema: account } })).toThrow(/Account\.Cases/);
  });

  it('puts an OR group in parentheses inside the AND list (SOQL refuses AND and OR mixed at one level), names checked', () => {
    const since = { field: 'SystemModstamp', op: '>=' as const, literal: dateTimeLiteral('2025-01-01T00:00:00Z') };
    const soql = buildSelect({
      schema: account,
      fields: ['Id'],
      where: [since, { anyOf: [{ ...since, literal: dateTimeLiteral('2025-01-01T00:10:00Z') }, { field: 'ownerid', op: '!=', literal: stringLiteral('005000000000001AAA') }] }],
    });
    expect(soql).toBe("SELECT Id FROM Account WHERE SystemModstamp >= 2025-01-01T00:00:00.000Z AND (SystemModstamp >= 2025-01-01T00:10:00.000Z OR OwnerId != '005000000000001AAA')");
    expect(() => buildSelect({ schema: account, fields: ['Id'], where: [{ anyOf: [{ field: 'Name) OR (Id', op: '=', literal: "'x'" }] }] })).toThrow(/not a field/);
  });
});
