import type { EngineDeps } from './engine-deps.js';

/**
 * Stop before the quota is spent, not after: keep `reservePercent` of the CRM's reported remaining budget for
 * people and other integrations, and honour a per-run cap.
 */
export function budgetExhausted(deps: Pick<EngineDeps, 'connector' | 'settings'>, callsAtStart: number): boolean {
  const usage = deps.connector.usage();
  const { maxCallsPerRun, reservePercent } = deps.settings;
  if (maxCallsPerRun !== null && usage.calls - callsAtStart >= maxCallsPerRun) return true;
  if (usage.limit !== null && usage.remaining !== null && usage.limit > 0) {
    return usage.remaining <= (usage.limit * reservePercent) / 100;
  }
  return false;
}
