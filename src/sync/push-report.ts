/** What a push leaves in the run record: counts, each write that failed for good, and one line per kind of retryable failure. */
import type { RunRecord } from '../model/sync.js';
import type { EngineDeps } from './engine-deps.js';
import type { PushResult } from './push-phase.js';
import { retryAt } from './retry-schedule.js';

export function recordPush(deps: Pick<EngineDeps, 'now' | 'settings'>, run: RunRecord, pushed: PushResult): void {
  run.counts.recordsWritten += pushed.recordsWritten;
  run.counts.writeFailures += pushed.writeFailures;
  run.counts.tasksCreated += pushed.tasksCreated;
  run.counts.writesDeferred += pushed.deferred.size;
  run.errors.push(...pushed.errors, ...deferredLines(deps, pushed.deferred));
  if (pushed.stoppedForQuota) {
    run.errors.push(`stopped writing: the CRM's daily API limit is used up (${pushed.stopReason ?? 'REQUEST_LIMIT_EXCEEDED'}); the rest is queued for the next run, most important first`);
  } else if (pushed.stoppedForBudget) {
    run.errors.push(`stopped writing to keep the API budget: ${pushed.stopReason ?? 'limit reached'}; the rest is queued for the next run, most important first`);
  }
}

/** "3 write(s) failed with a retryable error and stay queued (WRITE_FAILED: EACCES …) …": one line per error code. */
function deferredLines(deps: Pick<EngineDeps, 'now' | 'settings'>, deferred: PushResult['deferred']): string[] {
  const byCode = new Map<string, { count: number; sample: string }>();
  for (const { code, text } of deferred.values()) {
    const group = byCode.get(code) ?? { count: 0, sample: text.replace(/\.+$/, '') };
    group.count++;
    byCode.set(code, group);
  }
  const next = retryAt(deps.now(), null).slice(0, 16).replace('T', ' ');
  return [...byCode.values()].map(
    ({ count, sample }) =>
      `${count} write(s) failed with a retryable error and stay queued, e.g. ${sample}. Runs from ${next} UTC try them again ` +
      `(then less often, up to hourly, for ${deps.settings.retryForHours} h); \`scoresync retry\` sends them now.`,
  );
}
