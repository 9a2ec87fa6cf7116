/**
 * How many writes a kill makes the next run send again: kills a run at every step (bench/kill-lab.ts), lets the next
 * run finish, and compares what was sent with a fault-free run. The answer is bounded by the CRM batch whose answer
 * the killed run had not recorded yet, so it is reported next to the batch size, as a ratio.
 *
 *   npm run bench:kill -- --accounts 40 --write-batch 200 --task-batch 100
 */
import { parseArgs } from 'node:util';
import { KillLab } from './kill-lab.js';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '40' },
    seed: { type: 'string', default: '11' },
    'write-batch': { type: 'string', default: '200' },
    'task-batch': { type: 'string', default: '100' },
    'score-batch': { type: 'string', default: '10' },
  },
});

const options = {
  accounts: Number(values.accounts),
  seed: Number(values.seed),
  writeBatchSize: Number(values['write-batch']),
  taskBatchSize: Number(values['task-batch']),
  scoreBatchSize: Number(values['score-batch']),
};
const lab = KillLab.create(options);
try {
  const reference = await lab.reference();
  const resent: number[] = [];
  let mismatches = 0;
  for (let step = 1; step <= reference.steps; step++) {
    const trial = await lab.trial([step]);
    if (JSON.stringify(trial.files) !== JSON.stringify(reference.files)) mismatches++;
    resent.push(trial.sent - reference.sent);
  }
  const largest = Math.max(...resent);
  const batch = Math.max(options.writeBatchSize, options.taskBatchSize);
  console.log(
    JSON.stringify({
      ...options,
      writesOfACleanRun: reference.sent,
      killSteps: reference.steps,
      resentMax: largest,
      resentMean: Number((resent.reduce((a, b) => a + b, 0) / resent.length).toFixed(2)),
      killsResendingNothing: resent.filter((n) => n === 0).length,
      largestBatch: batch,
      resentMaxPerBatch: Number((largest / batch).toFixed(3)),
      foldersDifferingFromACleanRun: mismatches,
    }),
  );
} finally {
  lab.dispose();
}
