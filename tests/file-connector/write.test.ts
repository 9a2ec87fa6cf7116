import { chmodSync, chownSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FieldUpdate } from '../../src/model/sync.js';
import type { TaskDraft } from '../../src/model/tasks.js';
import { nodeFileOps } from '../../connectors/file/atomic-write.js';
import { dataFolder, fileConnector, pullAll, type DataFolder } from './helpers.js';

let folder: DataFolder;
beforeEach(() => {
  folder = dataFolder();
});
afterEach(() => folder.remove());

const read = (name: string): string => readFileSync(path.join(folder.dir, name), 'utf8');

const ACCOUNTS = [
  'id,name,website,modified_at,fit_score,notes',
  'A1,"Acme, Inc.",acme.com,2025-01-01,10,"keep ""this"""',
  'A2,Beta,beta.io,2025-01-02,,"two',
  'lines"',
  '',
].join('\n');

function update(recordId: string, changes: [string, string, string | null][]): FieldUpdate {
  return { kind: 'account', recordId, priority: 1, changes: changes.map(([output, crmField, newValue]) => ({ output, crmField, oldValue: null, newValue })) };
}

function task(key: string, subject = 'Call Acme'): TaskDraft {
  return { key, rule: 'became-qualified', accountId: 'A1', contactId: null, ownerId: 'U1', subject, body: 'Fit 82, stage Decision', dueDate: '2025-06-04', priority: 'High' };
}

describe('file connector writeFields', () => {
  it('changes only the named cells, appends a missing output column and keeps everything else', async () => {
    folder.write('accounts.csv', ACCOUNTS);
    const connector = fileConnector(folder.dir);
    const outcomes = await connector.writeFields('account', [
      update('A2', [
        ['fitScore', 'fit_score', '71'],
        ['tier', 'tier', 'Tier 1'],
      ]),
      update('A1', [['fitScore', 'fit_score', null]]),
    ]);
    expect(outcomes).toEqual([
      { recordId: 'A2', ok: true },
      { recordId: 'A1', ok: true },
    ]);
    expect(read('accounts.csv')).toBe(
      ['id,name,website,modified_at,fit_score,notes,tier', 'A1,"Acme, Inc.",acme.com,2025-01-01,,"keep ""this""",', 'A2,Beta,beta.io,2025-01-02,71,"two\nlines",Tier 1', ''].join('\n'),
    );
    expect(folder.files()).toEqual(['accounts.csv']);
  });

  it('reports unknown ids as NOT_FOUND record errors and still writes the known ones', async () => {
    folder.write('accounts.csv', ACCOUNTS);
    const outcomes = await fileConnector(folder.dir).writeFields('account', [update('NOPE', [['fitScore', 'fit_score', '1']]), update('A1', [['fitScore', 'fit_score', '2']])]);
    expect(outcomes).toEqual([
      { recordId: 'NOPE', ok: false, error: { class: 'record', code: 'NOT_FOUND', message: 'no record with id "NOPE" in accounts.csv' } },
      { recordId: 'A1', ok: true },
    ]);
    expect(read('accounts.csv')).toContain('A1,"Acme, Inc.",acme.com,2025-01-01,2,');
  });

  it('keeps the BOM, CRLF line endings and malformed rows of the original file', async () => {
    folder.write('accounts.csv', '\uFEFFid,name,fit_score\r\nA1,Acme,\r\nBROKEN,row,with,extra\r\n');
    await fileConnector(folder.dir).writeFields('account', [update('A1', [['fitScore', 'fit_score', '50']])]);
    expect(read('accounts.csv')).toBe('\uFEFFid,name,fit_score\r\nA1,Acme,50\r\nBROKEN,row,with,extra\r\n');
  });

  it('writes JSON files too, adding the new key to every object', async () => {
    folder.write('accounts.json', JSON.stringify([{ id: 'A1', name: 'Acme', employees: 10 }, { id: 'A2', name: 'Beta' }]));
    await fileConnector(folder.dir).writeFields('account', [update('A2', [['fitScore', 'fit_score', '33']])]);
    expect(JSON.parse(read('accounts.json'))).toEqual([
      { id: 'A1', name: 'Acme', employees: 10, fit_score: null },
      { id: 'A2', name: 'Beta', fit_score: '33' },
    ]);
  });

  it('leaves the original intact and no temp file behind when the write dies before the rename', async () => {
    folder.write('accounts.csv', ACCOUNTS);
    const connector = fileConnector(folder.dir, {
      fileOps: {
        // Half the new content reaches the temp file, then the "process dies".
        writeAndSync: async (tempPath, data) => {
          await nodeFileOps.writeAndSync(tempPath, data.slice(0, data.length / 2));
          throw new Error('simulated crash while writing');
        },
      },
    });
    await expect(connector.writeFields('account', [update('A1', [['fitScore', 'fit_score', '99']])])).rejects.toMatchObject({
      info: { class: 'retryable', code: 'WRITE_FAILED' },
      message: expect.stringContaining('simulated crash while writing') as unknown,
    });
    expect(read('accounts.csv')).toBe(ACCOUNTS);
    expect(folder.files()).toEqual(['accounts.csv']);
  });

  it('leaves the original intact when the rename never happens', async () => {
    folder.write('accounts.csv', ACCOUNTS);
    const connector = fileConnector(folder.dir, { fileOps: { rename: () => Promise.reject(new Error('killed before rename')) } });
    await expect(connector.writeFields('account', [update('A1', [['fitScore', 'fit_score', '99']])])).rejects.toThrow('killed before rename');
    expect(read('accounts.csv')).toBe(ACCOUNTS);
    expect(folder.files()).toEqual(['accounts.csv']);
  });

  it('keeps the owner and the mode of the file it replaces', async () => {
    folder.write('accounts.csv', ACCOUNTS);
    const file = path.join(folder.dir, 'accounts.csv');
    chmodSync(file, 0o640);
    // Tests run as root, which may give the file to anyone; the replacement must keep that owner.
    chownSync(file, 4321, 8765);
    await fileConnector(folder.dir).writeFields('account', [update('A1', [['fitScore', 'fit_score', '42']])]);
    expect(read('accounts.csv')).toContain('A1,"Acme, Inc.",acme.com,2025-01-01,42,');
    const after = statSync(file);
    expect({ mode: after.mode & 0o7777, uid: after.uid, gid: after.gid }).toEqual({ mode: 0o640, uid: 4321, gid: 8765 });
  });

  it('removes the temp files a killed run left before a run starts, and nothing else', async () => {
    folder.write('accounts.csv', ACCOUNTS);
    const ours = ['.accounts.csv.3f2b8c1e-7a4d-4c1b-9e2f-0a1b2c3d4e5f.tmp', '.tasks.csv.00000000-1111-4222-8333-444444444444.tmp'];
    const theirs = ['.accounts.csv.backup.tmp', 'accounts.csv.3f2b8c1e-7a4d-4c1b-9e2f-0a1b2c3d4e5f.tmp', '.notes.txt', 'accounts.csv.bak'];
    for (const name of [...ours, ...theirs]) writeFileSync(path.join(folder.dir, name), 'partial');
    await fileConnector(folder.dir).prepareRun?.();
    expect(folder.files()).toEqual(['accounts.csv', ...theirs].sort());
  });

  it('round-trips: values written are read back as the current CRM values', async () => {
    folder.write('accounts.csv', ACCOUNTS);
    const connector = fileConnector(folder.dir);
    await connector.writeFields('account', [update('A1', [['buyingStage', 'buying_stage', 'Decision']])]);
    const [page] = await pullAll(connector, 'account');
    expect(page?.records.find((r) => r.id === 'A1')?.crmValues).toMatchObject({ buyingStage: 'Decision', fitScore: '10' });
  });
});

describe('file connector createTasks', () => {
  it('creates tasks.csv with the task columns and is idempotent by key', async () => {
    const connector = fileConnector(folder.dir);
    const first = await connector.createTasks([task('k1'), task('k2', 'Email "Beta", today')]);
    expect(first).toEqual([
      { key: 'k1', ok: true, crmId: 'k1' },
      { key: 'k2', ok: true, crmId: 'k2' },
    ]);
    const second = await connector.createTasks([task('k2'), task('k3'), task('k3')]);
    expect(second).toEqual([
      { key: 'k2', ok: true, crmId: 'k2', alreadyExisted: true },
      { key: 'k3', ok: true, crmId: 'k3' },
      { key: 'k3', ok: true, crmId: 'k3', alreadyExisted: true },
    ]);
    const lines = read('tasks.csv').trimEnd().split('\n');
    expect(lines[0]).toBe('sync_key,rule,account_id,contact_id,lead_id,owner_id,subject,body,due_date,priority,status,created_at');
    expect(lines.slice(1)).toEqual([
      'k1,became-qualified,A1,,,U1,Call Acme,"Fit 82, stage Decision",2025-06-04,High,Open,2025-06-01T12:00:00.000Z',
      'k2,became-qualified,A1,,,U1,"Email ""Beta"", today","Fit 82, stage Decision",2025-06-04,High,Open,2025-06-01T12:00:00.000Z',
      'k3,became-qualified,A1,,,U1,Call Acme,"Fit 82, stage Decision",2025-06-04,High,Open,2025-06-01T12:00:00.000Z',
    ]);
    expect(folder.files()).toEqual(['tasks.csv']);
  });

  it('appends to an existing tasks file with its own extra columns and does not rewrite it when nothing is new', async () => {
    folder.write('tasks.csv', 'sync_key,assigned_note\nold-key,keep me\n');
    const connector = fileConnector(folder.dir);
    expect(await connector.createTasks([task('old-key')])).toEqual([{ key: 'old-key', ok: true, crmId: 'old-key', alreadyExisted: true }]);
    expect(read('tasks.csv')).toBe('sync_key,assigned_note\nold-key,keep me\n');
    const callsBefore = connector.usage().calls;
    await connector.createTasks([task('new-key')]);
    expect(connector.usage().calls).toBe(callsBefore + 2);
    const lines = read('tasks.csv').trimEnd().split('\n');
    expect(lines[0]).toBe('sync_key,assigned_note,rule,account_id,contact_id,lead_id,owner_id,subject,body,due_date,priority,status,created_at');
    expect(lines[1]).toBe('old-key,keep me,,,,,,,,,,,');
    expect(lines[2]).toMatch(/^new-key,,became-qualified,A1,/);
  });
});
