import type { PriorAccountState } from '../../src/model/scores.js';
import type { ContractContext } from './contract.js';
import { toScorePoint } from '../../src/store/common/score-points.js';
import { accountScore, contact, contactScore, fieldsPayload, SOURCE, taskPayload } from './fixtures.js';

const prior = (stage: PriorAccountState['stage']): PriorAccountState => ({
  stage,
  stageEnteredAt: '2024-02-01T00:00:00.000Z',
  previousStage: null,
  qualified: false,
  qualifiedSince: null,
  qualifiedUntil: null,
  lifecycleByContact: { c1: 'MQL' },
  lastTaskAtByRule: { 'became-qualified': '2024-01-15T00:00:00.000Z' },
});

export function historyContract({ open }: ContractContext): void {
  it('appends account scores to history and replaces the latest contact scores', async () => {
    const store = await open();
    await store.saveScores(SOURCE, 'run-1', [accountScore('a1', '2024-03-01T00:00:00.000Z', 40)], [contactScore('c1', 'a1'), contactScore('c2', 'a1')]);
    await store.saveScores(SOURCE, 'run-2', [accountScore('a1', '2024-03-02T00:00:00.000Z', 55), accountScore('a2', '2024-03-02T00:00:00.000Z')], [
      contactScore('c1', 'a1', 90),
    ]);
    expect((await store.latestAccountScore(SOURCE, 'a1'))?.fit.score).toBe(55);
    expect(await store.latestAccountScore(SOURCE, 'a1')).toEqual(accountScore('a1', '2024-03-02T00:00:00.000Z', 55));
    expect((await store.accountScoreHistory(SOURCE, 'a1', 10)).map((s) => [s.fitScore, s.runId])).toEqual([
      [55, 'run-2'],
      [40, 'run-1'],
    ]);
    expect(await store.accountScoreHistory(SOURCE, 'a1', 1)).toEqual([toScorePoint(accountScore('a1', '2024-03-02T00:00:00.000Z', 55), 'run-2')]);
    // c2 was not in a1's newer scoring (it left the account), so only c1's newest score remains.
    expect(await store.latestContactScores(SOURCE, 'a1')).toEqual([contactScore('c1', 'a1', 90)]);
    expect(await store.latestAccountScore(SOURCE, 'nobody')).toBeNull();
    expect(await store.latestAccountScore('other', 'a1')).toBeNull();
  });

  it('keeps history as compact points and prunes done writes and old points by age, never the latest score', async () => {
    const store = await open();
    await store.saveScores(SOURCE, 'run-1', [accountScore('a1', '2024-01-01T00:00:00.000Z', 30)], []);
    await store.saveScores(SOURCE, 'run-2', [accountScore('a1', '2024-03-01T00:00:00.000Z', 60)], []);
    const [point] = await store.accountScoreHistory(SOURCE, 'a1', 1);
    expect(point).toEqual({
      scoredAt: '2024-03-01T00:00:00.000Z',
      runId: 'run-2',
      fitScore: 60,
      fitBucket: 'Moderate',
      engagementScore: 10,
      intentScore: 0,
      inMarket: false,
      stage: 'Awareness',
      tier: 'Tier 2',
      qualified: false,
      modelVersion: 'rules-1',
    });
    await store.enqueueOutbox('run-1', SOURCE, [fieldsPayload('a1', 1), fieldsPayload('a2', 1), taskPayload('t1')]);
    const [written, pending, failed] = await store.pendingOutbox(SOURCE, 10);
    await store.markOutboxDone([written?.id ?? -1]); // updated "now" by the store's clock: 2024-03-10
    await store.markOutboxFailed(failed?.id ?? -1, 'NOT_FOUND', true);

    expect(await store.pruneHistory('2024-03-10T00:00:00.000Z', '2024-02-01T00:00:00.000Z')).toEqual({ writes: 0, scorePoints: 1 });
    expect(await store.pruneHistory('2024-03-11T00:00:00.000Z', '2024-02-01T00:00:00.000Z')).toEqual({ writes: 1, scorePoints: 0 });
    expect((await store.accountScoreHistory(SOURCE, 'a1', 10)).map((p) => p.runId)).toEqual(['run-2']);
    expect((await store.pendingOutbox(SOURCE, 10)).map((i) => i.id)).toEqual([pending?.id]);
    expect(await store.failedOutbox(SOURCE, 10)).toHaveLength(1);
    // the latest full score stays whatever its age
    await store.pruneHistory('2030-01-01T00:00:00.000Z', '2030-01-01T00:00:00.000Z');
    expect((await store.latestAccountScore(SOURCE, 'a1'))?.fit.score).toBe(60);
    expect(await store.accountScoreHistory(SOURCE, 'a1', 10)).toEqual([]);
  });

  it('moves a contact that changed accounts and adds scores of an account not rescored to its set', async () => {
    const store = await open();
    await store.upsertRecords(SOURCE, 'contact', [contact('c1', 'a1'), contact('c2', 'a1')]);
    await store.saveScores(SOURCE, 'run-1', [accountScore('a1', '2024-03-01T00:00:00.000Z')], [contactScore('c1', 'a1'), contactScore('c2', 'a1')]);
    await store.upsertRecords(SOURCE, 'contact', [contact('c2', 'a2')]);
    await store.saveScores(SOURCE, 'run-2', [accountScore('a2', '2024-03-02T00:00:00.000Z')], [contactScore('c2', 'a2', 80)]);
    expect(await store.latestContactScores(SOURCE, 'a1')).toEqual([contactScore('c1', 'a1')]);
    expect(await store.latestContactScores(SOURCE, 'a2')).toEqual([contactScore('c2', 'a2', 80)]);
    await store.saveScores(SOURCE, 'run-3', [], [contactScore('c0', 'a1', 10)]);
    expect(await store.latestContactScores(SOURCE, 'a1')).toEqual([contactScore('c0', 'a1', 10), contactScore('c1', 'a1')]);
    expect(await store.latestContactScores('other', 'a1')).toEqual([]);
  });

  it('keeps one prior state per account and returns only the ones asked for', async () => {
    const store = await open();
    await store.savePriorStates(SOURCE, new Map([['a1', prior('Awareness')], ['a2', prior('Target')]]));
    await store.savePriorStates(SOURCE, new Map([['a1', prior('Decision')]]));
    const states = await store.getPriorStates(SOURCE, ['a1', 'unknown']);
    expect([...states.keys()]).toEqual(['a1']);
    expect(states.get('a1')).toEqual(prior('Decision'));
    expect((await store.getPriorStates(SOURCE, [])).size).toBe(0);
  });

  it('lists stage changes oldest first', async () => {
    const store = await open();
    const later = { accountId: 'a1', fromStage: 'Awareness' as const, toStage: 'Decision' as const, changedAt: '2024-03-05T00:00:00.000Z', runId: 'r2' };
    const earlier = { accountId: 'a1', fromStage: null, toStage: 'Awareness' as const, changedAt: '2024-03-01T00:00:00.000Z', runId: 'r1' };
    await store.recordStageChanges(SOURCE, [later]);
    await store.recordStageChanges(SOURCE, [earlier, { ...earlier, accountId: 'a2' }]);
    await store.recordStageChanges(SOURCE, []);
    expect(await store.stageHistory(SOURCE, 'a1')).toEqual([earlier, later]);
    expect(await store.stageHistory(SOURCE, 'a3')).toEqual([]);
  });

  it('returns the newest trained model by name', async () => {
    const store = await open();
    expect(await store.latestModel('fit')).toBeNull();
    await store.saveModel({ name: 'fit', version: 'v2', trainedAt: '2024-03-02T00:00:00.000Z', body: { weights: [0.5, -1.25] } });
    await store.saveModel({ name: 'fit', version: 'v1', trainedAt: '2024-03-01T00:00:00.000Z', body: { weights: [1] } });
    await store.saveModel({ name: 'persona', version: 'p9', trainedAt: '2024-04-01T00:00:00.000Z', body: null });
    expect(await store.latestModel('fit')).toEqual({ name: 'fit', version: 'v2', trainedAt: '2024-03-02T00:00:00.000Z', body: { weights: [0.5, -1.25] } });
    expect((await store.latestModel('persona'))?.body).toBeNull();
  });
}
