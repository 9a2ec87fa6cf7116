/**
 * `scoresync unlock --connector X`: release the run lock of a run whose process is gone, for an operator who knows it
 * is gone before its lease runs out. Refuses while the holder is alive: its pid still runs on this machine, or (on
 * another machine, whose processes this one cannot see) it renewed its lease within the last lease.
 */
import type { GlobalOptions } from '../context.js';
import { connectorName, loadApp, openAppStore } from '../context.js';
import type { Output } from '../output.js';
import { UserError } from '../user-error.js';
import { judgeHolder, sameMachine } from '../../sync/lock-holder.js';
import { runLockName } from '../../sync/run-lease.js';

export async function unlockCommand(global: GlobalOptions, output: Output, now: () => Date = () => new Date()): Promise<void> {
  const app = loadApp(global);
  const connector = connectorName(app, global);
  const store = await openAppStore(app);
  try {
    const name = runLockName(connector);
    const lock = await store.getLock(name);
    if (lock === null) {
      output.print(global.json ? JSON.stringify({ connector, released: false, holder: null, abandoned: [] }) : `No run holds the lock of connector "${connector}"; nothing to do.`);
      return;
    }
    const verdict = judgeHolder(lock, now());
    if (verdict.state === 'alive') {
      const stop = sameMachine(lock) && lock.pid !== undefined ? `Stop that process first (kill ${lock.pid}) or let it finish` : 'Stop it on its machine, or let it finish';
      throw new UserError(
        `The lock of connector "${connector}" is held by a live run: ${verdict.reason}. unlock does not release a live run's lock ` +
          `(two runs would write at once). ${stop}; if its machine is gone, its lease runs out by itself and the next run takes over.`,
      );
    }
    const at = now().toISOString();
    const reason = `abandoned: released by \`scoresync unlock\` because ${verdict.reason}. What it had planned stays queued and is written by the next run.`;
    // Abandon first: while the dead holder's lock stands, no other run can have started.
    const abandoned = await store.abandonRuns(connector, '', at, reason);
    await store.releaseLock(name, lock.owner);
    if (global.json) {
      output.print(JSON.stringify({ connector, released: true, holder: lock.owner, reason: verdict.reason, abandoned }, null, 2));
      return;
    }
    output.print(
      `Released the lock of connector "${connector}" held by run ${lock.owner}: ${verdict.reason}. ` +
        `${abandoned.length > 0 ? `Marked abandoned: ${abandoned.join(', ')}. ` : ''}The next run resumes its planned writes.`,
    );
  } finally {
    await store.close();
  }
}
