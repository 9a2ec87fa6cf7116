/**
 * The bundled example CRM (examples/crm and examples/intent.csv): fixed seed, fixed anchor date, fixed size, so
 * regenerating gives byte-identical files. The demo shifts its dates to "today" at run time (src/cli/shift-dates.ts).
 */
import { EXAMPLE_ANCHOR_ISO } from '../../src/model/example-anchor.js';
import { join } from 'node:path';
import { writeCrmCsvFolder, type CsvQuirks, type CsvRowCounts } from './csv-folder.js';
import { generateAccounts } from './generate.js';
import type { DatagenInput } from './options.js';

/** Defined once in src/model/example-anchor.ts: the demo shifts dates by the days since this instant. */
export { EXAMPLE_ANCHOR_ISO };

export const EXAMPLE_OPTIONS: DatagenInput = {
  seed: 42,
  accounts: 300,
  contactsPerAccount: 5,
  activitiesPerContact: 8,
  leadsPerAccount: 0.25,
  historyMonths: 24,
  now: new Date(EXAMPLE_ANCHOR_ISO),
  source: 'file',
};

export const EXAMPLE_QUIRKS: CsvQuirks = { seed: 42, usDateShare: 0.05, commaNameIndex: 7 };

/** Writes `<examplesDir>/crm/*.csv` and `<examplesDir>/intent.csv`. */
export function writeExampleSample(examplesDir: string): CsvRowCounts {
  return writeCrmCsvFolder(
    generateAccounts(EXAMPLE_OPTIONS),
    { crmDir: join(examplesDir, 'crm'), intentFile: join(examplesDir, 'intent.csv') },
    EXAMPLE_QUIRKS,
  );
}
