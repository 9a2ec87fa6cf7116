/**
 * Streams generated accounts into a folder of CSV files the file connector reads (accounts, contacts,
 * opportunities, activities) plus a Bombora-style intent CSV. Rows are written account by account, so data sets
 * far larger than memory can be written.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { usDay } from './dates.js';
import type { GeneratedAccount } from './generate.js';
import { accountRow, activityRow, contactRow, CSV_COLUMNS, intentRow, leadRow, opportunityRow, type CsvFile, type CsvRow, type WebsiteStyle } from './csv-rows.js';
import { deriveSeed, Rng } from './random.js';

export interface CsvTargets {
  /** Folder for accounts.csv, contacts.csv, leads.csv, opportunities.csv and activities.csv (created if missing). */
  crmDir: string;
  /** Path of the intent CSV (columns Domain, Topic, Composite Score, Date). */
  intentFile: string;
}

/** Real-world untidiness the sample shows on purpose, so imports are exercised on what CRM exports look like. */
export interface CsvQuirks {
  /** Seed for choosing which rows get a quirk. */
  seed: number;
  /** Share of accounts whose modified_at is written as US M/D/YYYY instead of ISO. */
  usDateShare: number;
  /** Index of the one account whose name gets a ", Inc." (a comma, so csv-stringify quotes it); null for none. */
  commaNameIndex: number | null;
}

export const NO_QUIRKS: CsvQuirks = { seed: 0, usDateShare: 0, commaNameIndex: null };

export type CsvRowCounts = Record<CsvFile, number>;

const WEBSITE_STYLES: readonly WebsiteStyle[] = ['url', 'url', 'www', 'bare'];

class CsvSink {
  private readonly fd: number;
  rows = 0;

  constructor(
    path: string,
    private readonly columns: readonly string[],
  ) {
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'w');
    writeSync(this.fd, stringify([[...columns]]));
  }

  write(rows: readonly CsvRow[]): void {
    if (rows.length === 0) return;
    writeSync(this.fd, stringify([...rows], { columns: [...this.columns] }));
    this.rows += rows.length;
  }

  close(): void {
    closeSync(this.fd);
  }
}

function applyCommaName(bundle: GeneratedAccount): void {
  const original = bundle.account.name;
  bundle.account.name = `${original}, Inc.`;
  for (const opportunity of bundle.opportunities) {
    if (opportunity.name?.startsWith(original)) opportunity.name = bundle.account.name + opportunity.name.slice(original.length);
  }
}

export function writeCrmCsvFolder(bundles: Iterable<GeneratedAccount>, targets: CsvTargets, quirks: CsvQuirks = NO_QUIRKS): CsvRowCounts {
  const quirkRng = new Rng(deriveSeed(quirks.seed, 0xc5f));
  const sinks: Record<CsvFile, CsvSink> = {
    accounts: new CsvSink(join(targets.crmDir, 'accounts.csv'), CSV_COLUMNS.accounts),
    contacts: new CsvSink(join(targets.crmDir, 'contacts.csv'), CSV_COLUMNS.contacts),
    leads: new CsvSink(join(targets.crmDir, 'leads.csv'), CSV_COLUMNS.leads),
    opportunities: new CsvSink(join(targets.crmDir, 'opportunities.csv'), CSV_COLUMNS.opportunities),
    activities: new CsvSink(join(targets.crmDir, 'activities.csv'), CSV_COLUMNS.activities),
    intent: new CsvSink(targets.intentFile, CSV_COLUMNS.intent),
  };
  try {
    let index = 0;
    for (const bundle of bundles) {
      if (index === quirks.commaNameIndex) applyCommaName(bundle);
      const modifiedAt = quirkRng.chance(quirks.usDateShare) ? usDay(Date.parse(bundle.account.modifiedAt)) : bundle.account.modifiedAt;
      const websiteStyle = WEBSITE_STYLES[index % WEBSITE_STYLES.length] ?? 'url';
      sinks.accounts.write([accountRow(bundle.account, modifiedAt, websiteStyle)]);
      sinks.contacts.write(bundle.contacts.map(contactRow));
      sinks.leads.write([...bundle.leads, ...bundle.otherLeads.map((l) => l.lead)].map(leadRow));
      sinks.opportunities.write(bundle.opportunities.map(opportunityRow));
      sinks.activities.write([...bundle.activities, ...bundle.otherLeads.flatMap((l) => l.activities)].map(activityRow));
      sinks.intent.write(bundle.intent.map(intentRow));
      index += 1;
    }
  } finally {
    for (const sink of Object.values(sinks)) sink.close();
  }
  return {
    accounts: sinks.accounts.rows,
    contacts: sinks.contacts.rows,
    leads: sinks.leads.rows,
    opportunities: sinks.opportunities.rows,
    activities: sinks.activities.rows,
    intent: sinks.intent.rows,
  };
}
