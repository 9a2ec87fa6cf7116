/**
 * Contacts and opportunities whose account is not there (missing from the accounts file, or never synced) belong to no
 * account, so they are never scored: counted and named in every run instead of being skipped without a word.
 */
import type { RunRecord } from '../model/sync.js';
import type { EngineDeps } from './engine-deps.js';

const EXAMPLES = 3;

export async function reportOrphans(deps: Pick<EngineDeps, 'store' | 'connector' | 'logger'>, run: RunRecord): Promise<void> {
  const report = await deps.store.orphanRecords(deps.connector.name, EXAMPLES);
  run.counts.orphanContacts = report.contacts;
  run.counts.orphanOpportunities = report.opportunities;
  if (report.contacts + report.opportunities === 0) return;
  const examples = report.examples.map((e) => `${e.kind} ${e.id} → ${e.accountId === null ? 'no account id' : `account ${e.accountId}`}`).join(', ');
  const text =
    `${report.contacts} contact(s) and ${report.opportunities} opportunit${report.opportunities === 1 ? 'y' : 'ies'} name an account that is not in the CRM data, ` +
    `so they are not scored (e.g. ${examples}). Fix: add the missing accounts, or correct the account ids on these records.`;
  run.warnings?.push(text);
  deps.logger.warn('records without their account are not scored', { contacts: report.contacts, opportunities: report.opportunities, examples });
}
