/**
 * Nothing lost, proven over many kills: fast-check picks one to three steps of a run to kill at (every fault point of
 * the engine and every disk operation of the file connector's writes, see bench/kill-lab.ts), the runs after each kill
 * resume, and the data folder ends byte for byte as a run that never died leaves it: every field written, every task
 * created once, no temp file left, nothing pending. A kill re-sends at most the one CRM batch whose answer it had not
 * recorded yet.
 */
import fc from 'fast-check';
import { KillLab, type RunOutcome } from '../../bench/kill-lab.js';

const OPTIONS = { accounts: 5, seed: 11, writeBatchSize: 3, taskBatchSize: 2, scoreBatchSize: 2 };

describe('killed at any step, a run resumes to the same result', () => {
  let lab: KillLab;
  let reference: RunOutcome;

  beforeAll(async () => {
    lab = KillLab.create(OPTIONS);
    reference = await lab.reference();
  });
  afterAll(() => lab.dispose());

  it('has something to lose: fields, tasks and many steps to die at', () => {
    expect(reference.files['tasks.csv']?.trim().split('\n').length).toBeGreaterThan(1);
    expect(reference.sent).toBeGreaterThan(OPTIONS.writeBatchSize * 3);
    expect(reference.steps).toBeGreaterThan(20);
    expect(Object.keys(reference.files).some((name) => name.endsWith('.tmp'))).toBe(false);
  });

  it('ends as a fault-free run does, re-sending at most one batch per kill', async () => {
    const largestBatch = Math.max(OPTIONS.writeBatchSize, OPTIONS.taskBatchSize);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: reference.steps }), { minLength: 1, maxLength: 3 }), async (kills) => {
        const trial = await lab.trial(kills);
        expect(trial.killedAt.length).toBeGreaterThan(0);
        expect(trial.files).toEqual(reference.files);
        expect({ pending: trial.pending, waiting: trial.waiting, tasksNotCreated: trial.tasksNotCreated }).toEqual({ pending: 0, waiting: 0, tasksNotCreated: 0 });
        expect(trial.sent - reference.sent).toBeLessThanOrEqual(trial.killedAt.length * largestBatch);
      }),
      { numRuns: 30, seed: 20261120 },
    );
  });

  it('kills at every single step once', async () => {
    for (let step = 1; step <= reference.steps; step++) {
      const trial = await lab.trial([step]);
      expect({ step, files: trial.files }).toEqual({ step, files: reference.files });
      expect(trial.sent - reference.sent).toBeLessThanOrEqual(Math.max(OPTIONS.writeBatchSize, OPTIONS.taskBatchSize));
    }
  });
});
