import type Database from 'better-sqlite3';
import type { AccountScore, AccountScorePoint, ContactScore, PriorAccountState } from '../../model/scores.js';
import { distinct, lastById } from '../common/collections.js';
import { parseJson } from '../common/record-rows.js';
import { fromScorePointRow, SCORE_POINT_COLUMNS, toScorePoint, type ScorePointRow } from '../common/score-points.js';
import type { StateStore } from '../store.js';
import { selectIn } from './select-in.js';

/** A serialised row: an account's contact score set, or (with its history point) its latest score. */
interface ScoreRow {
  accountId: string;
  body: string;
}

interface AccountScoreRow extends ScoreRow {
  point: AccountScorePoint;
}

type ScoreMethods = Pick<
  StateStore,
  'saveScores' | 'latestAccountScore' | 'latestContactScores' | 'accountScoreHistory' | 'getPriorStates' | 'savePriorStates'
>;

/**
 * Scores and prior states. Contact scores are kept as one set per account (schema version 5): a rescored account's
 * set is replaced whole, so a contact that left the account leaves its scores too.
 */
export function sqliteScores(db: Database.Database): ScoreMethods {
  const upsertLatestScore = db.prepare(`
    INSERT INTO latest_account_scores (source, account_id, run_id, scored_at, body) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (source, account_id) DO UPDATE SET run_id = excluded.run_id, scored_at = excluded.scored_at, body = excluded.body`);
  const insertPoint = db.prepare(`
    INSERT INTO account_score_history (source, account_id, ${SCORE_POINT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const latestScore = db.prepare('SELECT body FROM latest_account_scores WHERE source = ? AND account_id = ?').pluck();
  const upsertContactSet = db.prepare(`
    INSERT INTO contact_score_sets (source, account_id, run_id, body) VALUES (?, ?, ?, ?)
    ON CONFLICT (source, account_id) DO UPDATE SET run_id = excluded.run_id, body = excluded.body`);
  const contactSet = db.prepare('SELECT body FROM contact_score_sets WHERE source = ? AND account_id = ?').pluck();
  // A contact whose record now sits on another account is no longer this account's, even before that account is rescored.
  const currentAccountOf = db.prepare(`
    SELECT r.id, r.account_id FROM json_each(?) AS j CROSS JOIN records AS r ON r.source = ? AND r.kind = 'contact' AND r.id = j.value`);
  const history = db.prepare(
    `SELECT ${SCORE_POINT_COLUMNS} FROM account_score_history WHERE source = ? AND account_id = ? ORDER BY scored_at DESC, id DESC LIMIT ?`,
  );
  const priorStates = db.prepare(
    'SELECT p.account_id, p.body FROM json_each(@ids) AS j CROSS JOIN prior_states AS p ON p.source = @source AND p.account_id = j.value',
  );
  const upsertPriorState = db.prepare(`
    INSERT INTO prior_states (source, account_id, body) VALUES (?, ?, ?)
    ON CONFLICT (source, account_id) DO UPDATE SET body = excluded.body`);

  const storedSet = (source: string, accountId: string): ContactScore[] => {
    const body = contactSet.get(source, accountId) as string | undefined;
    return body === undefined ? [] : parseJson<ContactScore[]>(body);
  };

  // Bodies are serialised before the write transaction opens: the write lock (shared with score workers and other
  // processes) is held only for the row writes. Contacts of an account not rescored in this call join its stored
  // set instead of replacing it; that set is read inside the transaction so nothing slips in between.
  const writeScores = db.transaction(
    (source: string, runId: string, accountRows: AccountScoreRow[], setRows: ScoreRow[], strays: Map<string, ContactScore[]>) => {
      for (const { accountId, point: p, body } of accountRows) {
        upsertLatestScore.run(source, accountId, runId, p.scoredAt, body);
        const values = [p.fitScore, p.fitBucket, p.engagementScore, p.intentScore, p.inMarket ? 1 : 0, p.stage, p.tier, p.qualified ? 1 : 0, p.modelVersion];
        insertPoint.run(source, accountId, p.scoredAt, p.runId, ...values);
      }
      for (const row of setRows) upsertContactSet.run(source, row.accountId, runId, row.body);
      for (const [accountId, joining] of strays) {
        const ids = new Set(joining.map((c) => c.contactId));
        const set = [...storedSet(source, accountId).filter((c) => !ids.has(c.contactId)), ...joining];
        upsertContactSet.run(source, accountId, runId, JSON.stringify(set));
      }
    },
  );
  const writePriorStates = db.transaction((source: string, rows: [string, string][]) => {
    for (const [accountId, body] of rows) upsertPriorState.run(source, accountId, body);
  });

  return {
    async saveScores(source, runId, accounts, contacts) {
      const sets = new Map<string, ContactScore[]>(accounts.map((a) => [a.accountId, []]));
      const strays = new Map<string, ContactScore[]>();
      for (const score of lastById(contacts, (c) => c.contactId)) {
        if (score.accountId === null) continue;
        const set = sets.get(score.accountId) ?? strays.get(score.accountId);
        if (set) set.push(score);
        else strays.set(score.accountId, [score]);
      }
      const accountRows = accounts.map((a): AccountScoreRow => ({ accountId: a.accountId, point: toScorePoint(a, runId), body: JSON.stringify(a) }));
      const setRows = [...sets].map(([accountId, set]): ScoreRow => ({ accountId, body: JSON.stringify(set) }));
      writeScores.immediate(source, runId, accountRows, setRows, strays);
    },
    async latestAccountScore(source, accountId) {
      const body = latestScore.get(source, accountId) as string | undefined;
      return body === undefined ? null : parseJson<AccountScore>(body);
    },
    async latestContactScores(source, accountId) {
      const set = storedSet(source, accountId);
      const moved = new Set(
        (currentAccountOf.all(JSON.stringify(set.map((c) => c.contactId)), source) as { id: string; account_id: string | null }[])
          .filter((r) => r.account_id !== accountId)
          .map((r) => r.id),
      );
      return set.filter((c) => !moved.has(c.contactId)).sort((a, b) => (a.contactId < b.contactId ? -1 : a.contactId > b.contactId ? 1 : 0));
    },
    async accountScoreHistory(source, accountId, limit) {
      return (history.all(source, accountId, limit) as ScorePointRow[]).map(fromScorePointRow);
    },
    async getPriorStates(source, accountIds) {
      const rows = selectIn<{ account_id: string; body: string }>(priorStates, { source }, distinct(accountIds));
      return new Map(rows.map((r) => [r.account_id, parseJson<PriorAccountState>(r.body)]));
    },
    async savePriorStates(source, states) {
      writePriorStates.immediate(
        source,
        [...states].map(([accountId, state]): [string, string] => [accountId, JSON.stringify(state)]),
      );
    },
  };
}
