import { parse } from 'yaml';
import { ConfigError } from '../../src/config/errors.js';
import { MAPPING_FIX_HINTS, MappingFileSchema } from '../../src/config/mapping-schema.js';
import type { MappingFile } from '../../src/config/mapping-types.js';
import { parseWithSchema } from '../../src/config/zod-issues.js';
import { readRepoFile, REPO_FILE_MAPPING, thrown } from './fixtures.js';

const FILE = 'mappings/test.yaml';

function parseMapping(yaml: string): MappingFile {
  return parseWithSchema(MappingFileSchema, parse(yaml) as unknown, FILE, MAPPING_FIX_HINTS);
}

function mappingError(yaml: string): ConfigError {
  const error = thrown(() => parseMapping(yaml));
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

const account = (extra: string): string =>
  ['connector: file', 'objects:', '  account:', '    object: accounts', '    id: id', '    fields:', '      name: name', extra].join('\n');

describe('mapping schema', () => {
  it('accepts the repo mapping', () => {
    const mapping = parseMapping(readRepoFile(REPO_FILE_MAPPING));
    expect(Object.keys(mapping.objects)).toEqual(['account', 'contact', 'lead', 'opportunity', 'activity']);
    expect(mapping.objects.account!.id).toEqual({ field: 'id', transform: 'string', required: true });
    expect(mapping.objects.account!.features.fundingStage).toEqual({ field: 'funding_stage', transform: 'string' });
  });

  it('rejects an unknown canonical field and suggests the closest one', () => {
    const error = mappingError(account('      domian: website'));
    expect(error.message).toBe(
      `${FILE}: objects.account.fields.domian: "domian" is not a canonical account field. ` +
        'Canonical account fields: name, domain, industry, employees, annualRevenue, country, technologies, ownerId, isCustomer, tierOverride. ' +
        'Fix: did you mean "domain"? Rename the key.',
    );
  });

  it('points an unrelated field name at features', () => {
    expect(mappingError(account('      fundingStage: funding_stage')).fix).toContain('move it under features');
  });

  it('requires the canonical fields a record cannot exist without', () => {
    const error = mappingError('connector: file\nobjects:\n  activity:\n    object: activities\n    id: id\n    fields:\n      type: type\n');
    expect(error.message).toContain('objects.activity.fields.occurredAt: is required but missing (every activity record needs occurredAt)');
  });

  it('rejects an output that is not writable for the object, with a suggestion', () => {
    const error = mappingError(account('    outputs:\n      fitScor: { field: fit, type: number }'));
    expect(error.path).toBe('objects.account.outputs.fitScor');
    expect(error.message).toContain('"fitScor" is not an output ScoreSync writes for account. account outputs: fitScore, fitBucket');
    expect(error.fix).toBe('did you mean "fitScore"? Rename the key');
    expect(mappingError(account('    outputs:\n      personaGrade: { field: g, type: string }')).message).toContain('not an output ScoreSync writes for account');
  });

  it('checks a lead mapping: its canonical fields and the outputs a lead can take', () => {
    const lead = (extra: string): string =>
      ['connector: file', 'objects:', '  lead:', '    object: leads', '    id: id', '    fields:', '      company: company', extra].join('\n');
    const mapping = parseMapping(lead('      website: { field: website, transform: domain }\n    outputs:\n      matchReason: { field: match_reason, type: string }'));
    expect(mapping.objects.lead?.outputs.matchReason).toEqual({ field: 'match_reason', type: 'string', policy: 'overwrite' });
    expect(mappingError(lead('      accountId: account_id')).message).toContain('"accountId" is not a canonical lead field');
    const error = mappingError(lead('    outputs:\n      buyingStage: { field: stage, type: string }'));
    expect(error.message).toContain('"buyingStage" is not an output ScoreSync writes for lead. lead outputs: personaName, personaScore');
    expect(mappingError(lead('    outputs:\n      matchedAccountID: { field: m, type: string }')).fix).toBe('did you mean "matchedAccountId"? Rename the key');
  });

  it('rejects outputs on objects that are never written', () => {
    const error = mappingError(
      'connector: file\nobjects:\n  opportunity:\n    object: opps\n    id: id\n    fields:\n      createdAt: created\n    outputs:\n      fitScore: { field: f, type: number }\n',
    );
    expect(error.message).toContain('objects.opportunity.outputs: opportunity has outputs (fitScore), but scores are only written to accounts, contacts and leads');
  });

  it('rejects an enum transform without values', () => {
    const error = mappingError(account('      industry: { field: industry, transform: enum }'));
    expect(error.path).toBe('objects.account.fields.industry.values');
    expect(error.message).toContain('transform: enum needs a values map');
  });

  it('rejects values or a separator that the transform would ignore', () => {
    expect(mappingError(account('      industry: { field: industry, values: { a: b } }')).fix).toBe('add transform: enum, or remove values');
    expect(mappingError(account('      technologies: { field: tech, separator: "," }')).fix).toBe('add transform: split, or remove separator');
  });

  it('rejects activity type values that are not activity types', () => {
    const error = mappingError(
      'connector: file\nobjects:\n  activity:\n    object: a\n    id: id\n    fields:\n      occurredAt: at\n      type:\n        field: kind\n        transform: enum\n        values: { "Email Open": email_opened, Meeting: meeting }\n',
    );
    expect(error.path).toBe('objects.activity.fields.type.values["Email Open"]');
    expect(error.message).toContain('"email_opened" is not an activity type. Activity types: "email_open", "email_click"');
    expect(error.fix).toBe('did you mean "email_open"?');
  });

  it('rejects two outputs writing the same CRM field (case-insensitive)', () => {
    const error = mappingError(account('    outputs:\n      fitScore: { field: Fit_Score, type: number }\n      intentScore: { field: fit_score, type: number }'));
    expect(error.path).toBe('objects.account.outputs.intentScore.field');
    expect(error.message).toContain('"fit_score" is already written by output fitScore; two outputs would overwrite each other');
  });

  it('lists the allowed write policies and transforms', () => {
    expect(mappingError(account('    outputs:\n      tier: { field: tier, type: string, policy: always }')).message).toContain(
      'objects.account.outputs.tier.policy: "always" is not an allowed value. Allowed: "overwrite", "fillIfBlank", "never".',
    );
    expect(mappingError(account('      employees: { field: employees, transform: int }')).message).toContain(
      'Allowed: "string", "number", "integer", "boolean", "date", "domain", "lowercase", "split", "enum"',
    );
  });

  it('catches a typo inside a field source', () => {
    const error = mappingError(account('      country: { field: country, requried: true }'));
    expect(error.message).toContain('objects.account.fields.country.requried: unknown key "requried"');
    expect(error.fix).toBe('did you mean "required"? Rename the key');
  });

  it('explains a field source that is neither a name nor a map', () => {
    expect(mappingError(account('      employees: 42')).message).toContain('objects.account.fields.employees: expected a CRM field name or { field: <name>, transform: <transform> }, got 42');
  });

  it('reports all problems of a file together', () => {
    const error = mappingError(account('      domian: website\n      industry: { field: i, transform: enum }\n    outputs:\n      tier: { field: t, type: str }'));
    expect(error.problems.map((p) => p.path).sort()).toEqual([
      'objects.account.fields.domian',
      'objects.account.fields.industry.values',
      'objects.account.outputs.tier.type',
    ]);
  });
});

describe('mapping schema: enum values, passThrough and scale', () => {
  const opportunity = (extra: string): string =>
    ['connector: file', 'objects:', '  opportunity:', '    object: opportunities', '    id: id', '    fields:', '      createdAt: { field: created_at, transform: date }', extra].join('\n');

  it('rejects an enum value that does not fit the canonical field type, naming it and the fix', () => {
    const error = mappingError(opportunity('      isWon: { field: stage, transform: enum, values: { Won: "true", Lost: "false" } }'));
    expect(error.message).toContain('objects.opportunity.fields.isWon.values.Won');
    expect(error.message).toContain('"true" is text, but this field needs true or false');
    expect(error.message).toContain('write true or false without quotes');
    const amount = mappingError(opportunity('      amount: { field: size, transform: enum, values: { Big: large } }'));
    expect(amount.message).toContain('"large" is text, but this field needs a number');
  });

  it('accepts booleans and numbers as enum values, passThrough, and scale with a factor', () => {
    const parsed = parseMapping(
      opportunity(
        ['      isWon: { field: stage, transform: enum, values: { Won: true, Lost: false }, default: false }', '      amount: { field: amount_musd, transform: scale, factor: 1000000 }', '      stage: { field: stage, transform: enum, values: { negotation: Negotiation }, passThrough: true }'].join('\n'),
      ),
    );
    expect(parsed.objects.opportunity!.fields.isWon!.values).toEqual({ Won: true, Lost: false });
    expect(parsed.objects.opportunity!.fields.amount).toMatchObject({ transform: 'scale', factor: 1000000 });
    expect(mappingError(opportunity('      amount: { field: amount_musd, transform: scale }')).message).toContain('transform: scale needs a factor');
    expect(mappingError(opportunity('      stage: { field: stage, passThrough: true }')).message).toContain('passThrough is only used with transform: enum');
  });
});
