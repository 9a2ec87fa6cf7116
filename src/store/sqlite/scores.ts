import type Database from 'better-sqlite3';
import type { AccountScore, ContactScore, PriorAccountState } from '../../model/scores.js';
import { distinct, lastById } from '../common/collections.js';
import { parseJson } from '../common/record-rows.js';
import type { StateStore } from '../store.js';
import { selectIn } from './select-in.js';

type ScoreMethods = Pick<
  StateStore,
  'saveScores' | 'latestAccountScore' | 'latestContactScores' | 'accountScoreHistory' | 'getPriorStates' | 'savePriorStates'
>;

export function sqliteScores(db: Database.Database): ScoreMethods {
  const insertAccountScore = db.prepare(
    'INSERT INTO account_scores (source, account_id, run_id, scored_at, body) VALUES (@source, @accountId, @runId, @scoredAt, @body)',
  );
  // Contact scores of a rescored account are replaced as a set, so a contact that left the account leaves its scores too.
  const clearContactScores = db.prepare('DELETE FROM contact_scores WHERE source = ? AND account_id = ?');
  const upsertContactScore = db.prepare(`
    INSERT INTO contact_scores (source, contact_id, account_id, run_id, body) VALUES (@source, @contactId, @accountId, @runId, @body)
    ON CONFLICT (source, contact_id) DO UPDATE SET account_id = excluded.account_id, run_id = excluded.run_id, body = excluded.body`);
  const history = db
    .prepare('SELECT body FROM account_scores WHERE source = ? AND account_id = ? ORDER BY scored_at DESC, id DESC LIMIT ?')
    .pluck();
  const contactScores = db.prepare('SELECT body FROM contact_scores WHERE source = ? AND account_id = ? ORDER BY contact_id').pluck();
  const priorStates = db.prepare(
    'SELECT p.account_id, p.body FROM json_each(@ids) AS j CROSS JOIN prior_states AS p ON p.source = @source AND p.account_id = j.value',
  );
  const upsertPriorState = db.prepare(`
    INSERT INTO prior_states (source, account_id, body) VALUES (@source, @accountId, @body)
    ON CONFLICT (source, account_id) DO UPDATE SET body = excluded.body`);

  const writeScores = db.transaction((source: string, runId: string, accounts: AccountScore[], contacts: ContactScore[]) => {
    for (const score of accounts) {
      insertAccountScore.run({ source, accountId: score.accountId, runId, scoredAt: score.scoredAt, body: JSON.stringify(score) });
      clearContactScores.run(source, score.accountId);
    }
    for (const score of lastById(contacts, (c) => c.contactId)) {
      upsertContactScore.run({ source, contactId: score.contactId, accountId: score.accountId, runId, body: JSON.stringify(score) });
    }
  });
  const writePriorStates = db.transaction((source: string, states: Map<string, PriorAccountState>) => {
    for (const [accountId, state] of states) upsertPriorState.run({ source, accountId, body: JSON.stringify(state) });
  });

  return {
    async saveScores(source, runId, accounts, contacts) {
      writeScores.immediate(source, runId, accounts, contacts);
    },
    async latestAccountScore(source, accountId) {
      const body = history.get(source, accountId, 1) as string | undefined;
      return body === undefined ? null : parseJson<AccountScore>(body);
    },
    async latestContactScores(source, accountId) {
      return (contactScores.all(source, accountId) as string[]).map((b) => parseJson<ContactScore>(b));
    },
    async accountScoreHistory(source, accountId, limit) {
      return (history.all(source, accountId, limit) as string[]).map((b) => parseJson<AccountScore>(b));
    },
    async getPriorStates(source, accountIds) {
      const rows = selectIn<{ account_id: string; body: string }>(priorStates, { source }, distinct(accountIds));
      return new Map(rows.map((r) => [r.account_id, parseJson<PriorAccountState>(r.body)]));
    },
    async savePriorStates(source, states) {
      writePriorStates.immediate(source, states);
    },
  };
}
