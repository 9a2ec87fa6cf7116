/**
 * Regenerates the bundled example CRM: examples/crm/{accounts,contacts,leads,opportunities,activities}.csv and
 * examples/intent.csv (seed 42, anchor 2026-11-20T12:00:00Z; see examples/README.md).
 *
 *   npm run build && node dist/examples/generate.js [examples folder]
 *
 * The default folder is the package's own examples/, whether this runs from the sources or from dist/.
 */
import { join, resolve } from 'node:path';
import { writeExampleSample } from '../bench/datagen/example-sample.js';
import { packageRoot } from '../src/cli/package-root.js';

const target = process.argv[2] === undefined ? join(packageRoot(), 'examples') : resolve(process.argv[2]);
const counts = writeExampleSample(target);
process.stdout.write(
  `Wrote ${target}: ${counts.accounts} accounts, ${counts.contacts} contacts, ${counts.leads} leads, ${counts.opportunities} opportunities, ` +
    `${counts.activities} activities, ${counts.intent} intent rows.\n`,
);
