import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IntentFileError, parseIntentCsv, readIntentFile, summarizeIntentImport } from '../../src/intent/index.js';

const now = new Date('2026-11-20T12:00:00.000Z');

describe('parseIntentCsv', () => {
  it('reads a Bombora-style export with BOM, quotes, blank lines and mixed line endings', () => {
    const text =
      '\ufeff"Domain","Topic Name","Composite Score","Week"\r\n' +
      '\r\n' +
      'https://www.Acme.com/about,"CRM Software",72,2026-11-16\r\n' +
      '"globex.io","Sales, Marketing ""Alignment""",61.5,11/9/2026\n' +
      'initech.com,Data Warehousing,40,\n' +
      ',,,\n';
    const { signals, rejects } = parseIntentCsv(text, 'bombora.csv', { now });
    expect(rejects).toEqual([]);
    expect(signals).toEqual([
      { domain: 'acme.com', topic: 'CRM Software', score: 72, observedAt: '2026-11-16T00:00:00.000Z', source: 'intent-csv' },
      { domain: 'globex.io', topic: 'Sales, Marketing "Alignment"', score: 61.5, observedAt: '2026-11-09T00:00:00.000Z', source: 'intent-csv' },
      { domain: 'initech.com', topic: 'Data Warehousing', score: 40, observedAt: now.toISOString(), source: 'intent-csv' },
    ]);
  });

  it('matches headers case-insensitively and uses now when there is no date column', () => {
    const { signals } = parseIntentCsv('company_domain,TOPIC,score\nacme.com,CRM,90\n', 'a.csv', { now, source: 'bombora' });
    expect(signals).toEqual([{ domain: 'acme.com', topic: 'CRM', score: 90, observedAt: now.toISOString(), source: 'bombora' }]);
  });

  it('prefers Composite Score over a plain Score column', () => {
    const { signals } = parseIntentCsv('Domain,Topic,Score,Composite Score\nacme.com,CRM,10,80\n', 'a.csv', { now });
    expect(signals[0]!.score).toBe(80);
  });

  it('rejects bad rows with the file line and reason and keeps the rest', () => {
    const text = [
      'Domain,Topic,Composite Score,Date',
      'acme.com,CRM,70,2026-11-01',
      'not a domain,CRM,70,2026-11-01',
      ',CRM,70,2026-11-01',
      'b.com,,70,2026-11-01',
      'c.com,CRM,101,2026-11-01',
      'd.com,CRM,high,2026-11-01',
      'e.com,CRM,-1,2026-11-01',
      'f.com,CRM,50,2026-02-30',
      '"g.com","multi',
      'line topic",55,2026-11-02',
      'h.com,CRM,80%,2026-11-03',
    ].join('\n');
    const { signals, rejects } = parseIntentCsv(text, 'surge.csv', { now });
    expect(signals.map((s) => [s.domain, s.topic, s.score])).toEqual([
      ['acme.com', 'CRM', 70],
      ['g.com', 'multi\nline topic', 55],
      ['h.com', 'CRM', 80],
    ]);
    expect(rejects).toEqual([
      { location: 'surge.csv:3', field: 'domain', reason: '"not a domain" is not a domain (expected e.g. acme.com)' },
      { location: 'surge.csv:4', field: 'domain', reason: 'domain is empty' },
      { location: 'surge.csv:5', field: 'topic', reason: 'topic is empty' },
      { location: 'surge.csv:6', field: 'score', reason: 'score "101" is not a number from 0 to 100' },
      { location: 'surge.csv:7', field: 'score', reason: 'score "high" is not a number from 0 to 100' },
      { location: 'surge.csv:8', field: 'score', reason: 'score "-1" is not a number from 0 to 100' },
      { location: 'surge.csv:9', field: 'date', reason: 'date "2026-02-30" is not a date (expected YYYY-MM-DD or M/D/YYYY)' },
    ]);
  });

  it('names the file and the columns found when a required column is missing', () => {
    expect(() => parseIntentCsv('Company,Topic,Weight\nacme,CRM,5\n', 'vendor.csv', { now })).toThrow(IntentFileError);
    expect(() => parseIntentCsv('Company,Topic,Weight\nacme,CRM,5\n', 'vendor.csv', { now })).toThrow(
      /^vendor\.csv: missing column domain \(e\.g\. domain or companydomain\); score \(e\.g\. compositescore or score\)\. Columns found: "Company", "Topic", "Weight"\./,
    );
  });

  it('reports an empty file and broken quoting with the file name', () => {
    expect(() => parseIntentCsv('\n\n', 'empty.csv', { now })).toThrow(/^empty\.csv: the file is empty/);
    expect(() => parseIntentCsv('Domain,Topic,Score\n"acme.com,CRM,5\n', 'broken.csv', { now })).toThrow(/^broken\.csv:2: a quoted value opens here and is never closed/);
  });

  it('names the line where an unclosed quote opens, not the end of the file', () => {
    const text = 'Domain,Topic,Score\nbeta.com,CRM,5\n"acme.com,CRM,5\ngamma.com,ERP,7\ndelta.com,ERP,9\n';
    expect(() => parseIntentCsv(text, 'broken.csv', { now })).toThrow(/^broken\.csv:3: a quoted value opens here and is never closed/);
  });

  it('returns no signals for a header-only file', () => {
    expect(parseIntentCsv('Domain,Topic,Composite Score\n', 'h.csv', { now })).toEqual({ signals: [], rejects: [] });
  });
});

describe('readIntentFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'intent-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads and parses a file, naming rejects by file name', async () => {
    const path = join(dir, 'week47.csv');
    writeFileSync(path, 'Domain,Topic,Composite Score\nacme.com,CRM,65\nbad,CRM,65\n');
    const result = await readIntentFile(path, { now });
    expect(result.signals).toHaveLength(1);
    expect(result.rejects[0]!.location).toBe('week47.csv:3');
    expect(summarizeIntentImport(result, 'week47.csv')).toBe(
      'week47.csv: 2 intent rows read: 1 imported, 1 rejected\n  week47.csv:3 (domain): "bad" is not a domain (expected e.g. acme.com)',
    );
  });

  it('gives a clear error for a missing file or a folder', async () => {
    await expect(readIntentFile(join(dir, 'nope.csv'), { now })).rejects.toThrow(/cannot read intent file .*nope\.csv: the file does not exist; check the path/);
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    await expect(readIntentFile(folder, { now })).rejects.toThrow(IntentFileError);
  });
});

describe('summarizeIntentImport', () => {
  it('lists only the first rejects', () => {
    const rejects = Array.from({ length: 3 }, (_, i) => ({ location: `f.csv:${i + 2}`, reason: 'bad' }));
    expect(summarizeIntentImport({ signals: [], rejects }, 'f.csv', 2)).toBe('f.csv: 3 intent rows read: 0 imported, 3 rejected\n  f.csv:2: bad\n  f.csv:3: bad\n  … and 1 more rejected rows');
  });
});
