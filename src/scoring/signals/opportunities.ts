/** What the opportunities say as of `now`: open pipeline, its amount and stage, and won deals. */
import type { Opportunity } from '../../model/records.js';

export interface OpportunitySummary {
  openCount: number;
  openAmount: number;
  openStage: string | null;
  wonCount: number;
}

/** An opportunity created after `now` does not exist yet; a won one counts from its close date (or creation). */
export function summarizeOpportunities(opportunities: readonly Opportunity[], nowMs: number): OpportunitySummary {
  const summary: OpportunitySummary = { openCount: 0, openAmount: 0, openStage: null, wonCount: 0 };
  let latestOpenMs = -Infinity;
  for (const opp of opportunities) {
    const createdMs = Date.parse(opp.createdAt);
    if (!(createdMs <= nowMs)) continue;
    if (!opp.isClosed) {
      summary.openCount++;
      if (opp.amount !== null && opp.amount > 0) summary.openAmount += opp.amount;
      if (createdMs > latestOpenMs) {
        latestOpenMs = createdMs;
        summary.openStage = opp.stage;
      }
    } else if (opp.isWon && wonBy(opp, createdMs, nowMs)) {
      summary.wonCount++;
    }
  }
  return summary;
}

export function wonBy(opp: Opportunity, createdMs: number, nowMs: number): boolean {
  const closeMs = opp.closeDate ? Date.parse(opp.closeDate) : createdMs;
  return opp.isWon && (Number.isNaN(closeMs) ? createdMs : closeMs) <= nowMs;
}
