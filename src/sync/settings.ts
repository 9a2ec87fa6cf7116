/** The knobs of a sync run, taken from config/scoresync.yaml (sync + budgets). */
export interface SyncSettings {
  overlapMinutes: number;
  rescoreAllEveryHours: number;
  retrainEveryHours: number;
  /** Tries per run for a write that fails with a retryable error (network, 5xx, locks, a full disk). */
  maxAttempts: number;
  /** A retryable failure is retried in later runs (backing off from 1 min to 1 h) until this long after its first failure. */
  retryForHours: number;
  /** The run lock is a lease of this length, renewed every lockRenewSeconds while the run works. */
  lockLeaseSeconds: number;
  lockRenewSeconds: number;
  scoreBatchSize: number;
  /** Worker threads for the score phase of a real run; 1 (or absent) scores in-process. */
  scoreWorkers?: number;
  /** Retention, applied once per full rescore: done writes and score history points older than this are removed. */
  keepWrittenDays: number;
  keepScoreHistoryDays: number;
  /** Stop writing before the CRM's daily usage passes 100 − this % of its limit. */
  reservePercent: number;
  /** Stop writing before this run has used this % of the CRM's daily limit. */
  runSharePercent: number;
  maxCallsPerRun: number | null;
}

export const DEFAULT_SYNC_SETTINGS: SyncSettings = {
  overlapMinutes: 10,
  rescoreAllEveryHours: 24,
  retrainEveryHours: 24,
  maxAttempts: 5,
  retryForHours: 72,
  lockLeaseSeconds: 30,
  lockRenewSeconds: 10,
  scoreBatchSize: 500,
  scoreWorkers: 2,
  keepWrittenDays: 30,
  keepScoreHistoryDays: 365,
  reservePercent: 20,
  runSharePercent: 25,
  maxCallsPerRun: null,
};
