import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import { EXAMPLE_OPTIONS, generateAccounts, writeExampleSample, type LeadPlant } from '../../bench/datagen/index.js';
import { ScoringConfigSchema } from '../../src/config/scoring-schema.js';
import { buildAccountIndex, matchLead, matchOptions } from '../../src/leads/index.js';

type Row = Record<string, string>;
type Source = string | { field: string; values?: Record<string, string> };
interface RawObjectMapping {
  object: string;
  id: Source;
  modifiedAt?: Source;
  fields: Record<string, Source>;
  features: Record<string, Source>;
  outputs: Record<string, { field: string }>;
}

const root = process.cwd();
const examples = join(root, 'examples');
const mapping = parseYaml(readFileSync(join(root, 'mappings', 'file.yaml'), 'utf8')) as { objects: Record<string, RawObjectMapping> };
const fieldOf = (source: Source): string => (typeof source === 'string' ? source : source.field);

function mappedColumns(kind: string): string[] {
  const m = mapping.objects[kind];
  if (!m) throw new Error(`mappings/file.yaml has no ${kind} object`);
  const sources = [m.id, ...(m.modifiedAt ? [m.modifiedAt] : []), ...Object.values(m.fields), ...Object.values(m.features)];
  return [...new Set([...sources.map(fieldOf), ...Object.values(m.outputs).map((o) => o.field)])].sort();
}

function readCsv(path: string): { header: string[]; rows: Row[] } {
  const text = readFileSync(path, 'utf8');
  const [header] = parse(text, { to_line: 1 }) as string[][];
  return { header: header ?? [], rows: parse(text, { columns: true }) as Row[] };
}

const files = {
  account: readCsv(join(examples, 'crm', 'accounts.csv')),
  contact: readCsv(join(examples, 'crm', 'contacts.csv')),
  lead: readCsv(join(examples, 'crm', 'leads.csv')),
  opportunity: readCsv(join(examples, 'crm', 'opportunities.csv')),
  activity: readCsv(join(examples, 'crm', 'activities.csv')),
};
const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{3})?Z)?$/;
const US = /^\d{1,2}\/\d{1,2}\/\d{4}$/;

describe('the bundled example CRM', () => {
  it.each(Object.keys(files) as (keyof typeof files)[])('%s CSV has exactly the columns mappings/file.yaml reads and writes', (kind) => {
    expect([...files[kind].header].sort()).toEqual(mappedColumns(kind));
  });

  it('is what examples/generate.ts produces today (regenerate after changing bench/datagen)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scoresync-example-'));
    try {
      writeExampleSample(dir);
      for (const file of ['crm/accounts.csv', 'crm/contacts.csv', 'crm/leads.csv', 'crm/opportunities.csv', 'crm/activities.csv', 'intent.csv']) {
        expect({ file, same: readFileSync(join(dir, file), 'utf8') === readFileSync(join(examples, file), 'utf8') }).toEqual({ file, same: true });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stays small (under 3 MB together) but has enough history for learned fit', () => {
    const paths = ['accounts', 'contacts', 'leads', 'opportunities', 'activities'].map((f) => join(examples, 'crm', `${f}.csv`));
    const bytes = [...paths, join(examples, 'intent.csv')].reduce((sum, p) => sum + statSync(p).size, 0);
    expect(bytes).toBeLessThan(3 * 1024 * 1024);
    expect(files.account.rows).toHaveLength(300);
    const wonAccounts = new Set(files.opportunity.rows.filter((o) => o.is_won === 'true').map((o) => o.account_id));
    expect(wonAccounts.size).toBeGreaterThanOrEqual(20);
  });

  it('uses the value formats the mapping expects', () => {
    const typeLabels = Object.keys((mapping.objects['activity']?.fields['type'] as { values: Record<string, string> }).values);
    const badTypes = files.activity.rows.filter((a) => !typeLabels.includes((a.type ?? '').toLowerCase()));
    expect(badTypes).toEqual([]);
    const booleans = [...files.account.rows.map((a) => a.is_customer), ...files.opportunity.rows.flatMap((o) => [o.is_closed, o.is_won])];
    expect(new Set(booleans)).toEqual(new Set(['true', 'false']));
    const dates = [
      ...files.contact.rows.map((c) => c.modified_at),
      ...files.opportunity.rows.flatMap((o) => [o.created_at, o.close_date, o.modified_at]),
      ...files.activity.rows.map((a) => a.occurred_at),
    ];
    expect(dates.filter((d) => !ISO.test(d ?? ''))).toEqual([]);
    expect(files.account.rows.filter((a) => !ISO.test(a.modified_at ?? '') && !US.test(a.modified_at ?? ''))).toEqual([]);
    expect(files.account.rows.filter((a) => !/^[A-Za-z]+(;[A-Za-z]+)*$|^$/.test(a.technologies ?? ''))).toEqual([]);
    expect(files.account.rows.every((a) => a.fit_score === '' && a.score_reasons === '')).toBe(true);
  });

  it('shows real-world CSV: ~5% US dates and one quoted name with a comma', () => {
    const usDates = files.account.rows.filter((a) => US.test(a.modified_at ?? '')).length;
    expect(usDates).toBeGreaterThanOrEqual(6);
    expect(usDates).toBeLessThanOrEqual(24);
    expect(files.account.rows.filter((a) => a.name?.includes(','))).toHaveLength(1);
    expect(readFileSync(join(examples, 'crm', 'accounts.csv'), 'utf8')).toMatch(/,"[^"]+, Inc\.",/);
  });

  it('keeps references between the files intact', () => {
    const accountIds = new Set(files.account.rows.map((a) => a.id));
    const contactAccount = new Map(files.contact.rows.map((c) => [c.id, c.account_id]));
    expect(files.contact.rows.filter((c) => !accountIds.has(c.account_id))).toEqual([]);
    const badRoles = files.opportunity.rows.filter((o) => (o.contact_ids ?? '').split(';').some((id) => id !== '' && contactAccount.get(id) !== o.account_id));
    expect(badRoles).toEqual([]);
    const leadIds = new Set(files.lead.rows.map((l) => l.id));
    const badActivities = files.activity.rows.filter(
      (a) =>
        (a.account_id !== '' && !accountIds.has(a.account_id)) ||
        (a.contact_id !== '' && !contactAccount.has(a.contact_id)) ||
        (a.lead_id !== '' && !leadIds.has(a.lead_id)),
    );
    expect(badActivities).toEqual([]);
    const badConversions = files.lead.rows.filter(
      (l) => l.is_converted === 'true' && (contactAccount.get(l.converted_contact_id ?? '') !== l.converted_account_id || !accountIds.has(l.converted_account_id ?? '')),
    );
    expect(badConversions).toEqual([]);
  });

  it('ships Bombora-style intent rows for known domains', () => {
    const intent = readCsv(join(examples, 'intent.csv'));
    expect(intent.header).toEqual(['Domain', 'Topic', 'Composite Score', 'Date']);
    const websites = files.account.rows.map((a) => (a.website ?? '').replace(/^https:\/\//, '').replace(/^www\./, ''));
    expect(intent.rows.filter((r) => !websites.includes(r.Domain ?? ''))).toEqual([]);
    expect(intent.rows.some((r) => Number(r['Composite Score']) >= 60)).toBe(true);
  });
});

describe('the example leads', () => {
  it('cover every way a lead meets its account, and the matcher finds each one as planted', () => {
    const bundles = [...generateAccounts(EXAMPLE_OPTIONS)];
    const options = matchOptions(ScoringConfigSchema.parse({}));
    const index = buildAccountIndex(
      bundles.map((b) => ({ id: b.account.id, domain: b.account.domain, name: b.account.name, employees: b.account.employees })),
      options,
    );
    const expectedRule: Record<LeadPlant, string | null> = { emailDomain: 'emailDomain', website: 'website', companyName: 'companyName', converted: null, unmatched: null };
    const seen = new Map<LeadPlant, number>();
    for (const bundle of bundles) {
      for (const lead of [...bundle.leads, ...bundle.otherLeads.map((l) => l.lead)]) {
        const plant = bundle.truth.leadPlants[lead.id] as LeadPlant;
        seen.set(plant, (seen.get(plant) ?? 0) + 1);
        const match = matchLead(lead, index, options);
        expect({ lead: lead.id, plant, rule: match?.rule ?? null, account: match?.accountId ?? null }).toEqual({
          lead: lead.id,
          plant,
          rule: expectedRule[plant],
          account: expectedRule[plant] === null ? null : bundle.account.id,
        });
      }
    }
    for (const plant of Object.keys(expectedRule) as LeadPlant[]) expect((seen.get(plant) ?? 0) >= 3).toBe(true);
    expect(files.lead.rows.filter((l) => l.is_converted === 'true').length).toBe(seen.get('converted'));
    expect(files.activity.rows.filter((a) => a.lead_id !== '').length).toBeGreaterThan(50);
  });
});
