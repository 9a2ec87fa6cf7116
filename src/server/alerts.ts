/**
 * Alerts: a run that failed, ended partial, or left the CRM's API budget under the reserve posts a short message to
 * SCORESYNC_ALERT_WEBHOOK. The body is Slack-compatible (`text`) and carries the facts as fields for other receivers.
 * Posting retries with backoff and never throws: an unreachable webhook must not fail a run.
 */
import type { Logger } from '../log/logger.js';
import type { RunRecord } from '../model/sync.js';

export interface AlertOptions {
  /** Null: alerts are off. Never logged (a Slack webhook URL is a secret). */
  url: string | null;
  logger: Logger;
  attempts?: number;
  /** Waits between attempts (tests pass a fake). */
  sleep?: (ms: number) => Promise<void>;
  timeoutMs?: number;
}

export interface RunAlertInput {
  run: RunRecord;
  budget: { limit: number | null; remaining: number | null };
  reservePercent: number;
}

export interface AlertMessage {
  text: string;
  kind: 'run_failed' | 'run_partial' | 'budget_low';
  runId: string;
  connector: string;
}

/** Why a run deserves an alert, as messages (none: it does not). */
export function runAlerts({ run, budget, reservePercent }: RunAlertInput): AlertMessage[] {
  const base = { runId: run.id, connector: run.connector };
  const alerts: AlertMessage[] = [];
  // The first line of the first error: a chat message, not a report (GET /api/runs/:id has the rest).
  const first = run.errors[0] ? `: ${run.errors[0].split('\n')[0]!.slice(0, 300)}` : '';
  if (run.status === 'failed') alerts.push({ ...base, kind: 'run_failed', text: `ScoreSync run ${run.id} (${run.connector}) failed${first}` });
  if (run.status === 'partial') {
    alerts.push({
      ...base,
      kind: 'run_partial',
      text: `ScoreSync run ${run.id} (${run.connector}) finished partial: ${run.counts.writeFailures} write(s) failed, ${run.counts.writesWaiting} waiting${first}`,
    });
  }
  if (budget.limit !== null && budget.remaining !== null && budget.limit > 0 && (budget.remaining / budget.limit) * 100 < reservePercent) {
    alerts.push({
      ...base,
      kind: 'budget_low',
      text: `ScoreSync (${run.connector}): the CRM API budget is under the ${reservePercent}% reserve after run ${run.id}: ${budget.remaining} of ${budget.limit} calls left`,
    });
  }
  return alerts;
}

export class AlertSender {
  private readonly pending = new Set<Promise<void>>();
  constructor(private readonly options: AlertOptions) {}

  /** Fire and forget; `flush()` waits for what is in flight (shutdown, tests). */
  send(message: AlertMessage): void {
    if (this.options.url === null) return;
    const sending = this.post(this.options.url, message).finally(() => this.pending.delete(sending));
    this.pending.add(sending);
  }

  async flush(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  private async post(url: string, message: AlertMessage): Promise<void> {
    const attempts = this.options.attempts ?? 4;
    const sleep = this.options.sleep ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref()));
    let lastProblem = '';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(message),
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
        });
        await response.body?.cancel();
        if (response.ok) return;
        lastProblem = `HTTP ${response.status}`;
        // A 4xx other than throttling will not get better by asking again.
        if (response.status < 500 && response.status !== 429) break;
      } catch (error) {
        lastProblem = error instanceof Error ? error.message : String(error);
      }
      if (attempt < attempts) await sleep(500 * 2 ** (attempt - 1));
    }
    this.options.logger.warn('could not post an alert to SCORESYNC_ALERT_WEBHOOK; the run is not affected', { kind: message.kind, runId: message.runId, problem: lastProblem });
  }
}
