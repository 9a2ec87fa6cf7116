/**
 * Writes that failed for good wait until something that could fix them changes. Field updates are then re-planned
 * from scratch (the store still holds the CRM's old values, so the next plan includes them, with current values and
 * the current mapping) rather than re-sent as they were; tasks are replayed as planned, since the event that planned
 * them will not happen again.
 */
import { contentHash } from '../store/common/canonical-json.js';
import { fieldsKey, leadFieldsKey } from '../store/common/outbox-keys.js';
import type { EngineDeps } from './engine-deps.js';

/**
 * The mapping changed since the last run (a renamed CRM field, a fixed output): every failed write gets another chance.
 * Returns true when it changed, and every account must then be rescored.
 */
export async function replayAfterMappingChange(deps: Pick<EngineDeps, 'store' | 'connector' | 'mapping' | 'logger'>): Promise<{ changed: boolean; replayed: number }> {
  const source = deps.connector.name;
  const hash = contentHash(deps.mapping);
  const last = await deps.store.getWatermark(source, 'mapping');
  if (last === hash) return { changed: false, replayed: 0 };
  let replayed = 0;
  if (last !== null) {
    replayed = (await deps.store.forgetFailedFieldWrites(source, 'all')) + (await deps.store.replayOutbox(source, { type: 'task' }));
    if (replayed > 0) deps.logger.info('the mapping changed: failed writes are planned and sent again', { replayed });
  }
  await deps.store.setWatermark(source, 'mapping', hash);
  return { changed: last !== null, replayed };
}

/** Records changed in the CRM (pulled this run): their accounts' and leads' failed writes are re-planned or replayed. */
export async function replayForChangedRecords(
  deps: Pick<EngineDeps, 'store' | 'connector' | 'logger'>,
  accountIds: ReadonlySet<string>,
  leadIds: ReadonlySet<string> = new Set(),
): Promise<number> {
  if (accountIds.size === 0 && leadIds.size === 0) return 0;
  const source = deps.connector.name;
  const ids = [...accountIds];
  const fieldKeys = [...ids.map(fieldsKey), ...[...leadIds].map(leadFieldsKey)];
  const replayed = (await deps.store.forgetFailedFieldWrites(source, fieldKeys)) + (await deps.store.replayOutbox(source, { type: 'task', accountIds: ids }));
  if (replayed > 0) deps.logger.info('records changed: their failed writes are planned and sent again', { replayed });
  return replayed;
}
