/**
 * Pull: read each object incrementally from its watermark (minus an overlap window, deduped by id in the store),
 * store the records, and only then move the watermark. Returns the accounts whose data changed.
 */
import { OBJECT_KINDS, type ObjectKind } from '../model/records.js';
import { quotaRefusal } from './budget.js';
import type { EngineDeps, RejectReport, RunOptions } from './engine-deps.js';
import { fault } from './faults.js';

export interface PullResult {
  pulled: number;
  affectedAccountIds: Set<string>;
  /** Leads whose record or activities changed (an unmatched one is scored on its own). */
  affectedLeadIds: Set<string>;
  /** Accounts and leads whose own record changed: the lead matcher looks at these. */
  changedAccountIds: Set<string>;
  changedLeadIds: Set<string>;
  rejects: RejectReport[];
  /**
   * Set when the CRM refused a call because its daily API requests are used up: the pull stopped there. Pages stored
   * before it keep their watermarks; the kind it was reading and the kinds after it are read by the next run.
   */
  stoppedForQuota: { kind: ObjectKind; reason: string } | null;
}

export const PLURAL: Record<ObjectKind, string> = { account: 'accounts', contact: 'contacts', lead: 'leads', opportunity: 'opportunities', activity: 'activities' };

function sinceWithOverlap(watermark: string | null, overlapMinutes: number): string | null {
  if (watermark === null) return null;
  return new Date(Date.parse(watermark) - overlapMinutes * 60_000).toISOString();
}

export async function pullPhase(deps: EngineDeps, options: RunOptions): Promise<PullResult> {
  const { logger } = deps;
  const result: PullResult = {
    pulled: 0,
    affectedAccountIds: new Set(),
    affectedLeadIds: new Set(),
    changedAccountIds: new Set(),
    changedLeadIds: new Set(),
    rejects: [],
    stoppedForQuota: null,
  };
  for (const kind of OBJECT_KINDS) {
    if (!deps.mapping.objects[kind]) continue;
    try {
      await pullKind(deps, kind, options, result);
    } catch (error) {
      const reason = quotaRefusal(error);
      if (reason === null) throw error;
      deps.progress.finish();
      result.stoppedForQuota = { kind, reason };
      logger.warn('pull stopped: the CRM refused a call because its daily API requests are used up', { kind, pulled: result.pulled, reason });
      break;
    }
  }
  logger.info('pull finished', { pulled: result.pulled, affectedAccounts: result.affectedAccountIds.size, rejected: result.rejects.length });
  return result;
}

async function pullKind(deps: EngineDeps, kind: ObjectKind, options: RunOptions, result: PullResult): Promise<void> {
  const { store, connector } = deps;
  const watermark = options.full ? null : await store.getWatermark(connector.name, kind);
  const since = sinceWithOverlap(watermark, deps.settings.overlapMinutes);
  deps.progress.start(`pull ${PLURAL[kind]}`, null);
  for await (const page of connector.pull(kind, { since, watermark })) {
    const changed = await store.upsertRecords(connector.name, kind, page.records);
    if (changed.length > 0) {
      for (const id of await store.affectedAccountIds(connector.name, kind, changed)) result.affectedAccountIds.add(id);
      // Only a mapping with leads has lead activities: others skip the look-up on every activity page.
      if (kind === 'lead' || (kind === 'activity' && deps.mapping.objects.lead !== undefined)) {
        for (const id of await store.affectedLeadIds(connector.name, kind, changed)) result.affectedLeadIds.add(id);
      }
      const own = kind === 'account' ? result.changedAccountIds : kind === 'lead' ? result.changedLeadIds : null;
      if (own) for (const id of changed) own.add(id);
    }
    if (page.deletedIds !== undefined && page.deletedIds.length > 0) await removeDeleted(deps, kind, page.deletedIds, result);
    // The watermark moves only after the page is stored, and never backwards (an overlap re-read must not rewind it).
    if (page.watermark !== null && (watermark === null || page.watermark > watermark)) {
      await store.setWatermark(connector.name, kind, page.watermark);
    }
    result.pulled += page.records.length;
    for (const reject of page.rejects) result.rejects.push({ ...reject, kind });
    deps.progress.tick(page.records.length + page.rejects.length);
    fault(deps.faults, 'afterPullPage');
  }
  deps.progress.finish();
}

/**
 * Records deleted in the CRM leave the store. The accounts they belonged to are rescored first (a deleted contact or
 * activity changes its account's scores); a deleted account or lead itself is simply no longer there to score.
 */
async function removeDeleted(deps: EngineDeps, kind: ObjectKind, ids: string[], result: PullResult): Promise<void> {
  const { store, connector } = deps;
  const affected = kind === 'account' ? [] : await store.affectedAccountIds(connector.name, kind, ids);
  const leads = kind === 'activity' && deps.mapping.objects.lead !== undefined ? await store.affectedLeadIds(connector.name, kind, ids) : [];
  const removed = await store.deleteRecords(connector.name, kind, ids);
  for (const id of affected) result.affectedAccountIds.add(id);
  for (const id of leads) result.affectedLeadIds.add(id);
  if (kind === 'account' || kind === 'lead') {
    const own = kind === 'account' ? result.affectedAccountIds : result.affectedLeadIds;
    for (const id of ids) own.delete(id);
  }
  if (removed > 0) deps.logger.info(`removed ${removed} ${PLURAL[kind]} deleted in the CRM`, { kind, removed });
}
