/** Public surface of the seeded CRM data generator (bench/datagen). */
export { generateAccount, generateAccounts, type GeneratedAccount, type PlantedTruth } from './generate.js';
export { DATAGEN_DEFAULTS, DatagenOptionsError, resolveOptions, type DatagenInput, type DatagenOptions } from './options.js';
export { expectedOpportunities, latentFit, plantedLogOdds, PLANTED_WIN_MODEL } from './planted-fit.js';
export { JOURNEYS, type Journey } from './journey.js';
export { INTENT_TOPICS } from './activity-mix.js';
export { INDUSTRIES, COUNTRIES, TECHNOLOGIES, OWNER_IDS } from './firmographics.js';
export { TITLES, SENIORITIES } from './people.js';
export { generateLeads, leadId, type GeneratedLead, type LeadPlant } from './leads.js';
export { Rng, deriveSeed } from './random.js';
export { writeCrmCsvFolder, NO_QUIRKS, type CsvQuirks, type CsvRowCounts, type CsvTargets } from './csv-folder.js';
export { ACTIVITY_TYPE_LABELS, CSV_COLUMNS, type CsvFile } from './csv-rows.js';
export { EXAMPLE_ANCHOR_ISO, EXAMPLE_OPTIONS, EXAMPLE_QUIRKS, writeExampleSample } from './example-sample.js';
