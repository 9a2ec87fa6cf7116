/**
 * One measured train + score pass over every account, as the daily "rescore every account" job runs it: matching every
 * lead (when there are leads), `modelsPhase` with `full: true` (a training pass), then `scorePhase` and the unmatched
 * leads' pass as a real (not dry) run, so the whole plan is persisted.
 */
import type { EngineDeps, RunOptions } from '../src/sync/engine-deps.js';
import { leadScorePhase } from '../src/sync/lead-score-phase.js';
import { matchPhase } from '../src/sync/match-phase.js';
import { modelsPhase } from '../src/sync/models-phase.js';
import { scorePhase } from '../src/sync/score-phase.js';
import { cpuSeconds, mb, seconds, startPeakRss } from './measure.js';
import { takeStoreSeconds } from './timed-store.js';
import { timedScoring } from './timed-scoring.js';
import { modelParams } from '../src/scoring/model-params.js';

export const FULL_RESCORE: RunOptions = { full: true, dryRun: false };

/** `spent` is the time table of the timed store inside `deps` (see timed-store.ts). */
export async function measureScorePass(deps: EngineDeps, spent: Map<string, number>): Promise<Record<string, unknown>> {
  spent.clear();
  const stopPeak = startPeakRss();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const ids = await deps.store.listAccountIds(deps.connector.name);
  const matched = await matchPhase(deps, { changedAccountIds: new Set(), changedLeadIds: new Set(), all: true });
  const tMatch = performance.now();
  const cpuMatch = process.cpuUsage();
  const timed = timedScoring(deps.scoring);
  const { models } = await modelsPhase({ ...deps, scoring: timed.api }, FULL_RESCORE);
  const t1 = performance.now();
  const { countDone, finishStart, finishEnd } = timed.times;
  const cpu1 = process.cpuUsage();
  const result = await scorePhase(deps, FULL_RESCORE, 'bench', ids, models);
  const tAccounts = performance.now();
  const alone = await leadScorePhase(deps, FULL_RESCORE, 'bench', 'all', models);
  const t2 = performance.now();
  const cpu2 = process.cpuUsage();
  const peak = stopPeak();
  const leads =
    matched.matched === 0
      ? {}
      : {
          leads: matched.matched,
          matchSeconds: seconds(tMatch - t0),
          matchCpuSeconds: cpuSeconds(cpu0, cpuMatch),
          matchedLeadsScored: result.scoredLeads,
          unmatchedLeadsScored: alone.scoredLeads,
          unmatchedLeadsSeconds: seconds(t2 - tAccounts),
        };
  return {
    seconds: seconds(t2 - t0),
    accounts: result.scoredAccounts,
    contacts: result.scoredContacts,
    ...leads,
    fitMode: models.fitMode,
    fitModeReason: models.fitModeReason,
    priority: modelParams(models).priority?.reason ?? null,
    trainSeconds: seconds(t1 - tMatch),
    // The models phase split up: the first pass over every account, the priority replay of the sample (0 when history
    // is too thin for it), and finish(): the fit model choice (validation + bootstrap) and the priority fit.
    trainFirstPassSeconds: countDone === null ? null : seconds(countDone - tMatch),
    trainReplaySeconds: countDone === null || finishStart === null ? null : seconds(finishStart - countDone),
    trainFinishSeconds: finishStart === null || finishEnd === null ? null : seconds(finishEnd - finishStart),
    scoreAndPlanSeconds: seconds(t2 - t1),
    // CPU time (user + system) next to wall time: on a shared machine wall time also counts waiting for a core.
    trainCpuSeconds: cpuSeconds(cpuMatch, cpu1),
    scoreAndPlanCpuSeconds: cpuSeconds(cpu1, cpu2),
    accountsPerSecond: Math.round(result.scoredAccounts / ((tAccounts - t1) / 1000)),
    fieldsChanged: result.fieldsChanged + alone.fieldsChanged,
    tasksPlanned: result.tasksPlanned + alone.tasksPlanned,
    peakRss: mb(peak),
    storeSeconds: takeStoreSeconds(spent),
  };
}
