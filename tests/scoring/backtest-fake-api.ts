/**
 * A small, real ScoringApi for backtest tests, simple enough to compute its results by hand:
 * rules fit = employees / 10 (capped at 100); learned fit = the industry's win rate in training × 100;
 * engagement = 10 per activity; intent = highest third-party score; stage Awareness once there is any activity.
 */
import type { ScoringConfig } from '../../src/config/scoring-schema.js';
import type { AccountBundle } from '../../src/model/records.js';
import { emptyPriorState, type AccountScore, type FitBucket } from '../../src/model/scores.js';
import type { ScoringApi, ScoringModels } from '../../src/scoring/api.js';

interface FakeParams {
  winRateByIndustry: Record<string, number>;
}

const LEARNED_MIN_WON = 2;

export const fakeScoringApi: ScoringApi = {
  createModelTrainer(config: ScoringConfig, now: Date) {
    const tally: Record<string, { accounts: number; won: number }> = {};
    let wonAccounts = 0;
    return {
      add(bundle: AccountBundle) {
        const industry = bundle.account.industry ?? '';
        const won = bundle.opportunities.some((o) => o.isClosed && o.isWon);
        const t = (tally[industry] ??= { accounts: 0, won: 0 });
        t.accounts++;
        if (won) {
          t.won++;
          wonAccounts++;
        }
      },
      needsHistory: false,
      addHistory() {},
      partial() {
        return { kind: 'fake', asOf: now.toISOString(), state: { tally, wonAccounts } };
      },
      merge(partial) {
        const state = partial.state as { tally: typeof tally; wonAccounts: number };
        wonAccounts += state.wonAccounts;
        for (const [industry, counts] of Object.entries(state.tally)) {
          const t = (tally[industry] ??= { accounts: 0, won: 0 });
          t.accounts += counts.accounts;
          t.won += counts.won;
        }
      },
      finish(): ScoringModels {
        const learned = config.fit.mode === 'learned' || (config.fit.mode === 'auto' && wonAccounts >= LEARNED_MIN_WON);
        const enough = wonAccounts >= LEARNED_MIN_WON;
        if (!learned || !enough) {
          return { version: 'rules-v1', fitMode: 'rules', fitModeReason: `rules: ${wonAccounts} won accounts`, trainedAt: now.toISOString(), params: null };
        }
        const params: FakeParams = { winRateByIndustry: Object.fromEntries(Object.entries(tally).map(([k, v]) => [k, v.won / v.accounts])) };
        return { version: 'learned-v1', fitMode: 'learned', fitModeReason: `learned: ${wonAccounts} won accounts`, trainedAt: now.toISOString(), params };
      },
    };
  },

  scoreAccount(bundle, _prior, models, _config, now) {
    const a = bundle.account;
    const fitScore =
      models.fitMode === 'learned'
        ? Math.round(((models.params as FakeParams).winRateByIndustry[a.industry ?? ''] ?? 0) * 100)
        : Math.min(100, (a.employees ?? 0) / 10);
    const bucket: FitBucket = fitScore >= 81 ? 'Strong' : fitScore >= 50 ? 'Moderate' : 'Weak';
    const engagement = bundle.activities.length * 10;
    const intent = Math.max(0, ...bundle.intent.map((s) => s.score));
    const scoredAt = now.toISOString();
    const score: AccountScore = {
      accountId: a.id,
      fit: { score: fitScore, bucket, mode: models.fitMode, modelVersion: models.version, contributors: [] },
      engagement: { score: engagement, contributors: [], engagedPersonas: [], raw: engagement },
      intent: { score: intent, inMarket: intent >= 60, surgingTopics: [], contributors: [] },
      stage: { stage: engagement > 0 ? 'Awareness' : 'Target', previousStage: null, enteredAt: scoredAt, contributors: [] },
      tier: { tier: 'none', expectedAcv: 0, source: 'rules', contributors: [] },
      qualified: { qualified: false, since: null, until: null },
      reasons: '',
      scoredAt,
      modelVersion: models.version,
    };
    const nextState = { ...emptyPriorState(), stage: score.stage.stage, stageEnteredAt: scoredAt };
    const priorityInputs = {
      fit: fitScore,
      engagement,
      intent,
      stage: score.stage.stage,
      engagedPersonas: 0,
      daysSinceLastActivity: null,
      openOpportunity: false,
      customer: false,
    };
    return { account: score, contacts: [], leads: [], tasks: [], nextState, stageChange: null, priorityInputs };
  },
  // Backtests score accounts only; a lone lead gets 10 engagement points per activity and no persona or fit.
  scoreLead(bundle, _prior, models, _config, now) {
    const engagement = bundle.activities.length * 10;
    return {
      lead: {
        leadId: bundle.lead.id,
        accountId: null,
        matchReason: null,
        persona: null,
        personaScore: 0,
        personaGrade: 'D',
        engagement: { score: engagement, contributors: [], engagedPersonas: [], raw: engagement },
        fit: { score: 0, bucket: 'Weak', mode: models.fitMode, modelVersion: models.version, contributors: [] },
        lifecycleStage: null,
        contributors: [],
        scoredAt: now.toISOString(),
      },
      tasks: [],
    };
  },
  wantsHistory: () => false,
  historySince: () => new Date(0).toISOString(),
  // Every activity counts (10 points each), however old: nothing may be left out.
  activitiesSince: () => new Date(0).toISOString(),
};
