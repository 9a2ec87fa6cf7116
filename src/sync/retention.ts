/**
 * Retention, run after each full rescore (once a day by default): the record of done writes and the score history
 * would otherwise grow with every pass (≈ 100k rows a day for 100k accounts). Pending and failed writes, the latest
 * score of every account and the stage history are never pruned.
 */
import type { EngineDeps } from './engine-deps.js';
import { DAY_MS } from '../scoring/time.js';


/** Never fails the run: the writes it follows are done, and the next full rescore prunes what this one could not. */
export async function pruneHistory(deps: Pick<EngineDeps, 'store' | 'settings' | 'logger' | 'now'>): Promise<void> {
  const now = deps.now().getTime();
  const before = (days: number): string => new Date(now - days * DAY_MS).toISOString();
  try {
    const removed = await deps.store.pruneHistory(before(deps.settings.keepWrittenDays), before(deps.settings.keepScoreHistoryDays));
    if (removed.writes > 0 || removed.scorePoints > 0) {
      deps.logger.info('pruned history', { doneWrites: removed.writes, scorePoints: removed.scorePoints });
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    deps.logger.warn('could not prune old history; the next full rescore tries again', { error: message });
  }
}
