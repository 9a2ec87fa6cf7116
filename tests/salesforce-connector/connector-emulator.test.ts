/**
 * The connector's read side against the Salesforce emulator over real HTTP (loopback only): pages, incremental pulls,
 * deletions, activities from three objects, unconverted Leads, and validateMapping from describe.
 */
import nock from 'nock';
import type { MappingFile } from '../../src/config/mapping-types.js';
import type { Connector, PullPage } from '../../src/connector/connector.js';
import { silentLogger } from '../../src/log/logger.js';
import type { ObjectKind } from '../../src/model/records.js';
import { createSalesforceConnector } from '../../connectors/salesforce/index.js';
import { startSalesforceEmulator, type SalesforceEmulator } from '../emulators/salesforce/index.js';
import { NOW, setupFields, shippedMapping } from './read-helpers.js';

async function collect<K extends ObjectKind>(connector: Connector, kind: K, since: string | null): Promise<PullPage<K>[]> {
  const pages: PullPage<K>[] = [];
  for await (const page of connector.pull(kind, { since })) pages.push(page);
  return pages;
}

let sf: SalesforceEmulator;
let clock = NOW;
const mapping = shippedMapping();

function connector(map: MappingFile = mapping): Connector {
  return createSalesforceConnector({ mapping: map, settings: { mapping: 'x' }, logger: silentLogger() }, { env: sf.env() });
}

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  sf = await startSalesforceEmulator({ seed: 11, clock: () => clock, pageSize: 7, org: { datagen: { accounts: 12, contactsPerAccount: 2, activitiesPerContact: 3, now: new Date(NOW) }, customFields: setupFields(mapping) } });
});
afterAll(async () => {
  await sf.stop();
  nock.enableNetConnect();
});

describe('pull from the emulator', () => {
  it('reads every account over several pages, in (SystemModstamp, Id) order, each page a safe watermark', async () => {
    const pages = await collect(connector(), 'account', null);
    const records = pages.flatMap((p) => p.records);
    expect(records).toHaveLength(sf.org.count('Account'));
    expect(pages.filter((p) => p.records.length > 0).length).toBeGreaterThan(1);
    const keys = records.map((r) => `${r.modifiedAt}|${r.id}`);
    expect([...keys].sort()).toEqual(keys);
    for (const page of pages.filter((p) => p.records.length > 0)) expect(page.watermark).toBe(page.records.at(-1)?.modifiedAt);
    expect(pages.flatMap((p) => p.rejects)).toEqual([]);
    expect(records[0]).toMatchObject({ source: 'salesforce', name: expect.any(String) });
  });

  it('an incremental pull brings the changed record and the deleted one as deletedIds', async () => {
    const conn = connector();
    const first = await collect(conn, 'account', null);
    const watermark = first.flatMap((p) => p.records).at(-1)?.modifiedAt ?? '';
    const [changed, deleted] = sf.org.list('Account').map((a) => String(a.Id));
    clock += 60_000;
    sf.org.update('Account', changed ?? '', { Industry: 'Biotechnology' });
    sf.org.delete('Account', deleted ?? '');
    const pages = await collect(conn, 'account', watermark);
    const records = pages.flatMap((p) => p.records);
    expect(records.map((r) => r.id)).toContain(changed);
    expect(records.find((r) => r.id === changed)?.industry).toBe('Biotechnology');
    expect(records.map((r) => r.id)).not.toContain(deleted);
    expect(pages.flatMap((p) => p.deletedIds ?? [])).toEqual([deleted]);
  });

  it('records changed while a pull is paging are neither skipped nor duplicated: the next pull brings them', async () => {
    const conn = connector();
    const seen = new Map<string, string | null>();
    let pages = 0;
    let edited: string[] = [];
    let watermark = '';
    for await (const page of conn.pull('account', { since: null })) {
      for (const r of page.records) {
        expect(seen.has(r.id)).toBe(false);
        seen.set(r.id, r.industry);
      }
      if (page.watermark !== null) watermark = page.watermark;
      // A deletions-only page (recycle-bin ids, read before the records) is not a page of records.
      if (page.records.length > 0) pages += 1;
      if (pages === 1 && page.records.length > 0) {
        // One record already delivered, one still to come: both change now, mid-pull.
        const delivered = page.records[0]?.id ?? '';
        const ahead = sf.org.list('Account').map((a) => String(a.Id)).find((id) => !seen.has(id)) ?? '';
        clock += 60_000;
        for (const id of [delivered, ahead]) sf.org.update('Account', id, { Industry: 'Mid-pull Edit' });
        edited = [delivered, ahead];
      }
    }
    const next = await collect(conn, 'account', new Date(Date.parse(watermark) - 10 * 60_000).toISOString());
    for (const r of next.flatMap((p) => p.records)) seen.set(r.id, r.industry);
    for (const id of edited) expect(seen.get(id)).toBe('Mid-pull Edit');
    expect(seen.size).toBe(sf.org.count('Account'));
  });

  it('activities come from Tasks, Events and responded CampaignMembers with mapped types, one watermark at the end', async () => {
    const pages = await collect(connector(), 'activity', null);
    const records = pages.flatMap((p) => p.records);
    const responded = sf.org.list('CampaignMember').filter((m) => m.HasResponded === true).length;
    expect(records).toHaveLength(sf.org.count('Task') + sf.org.count('Event') + responded);
    expect(pages.slice(0, -1).every((p) => p.watermark === null)).toBe(true);
    expect(pages.at(-1)?.watermark).toBe(records.map((r) => r.modifiedAt).sort().at(-1));
    const types = new Set(records.map((r) => r.type));
    expect(types).toEqual(expect.objectContaining({ size: expect.any(Number) }));
    for (const t of ['email_open', 'call', 'meeting']) expect(types.has(t as never)).toBe(true);
    expect(records.every((r) => r.contactId !== null || r.leadId !== null || r.accountId !== null)).toBe(true);
  });

  it('opportunities carry their contact roles as contactIds', async () => {
    const records = (await collect(connector(), 'opportunity', null)).flatMap((p) => p.records);
    expect(records).toHaveLength(sf.org.count('Opportunity'));
    const roles = sf.org.list('OpportunityContactRole');
    const withRoles = records.find((o) => roles.some((r) => r.OpportunityId === o.id));
    expect(withRoles?.contactIds.sort()).toEqual(roles.filter((r) => r.OpportunityId === withRoles?.id).map((r) => String(r.ContactId)).sort());
  });

  it('a contact role added later brings its opportunity back in the next incremental pull', async () => {
    const conn = connector();
    const first = (await collect(conn, 'opportunity', null)).flatMap((p) => p.records);
    const watermark = first.map((o) => o.modifiedAt).sort().at(-1) ?? '';
    const opportunity = first[0]!;
    const contact = sf.org.list('Contact').find((c) => !opportunity.contactIds.includes(String(c.Id)))!;
    clock += 60_000;
    sf.org.insert('OpportunityContactRole', { OpportunityId: opportunity.id, ContactId: contact.Id, Role: 'Evaluator' });
    const pages = await collect(conn, 'opportunity', watermark);
    const again = pages.flatMap((p) => p.records).find((o) => o.id === opportunity.id);
    expect(again?.contactIds).toContain(String(contact.Id));
    expect(again?.modifiedAt).toBe(opportunity.modifiedAt);
    expect(pages.find((p) => p.records.some((o) => o.id === opportunity.id))?.watermark).toBeNull();
    // Until the re-read opportunities are stored no page moves the watermark (a failure in between would lose the
    // role change); the last page carries the newest stamp of the pull.
    expect(pages.slice(0, -1).every((p) => p.watermark === null)).toBe(true);
    expect(pages.at(-1)).toMatchObject({ records: [], watermark: pages.flatMap((p) => p.records).map((o) => o.modifiedAt).sort().at(-1) ?? null });
  });

  it('a full pull reads unconverted Leads only', async () => {
    const records = (await collect(connector(), 'lead', null)).flatMap((p) => p.records);
    const unconverted = sf.org.list('Lead').filter((l) => l.IsConverted !== true);
    expect(records.map((r) => r.id).sort()).toEqual(unconverted.map((l) => String(l.Id)).sort());
    expect(records.every((r) => !r.isConverted)).toBe(true);
  });
});

describe('validateMapping from describe', () => {
  it('the shipped mapping matches an org where setup has run', async () => {
    const c = connector();
    await c.check();
    expect(await c.validateMapping()).toEqual([]);
    expect(c.usage()).toMatchObject({ limit: 15_000, remaining: expect.any(Number) });
    expect(c.usage().calls).toBeGreaterThan(2);
  });

  it('names a missing input field, a missing output field and a read-only one, each with a fix', async () => {
    const broken = structuredClone(mapping);
    broken.objects.account!.fields.industry = { field: 'Sector__c', transform: 'string' };
    broken.objects.account!.outputs.fitScore = { field: 'ScoreSync_Missing__c', type: 'number', policy: 'overwrite' };
    broken.objects.contact!.outputs.personaName = { field: 'Name', type: 'string', policy: 'overwrite' };
    const issues = await connector(broken).validateMapping();
    expect(issues).toEqual([
      expect.objectContaining({ object: 'Account', field: 'Sector__c', role: 'input', fix: expect.stringMatching(/read access/) }),
      expect.objectContaining({ object: 'Account', field: 'ScoreSync_Missing__c', role: 'output', fix: expect.stringMatching(/scoresync setup/) }),
      expect.objectContaining({ object: 'Contact', field: 'Name', role: 'output', problem: expect.stringMatching(/read-only/) }),
    ]);
  });
});
