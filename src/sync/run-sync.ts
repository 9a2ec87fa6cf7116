/**
 * One sync run: lock → check the mapping → pull → store → match leads → train/load models → score (accounts with their
 * matched leads, then unmatched leads) → plan → outbox → push → commit the run record. See DESIGN.md "Data flow". Every
 * step is restartable: a run killed anywhere leaves state the next run resumes, and the next run marks it abandoned.
 */
import type { ObjectKind } from '../model/records.js';
import type { RunRecord } from '../model/sync.js';
import type { ScoringModels } from '../scoring/api.js';
import { quotaRefusal } from './budget.js';
import type { EngineDeps, RejectReport, RunOptions } from './engine-deps.js';
import { leadScorePhase } from './lead-score-phase.js';
import { checkMappingAtRunStart } from './mapping-gate.js';
import { matchPhase } from './match-phase.js';
import { modelsPhase, storedModels } from './models-phase.js';
import { reportOrphans } from './orphans.js';
import { emptyPlan, type SyncPlan } from './plan-types.js';
import { PLURAL, pullPhase, type PullResult } from './pull-phase.js';
import { pushPhase } from './push-phase.js';
import { recordPush } from './push-report.js';
import { groupRejects, rejectLine } from './reject-summary.js';
import { replayAfterMappingChange, replayForChangedRecords } from './replay-triggers.js';
import { pruneHistory } from './retention.js';
import { withRunRecord } from './run-record.js';
import { scorePhase } from './score-phase.js';

export interface SyncResult {
  run: RunRecord;
  plan: SyncPlan;
  rejects: RejectReport[];
  fitMode: string;
  fitModeReason: string;
  modelVersion: string;
  /** The models in force for this run (the fit choice and its evidence, the priority model). */
  models: ScoringModels;
  rescoredAll: boolean;
  durationMs: number;
}

export async function runSync(deps: EngineDeps, options: RunOptions): Promise<SyncResult> {
  const spec = { mode: options.dryRun ? ('dry-run' as const) : ('run' as const), ...(options.runId ? { runId: options.runId } : {}), ...(options.lease ? { lease: options.lease } : {}), ...(options.stop ? { stop: options.stop } : {}) };
  return withRunRecord(deps, spec, (scoped, run) => runPhases(scoped, options, run));
}

async function runPhases(deps: EngineDeps, options: RunOptions, run: RunRecord): Promise<SyncResult> {
  const started = Date.parse(run.startedAt);
  const callsAtStart = deps.connector.usage().calls;
  const source = deps.connector.name;
  const warnings = run.warnings ?? (run.warnings = []);
  // Reading describe and housekeeping spend API requests too: a spent allowance here stops the run before it pulls.
  const preflight = await untilQuotaRefusal(async () => {
    await deps.connector.prepareRun?.();
    warnings.push(...(await checkMappingAtRunStart(deps)));
  });
  if (preflight !== null) return stoppedForQuota(deps, run, callsAtStart, null, preflight);
  // Whatever this run pulls, it owes a score. Until it has scored and planned it, the rescore-all mark says "never":
  // a crash at any point, or a dry run, makes the next run rescore every account instead of missing a change
  // whose records are already stored (and so no longer look changed).
  const lastFullRescore = await deps.store.getWatermark(source, 'rescore-all');
  await deps.store.setWatermark(source, 'rescore-all', NEVER);
  const mapping = options.dryRun ? { changed: false, replayed: 0 } : await replayAfterMappingChange(deps);
  if (mapping.changed) {
    warnings.push(`the mapping changed since the last run: every account is rescored${mapping.replayed > 0 ? ` and ${mapping.replayed} failed write(s) get another chance` : ''}`);
  }
  const pulled = await pullPhase(deps, options);
  run.counts.pulled = pulled.pulled;
  run.counts.rejected = pulled.rejects.length;
  // One line per kind of problem, not one per row: the run record keeps them, so `runs --id` lists them too.
  for (const group of groupRejects(pulled.rejects)) {
    const text = rejectLine(group);
    warnings.push(text);
    deps.logger.warn('rows rejected', { kind: group.kind, field: group.field, count: group.count, examples: group.examples, reason: group.count === 1 ? group.first : group.problem });
  }
  if (pulled.stoppedForQuota) {
    const { kind, reason } = pulled.stoppedForQuota;
    return stoppedForQuota(deps, run, callsAtStart, { pulled, kind }, reason);
  }
  await reportOrphans(deps, run);
  // Accounts first-party events arrived for (serve's POST /api/events) are scored like changed ones.
  const marks = await deps.store.rescoreMarks(source);
  for (const m of marks) pulled.affectedAccountIds.add(m.accountId);
  if (!options.dryRun) {
    const replayed = await replayForChangedRecords(deps, pulled.affectedAccountIds, pulled.affectedLeadIds);
    if (replayed > 0) warnings.push(`${replayed} failed write(s) of records changed in the CRM get another chance`);
  }

  // A changed mapping may change any account's values: everyone is rescored.
  const rescoredAll = rescoreAllDue(deps, options, mapping.changed ? null : lastFullRescore);
  const matched = await matchPhase(deps, { changedAccountIds: pulled.changedAccountIds, changedLeadIds: pulled.changedLeadIds, all: rescoredAll });
  for (const id of matched.affectedAccountIds) pulled.affectedAccountIds.add(id);
  for (const id of matched.affectedLeadIds) pulled.affectedLeadIds.add(id);

  const { models } = await modelsPhase(deps, options);
  const scoredAt = deps.now().toISOString();
  const accountIds = await accountsToScore(deps, rescoredAll, pulled.affectedAccountIds);
  const scored = await scorePhase(deps, options, run.id, accountIds, models);
  const leadsAlone = await leadScorePhase(deps, options, run.id, rescoredAll ? 'all' : [...pulled.affectedLeadIds], models);
  scored.plan.updates.push(...leadsAlone.plan.updates);
  scored.plan.tasks.push(...leadsAlone.plan.tasks);
  Object.assign(scored.plan.names, leadsAlone.plan.names);
  run.counts.scoredAccounts = scored.scoredAccounts;
  run.counts.scoredContacts = scored.scoredContacts;
  run.counts.scoredLeads = scored.scoredLeads + leadsAlone.scoredLeads;
  run.counts.fieldsChanged = scored.fieldsChanged + leadsAlone.fieldsChanged;
  run.counts.tasksPlanned = scored.tasksPlanned + leadsAlone.tasksPlanned;
  if (!options.dryRun) {
    // Only now is everything this run owed scored and planned.
    await deps.store.setWatermark(source, 'rescore-all', rescoredAll ? scoredAt : (lastFullRescore ?? NEVER));
    await deps.store.clearRescoreMarks(source, marks);
    recordPush(deps, run, await pushPhase(deps, callsAtStart, { runId: run.id }));
    if (rescoredAll) await pruneHistory(deps);
  }
  const waiting = await deps.store.countWaitingOutbox(source);
  run.counts.writesWaiting = waiting.failed + waiting.retrying;
  run.counts.apiCalls = deps.connector.usage().calls - callsAtStart;
  run.status = run.errors.length > 0 ? 'partial' : 'succeeded';
  run.finishedAt = deps.now().toISOString();
  return {
    run,
    plan: scored.plan,
    rejects: pulled.rejects,
    fitMode: models.fitMode,
    fitModeReason: models.fitModeReason,
    modelVersion: models.version,
    models,
    rescoredAll,
    durationMs: Date.parse(run.finishedAt) - started,
  };
}

/**
 * Every account (and lead) is rescored on a full or dry run, or when the last full rescore is older than the setting
 * (time decay moves scores). A dry run previews everything: it leaves the mark at "never", so the real run after it
 * rescores everyone too and writes exactly what the plan showed.
 */
function rescoreAllDue(deps: EngineDeps, options: RunOptions, lastFullRescore: string | null): boolean {
  const dueHours = lastFullRescore === null ? Infinity : (deps.now().getTime() - Date.parse(lastFullRescore)) / 3_600_000;
  return options.full || options.dryRun || dueHours >= deps.settings.rescoreAllEveryHours;
}

/** Every account on a full rescore, otherwise the changed ones. */
async function accountsToScore(deps: EngineDeps, all: boolean, affected: Set<string>): Promise<string[]> {
  const ids = await deps.store.listAccountIds(deps.connector.name);
  return all ? ids : ids.filter((id) => affected.has(id));
}

/** Runs `step`; the CRM's words when it refused a call because the daily API requests are used up, else null. */
async function untilQuotaRefusal(step: () => Promise<void>): Promise<string | null> {
  try {
    await step();
    return null;
  } catch (error) {
    const reason = quotaRefusal(error);
    if (reason === null) throw error;
    return reason;
  }
}

/**
 * The org's daily API requests ran out before the pull finished: every further call would be refused, so the run ends
 * here as `partial`, not failed. What was pulled is stored with its watermark (pull-phase), nothing is scored or
 * written, and the outbox keeps every write planned before. The rescore-all mark stays at "never" (set above): the
 * records this run stored no longer look changed, so the next run rescores every account and lead instead of missing
 * them. Models are the stored ones (or untrained rules, never saved): training on a half-pulled store would be wrong.
 */
async function stoppedForQuota(
  deps: EngineDeps,
  run: RunRecord,
  callsAtStart: number,
  during: { pulled: PullResult; kind: ObjectKind } | null,
  reason: string,
): Promise<SyncResult> {
  const warnings = run.warnings ?? (run.warnings = []);
  const pulled = during?.pulled ?? null;
  if (pulled) {
    run.counts.pulled = pulled.pulled;
    run.counts.rejected = pulled.rejects.length;
    for (const group of groupRejects(pulled.rejects)) warnings.push(rejectLine(group));
  }
  run.errors.push(
    during
      ? `stopped while pulling ${PLURAL[during.kind]}: the org's daily API requests are used up; pulled so far is stored, the watermark stays ` +
          `at the last stored page, the next run continues (and rescores every account); planned writes stay queued. ${reason}`
      : `stopped before pulling: the org's daily API requests are used up; nothing was pulled or written, the next run starts from the same ` +
          `watermarks; planned writes stay queued. ${reason}`,
  );
  deps.logger.warn("run stopped: the CRM's daily API requests are used up", { kind: during?.kind ?? null, reason });
  const waiting = await deps.store.countWaitingOutbox(deps.connector.name);
  run.counts.writesWaiting = waiting.failed + waiting.retrying;
  run.counts.apiCalls = deps.connector.usage().calls - callsAtStart;
  run.status = 'partial';
  run.finishedAt = deps.now().toISOString();
  const stored = await storedModels(deps.store, deps.scoringConfig);
  const models = stored?.models ?? deps.scoring.createModelTrainer(deps.scoringConfig, deps.now()).finish();
  return {
    run,
    plan: emptyPlan(),
    rejects: pulled?.rejects ?? [],
    fitMode: models.fitMode,
    fitModeReason: models.fitModeReason,
    modelVersion: models.version,
    models,
    rescoredAll: false,
    durationMs: Date.parse(run.finishedAt) - Date.parse(run.startedAt),
  };
}

/** A rescore-all mark that is always due. */
const NEVER = new Date(0).toISOString();
